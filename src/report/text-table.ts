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

/**
 * Breaks text into lines of at most `width` display columns, at spaces (a word longer than the width
 * is cut).
 *
 * @example
 * wrap('cơ quan báo chí tỉnh đưa nội dung', 16) // ['cơ quan báo chí', 'tỉnh đưa nội', 'dung']
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (displayWidth(word) > width) {
      if (line) lines.push(line), (line = '');
      let head = '';
      for (const ch of word) {
        if (displayWidth(head + ch) > width) break;
        head += ch;
      }
      lines.push(head);
      word = word.slice(head.length);
    }
    if (!line) line = word;
    else if (displayWidth(`${line} ${word}`) <= width) line += ` ${word}`;
    else lines.push(line), (line = word);
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/**
 * A column of a {@link textTable}.
 *
 * @example
 * { header: 'Chỉ tiêu', flex: true, min: 16, maxLines: 3 }
 */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Shrinks first when the table is too wide; its cells wrap onto more lines. */
  flex?: boolean;
  /** Cells wrap onto more lines when the column must shrink (after the flex column). */
  wrap?: boolean;
  /** Never narrower than this. */
  min?: number;
  /** At most this many lines per cell; the last one ends with "…" when cut. */
  maxLines?: number;
}

/**
 * Lays rows out as an aligned plain-text table fitting `width` columns: each column takes its widest
 * cell; when that is too wide, the flexible column shrinks first, then the wrapping ones, and their
 * cells continue on the next lines (up to `maxLines`, then "…").
 *
 * @example
 * textTable([{ header: 'Năm' }, { header: 'Chỉ tiêu', flex: true }], [['2025', 'cơ quan báo chí tỉnh đưa nội dung']], 24)
 * // 'Năm   Chỉ tiêu\n────  ──────────────────\n2025  cơ quan báo chí tỉnh\n      đưa nội dung'
 */
export function textTable(columns: Column[], rows: string[][], width = 120): string {
  const gap = 2;
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  let over = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1) - width;
  // Short columns (figures, status) wrap onto a second line before the indicator loses more width.
  const order = [...columns.keys()].filter((i) => columns[i].wrap && !columns[i].flex).concat([...columns.keys()].filter((i) => columns[i].flex));
  for (const i of order) {
    if (over <= 0) break;
    const min = Math.max(columns[i].min ?? (columns[i].flex ? 16 : 8), 1);
    const cut = Math.min(over, Math.max(0, widths[i] - min));
    widths[i] -= cut;
    over -= cut;
  }
  const render = (cells: string[]) => {
    const parts = cells.map((cell, i) => {
      const c = columns[i];
      if (!c.flex && !c.wrap) return [truncate(cell ?? '', widths[i])];
      const lines = wrap(cell ?? '', widths[i]);
      const max = c.maxLines ?? Infinity;
      return lines.length <= max ? lines : [...lines.slice(0, max - 1), truncate(`${lines[max - 1]} ${lines[max]}`, widths[i])];
    });
    const height = Math.max(...parts.map((p) => p.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push(
        parts
          .map((p, i) => pad(p[k] ?? '', widths[i], columns[i].align ?? 'left'))
          .join(' '.repeat(gap))
          .trimEnd(),
      );
    }
    return out.join('\n');
  };
  return [render(columns.map((c) => c.header)), render(widths.map((w) => '─'.repeat(w))), ...rows.map(render)].join('\n');
}
