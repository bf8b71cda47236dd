/**
 * How many terminal columns a string takes: combining marks take none (NFD input), wide East Asian
 * characters two. Vietnamese in NFC is one column per letter.
 *
 * @example
 * displayWidth('Lâm Đồng') // 8
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
  }
  return w;
}

/**
 * Cuts a string to a display width, ending with "…" when it was cut.
 *
 * @example
 * truncate('cơ quan báo chí tỉnh đưa nội dung', 12) // 'cơ quan báo…'
 */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** A column of a {@link textTable}: `flex` columns share what is left of the terminal width. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  flex?: boolean;
  /** Never narrower than this (flex columns); fixed columns take their widest cell. */
  min?: number;
}

/**
 * Lays rows out as an aligned plain-text table fitting `width` columns: fixed columns take their
 * widest cell, flexible ones share the rest and are truncated with "…".
 *
 * @example
 * textTable([{ header: 'Năm' }, { header: 'Chỉ tiêu', flex: true }], [['2025', 'cơ quan báo chí…']], 60)
 * // 'Năm   Chỉ tiêu\n────  ────────…\n2025  cơ quan báo chí…'
 */
export function textTable(columns: Column[], rows: string[][], width = 120): string {
  const gap = 2;
  const natural = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const fixed = columns.reduce((acc, c, i) => acc + (c.flex ? 0 : natural[i]), 0) + gap * (columns.length - 1);
  const flexCols = columns.filter((c) => c.flex).length;
  const share = flexCols ? Math.floor(Math.max(0, width - fixed) / flexCols) : 0;
  const widths = columns.map((c, i) => (c.flex ? Math.min(natural[i], Math.max(c.min ?? 12, share)) : natural[i]));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(truncate(cell ?? '', widths[i]), widths[i], columns[i].align ?? 'left'))
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
