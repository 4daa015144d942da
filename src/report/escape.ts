/**
 * Escaping for what the page embeds. Names, labels and reasons come from the cluster and may be
 * hostile (`</script>`, quotes, `<img onerror>`): text goes into HTML only through
 * {@link escapeHtml}, data only as JSON through {@link jsonForScript}.
 */

const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}

/**
 * JSON safe inside `<script type="application/json">`: every `<`, `>` and `&` is written as a
 * `\u` escape, so no `</script>` or `<!--` can end or confuse the element, and U+2028/U+2029 are
 * escaped for readers that still treat them as line ends. `JSON.parse` reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
