/**
 * ImageLocality at v1.35, ported from imagelocality/image_locality_test.go
 * (TestImageLocalityPriority, TestNormalizedImageName).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ContainerImage } from '../../model/resource-types.js';
import { podResources } from '../../testing/resource-fixtures.js';
import { ImageSpread, imageLocalityScore, nodeImageNames, normalizedImageName, podImages } from './image-locality.js';

const mb = 1024 * 1024;
const img = (sizeMb: number, ...names: string[]): ContainerImage => ({ names, sizeBytes: sizeMb * mb });

const node403002000 = [img(40, 'gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'), img(300, 'gcr.io/300:latest', 'gcr.io/300:v1'), img(2000, 'gcr.io/2000:latest')];
const node25010 = [img(250, 'gcr.io/250:latest'), img(10, 'gcr.io/10:latest', 'gcr.io/10:v1')];
const node60040900 = [img(600, 'gcr.io/600:latest'), img(40, 'gcr.io/40:latest'), img(900, 'gcr.io/900:latest')];
const node300600900 = [img(300, 'gcr.io/300:latest'), img(600, 'gcr.io/600:latest'), img(900, 'gcr.io/900:latest')];
const node400030 = [img(4000, 'gcr.io/4000:latest'), img(30, 'gcr.io/30:latest')];
const node203040 = [img(20, 'gcr.io/20:latest'), img(30, 'gcr.io/30:latest'), img(40, 'gcr.io/40:latest')];
const nodeWithNoImages: ContainerImage[] = [];

function scores(containers: string[], initContainers: string[], nodes: ContainerImage[][]): number[] {
  const pod = podResources({ containers: containers.map((image, i) => ({ name: `c${i}`, image })), initContainers: initContainers.map((image, i) => ({ name: `i${i}`, image })) });
  const spread = new ImageSpread();
  nodes.forEach((images, i) => spread.addNode(`node${i + 1}`, images));
  return nodes.map((images) => imageLocalityScore(podImages(pod), nodeImageNames(images), spread, nodes.length));
}

const cases: [string, string[], string[], ContainerImage[][], number[]][] = [
  ['two images spread on two nodes, prefer the larger image one', ['gcr.io/40', 'gcr.io/250'], [], [node403002000, node25010], [0, 5]],
  ['two images on one node, prefer this node', ['gcr.io/40', 'gcr.io/300'], [], [node403002000, node25010], [7, 0]],
  ['if exceed limit, use limit', ['gcr.io/10', 'gcr.io/4000'], [], [node400030, node25010], [100, 0]],
  ['if exceed limit, use limit (with node which has no images present)', ['gcr.io/10', 'gcr.io/4000'], [], [node400030, node25010, nodeWithNoImages], [66, 0, 0]],
  ['pod with multiple large images, node2 is preferred', ['gcr.io/300', 'gcr.io/600', 'gcr.io/900'], [], [node60040900, node300600900, nodeWithNoImages], [32, 36, 0]],
  ['pod with multiple small images', ['gcr.io/30', 'gcr.io/40'], [], [node203040, node400030], [1, 0]],
  ['include InitContainers: two images spread on two nodes, prefer the larger image one', ['gcr.io/30'], ['gcr.io/300'], [node403002000, node203040], [6, 0]],
];
for (const [name, containers, inits, nodes, want] of cases) {
  test(`TestImageLocalityPriority: ${name}`, () => assert.equal(scores(containers, inits, nodes), want));
}

test('TestNormalizedImageName', () => {
  assert.is(normalizedImageName('root'), 'root:latest', 'add :latest postfix 1');
  assert.is(normalizedImageName('gcr.io:5000/root'), 'gcr.io:5000/root:latest', 'add :latest postfix 2');
  assert.is(normalizedImageName('root:tag'), 'root:tag', 'keep it as is 1');
  const digest = 'root@sha256:4a8a08f09d37b73795649038408b5f33bfc10e8e9de1d4f15e2b7bb2d4ba5e6a';
  assert.is(normalizedImageName(digest), digest, 'keep it as is 2');
});

test('ImageSpread: the size of the first node reporting a name is kept; a name no node holds is forgotten', () => {
  const spread = new ImageSpread();
  spread.addNode('a', [img(100, 'app:v1')]);
  spread.addNode('b', [img(300, 'app:v1')]);
  assert.equal(spread.summary('app:v1'), { size: 100 * mb, numNodes: 2 });
  spread.removeNode('a', [img(100, 'app:v1')]);
  assert.equal(spread.summary('app:v1'), { size: 100 * mb, numNodes: 1 });
  spread.removeNode('b', [img(300, 'app:v1')]);
  assert.is(spread.summary('app:v1'), undefined);
});

test.run();
