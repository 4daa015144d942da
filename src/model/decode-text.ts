/**
 * Bytes of a manifest → text. UTF-8, with or without a byte order mark; or UTF-16, which Windows
 * PowerShell's `>` writes: with a BOM it is decoded as kubectl decodes it (cli-runtime's file
 * visitor reads through `unicode.BOMOverride`), and without one it is recognised by the NUL bytes
 * that ASCII text has in every other byte (kubectl does not do this: placement is kinder).
 */

/** Which encoding the bytes are in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Guesses the encoding from a BOM, else from the NULs of ASCII text written as UTF-16. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (bytes.length >= 4) {
    if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'utf-16le';
    if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'utf-16be';
  }
  return 'utf-8';
}

/** Decodes manifest bytes to text (see the module comment); a leading BOM is dropped. */
export function decodeText(bytes: Uint8Array): string {
  const encoding = detectEncoding(bytes);
  let view = bytes;
  if (encoding === 'utf-16be') {
    // TextDecoder's UTF-16BE support depends on Node's ICU build; swapping to LE always works.
    view = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      view[i] = bytes[i + 1]!;
      view[i + 1] = bytes[i]!;
    }
  }
  const text = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'utf-16le').decode(view);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
