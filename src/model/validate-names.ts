/**
 * Name syntax checks with apimachinery's exact messages (`IsQualifiedName`, `IsValidLabelValue`,
 * `IsDNS1123Subdomain` in k8s.io/apimachinery/pkg/util/validation). Each returns the list of
 * problems, empty when the name is valid. Lengths are in bytes, as Go's `len` counts them; their
 * values are in src/model/limits.ts.
 */
import { limits } from './limits.js';

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameRegexp = new RegExp(`^${qualifiedNameFmt}$`);
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueRegexp = new RegExp(`^${labelValueFmt}$`);
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** Go's `len`: UTF-8 bytes. Label text is nearly always ASCII, where bytes are characters. */
const byteLength = (s: string): number => (/^[\x00-\x7f]*$/.test(s) ? s.length : Buffer.byteLength(s, 'utf8'));

/** apimachinery `RegexError`: the message, examples (note Go's double space), and the regex. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const shown = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number, unit: 'bytes' | 'characters' = 'bytes'): string => `must be no more than ${n} ${unit}`;

/**
 * `IsDNS1123Subdomain`: node names and the prefix of a label key. The two callers live in
 * different apimachinery packages whose length messages differ: `characters` for names (util/validation),
 * `bytes` for label-key prefixes (api/validate/content).
 */
export function checkDns1123Subdomain(value: string, unit: 'bytes' | 'characters' = 'characters'): string[] {
  const errs: string[] = [];
  const max = unit === 'bytes' ? limits.labelKeyPrefixBytes.value : limits.nameCharacters.value;
  if (byteLength(value) > max) errs.push(maxLenError(max, unit));
  if (!dns1123SubdomainRegexp.test(value)) errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** `IsDNS1123Label`: namespace names. A valid subdomain that is not a label must have dots, and says so. */
export function checkDns1123Label(value: string): string[] {
  const errs: string[] = [];
  const max = limits.namespaceCharacters.value;
  if (byteLength(value) > max) errs.push(maxLenError(max, 'characters'));
  if (!dns1123LabelRegexp.test(value)) {
    errs.push(dns1123SubdomainRegexp.test(value) ? 'must not contain dots' : regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

/** `IsLabelKey` (formerly `IsQualifiedName`): a label key, taint key or toleration key (`[prefix/]name`). */
export function checkLabelKey(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = value;
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...checkDns1123Subdomain(prefix, 'bytes').map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > limits.labelKeyNameBytes.value) errs.push(`name part ${maxLenError(limits.labelKeyNameBytes.value)}`);
  if (!qualifiedNameRegexp.test(name)) {
    errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** `IsValidLabelValue`: empty, or up to 63 characters of the name alphabet. */
export function checkLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > limits.labelValueBytes.value) errs.push(maxLenError(limits.labelValueBytes.value));
  if (!labelValueRegexp.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** Is `key` a valid label key? */
export const isLabelKey = (key: string): boolean => checkLabelKey(key).length === 0;
/** Is `value` a valid label value? */
export const isLabelValue = (value: string): boolean => checkLabelValue(value).length === 0;
