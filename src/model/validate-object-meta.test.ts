/**
 * apimachinery `ValidateObjectMeta`'s name and namespace rules (`NameIsDNSSubdomain`,
 * `ValidateNamespaceName`), also for names taken from a URL, where an empty segment
 * (`PUT /v1/workloads//a`) is a missing name.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { validateAnnotations, validateNamespaceName, validateObjectName } from './validate-object-meta.js';

const lines = (errors: ReturnType<typeof validateObjectName>): string[] => errors.map(formatFieldError);

test('validateObjectName: empty is Required, else a DNS subdomain of at most 253 characters', () => {
  assert.equal(lines(validateObjectName('', 'name')), ['name: Required value: name or generateName is required']);
  assert.equal(lines(validateObjectName('web-1.shop', 'name')), []);
  assert.match(lines(validateObjectName('Web_1', 'name'))[0]!, /^name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of/);
  assert.match(lines(validateObjectName('a'.repeat(254), 'name'))[0]!, /: must be no more than 253 characters$/);
});

test('validateNamespaceName: empty is Required, else a DNS label (IsDNS1123Label: no dots, at most 63)', () => {
  assert.equal(lines(validateNamespaceName('', 'namespace')), ['namespace: Required value']);
  assert.equal(lines(validateNamespaceName('team-a', 'namespace')), []);
  assert.equal(lines(validateNamespaceName('team.a', 'namespace')), ['namespace: Invalid value: "team.a": must not contain dots']);
  assert.match(lines(validateNamespaceName('a'.repeat(64), 'namespace'))[0]!, /must be no more than 63 characters/);
  assert.match(lines(validateNamespaceName('Team A', 'namespace'))[0]!, /a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character \(e\.g\. 'my-name', {2}or '123-abc'/);
});

test('validateAnnotations: keys are qualified names whatever their case; 256 KiB in all (TotalAnnotationSizeLimitB)', () => {
  assert.equal(lines(validateAnnotations(new Map([['Example.COM/Owner', 'x']]), 'metadata.annotations')), []);
  assert.equal(lines(validateAnnotations(new Map([['a', 'x'.repeat(256 * 1024 - 1)]]), 'metadata.annotations')), []);
  assert.equal(lines(validateAnnotations(new Map([['a', 'x'.repeat(256 * 1024)]]), 'metadata.annotations')), ['metadata.annotations: Too long: may not be more than 262144 bytes']);
});

test.run();
