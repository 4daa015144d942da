/** Aligned plain-text tables, coloured only on a terminal. */

/** ANSI colours for a terminal; identity functions otherwise. */
export interface Palette {
  readonly green: (s: string) => string;
  readonly red: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const plain = (s: string): string => s;
const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

/** The palette for a stream: colours only when it is a TTY. */
export function palette(tty: boolean): Palette {
  return tty ? { green: ansi(32), red: ansi(31), dim: ansi(2), bold: ansi(1) } : { green: plain, red: plain, dim: plain, bold: plain };
}

/** A cell: its text, and how to colour it once padded (padding counts the plain text). */
export type Cell = string | { readonly text: string; readonly paint: (s: string) => string };

/** Renders rows under a header, columns padded to their widest cell, two spaces apart. */
export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[], p: Palette): string {
  const text = (cell: Cell | undefined): string => (cell === undefined ? '' : typeof cell === 'string' ? cell : cell.text);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => text(row[i]).length)));
  const line = (cells: readonly Cell[], isHeader: boolean): string =>
    cells
      .map((cell, i) => {
        const last = i === cells.length - 1;
        const padded = last ? text(cell) : text(cell).padEnd(widths[i] ?? 0);
        if (isHeader) return p.bold(padded);
        return typeof cell === 'string' ? padded : cell.paint(padded);
      })
      .join('  ')
      .trimEnd();
  return [line(header, true), ...rows.map((row) => line(row, false))].join('\n') + '\n';
}

/** A few names, then how many more: `a, b, c (+12 more)`. */
export function sampleNames(names: readonly string[], shown: number, more = names.length - Math.min(shown, names.length)): string {
  const head = names.slice(0, shown).join(', ');
  return more > 0 ? `${head} (+${more} more)` : head;
}
