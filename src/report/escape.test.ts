import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeHtml, jsonForScript } from './escape.js';

const hostile = `</script><img src=x onerror="alert(1)">'&<!-- \u2028\u2029`;

test('escapeHtml: markup characters and both quotes become entities', () => {
  assert.is(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('jsonForScript: no "<", ">" or "&" survives, so nothing can close the script element; JSON.parse reads the value back', () => {
  const value = { name: hostile, labels: [['__proto__', hostile]], nested: { [hostile]: 1 } };
  const text = jsonForScript(value);
  assert.not.match(text, /[<>&\u2028\u2029]/);
  assert.equal(JSON.parse(text), value);
});

test.run();
