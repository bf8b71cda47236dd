/** A table as pdf-parse finds it from ruled lines: rows of cells, a cell's wrapped lines joined by "\n". */
export type CellTable = string[][];

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Puts ruled tables back into a page's text as one tab-separated line per row.
 *
 * A PDF text layer reads a ruled table line by line across the page, so a row whose cells wrap
 * comes out as a jumble of fragments on many lines. pdf-parse also finds the table from its ruling,
 * with whole cells; this replaces the run of lines made only of that table's fragments with the
 * table's rows. Lines it cannot attribute to the table are kept, so no text is lost.
 *
 * @example
 * spliceTables('PHỤ LỤC\nTT Nhiệm vụ Đơn vị\nChủ trì', [[['TT', 'Nhiệm vụ', 'Đơn vị\nChủ trì']]])
 * // 'PHỤ LỤC\nTT\tNhiệm vụ\tĐơn vị Chủ trì'
 */
export function spliceTables(pageText: string, tables: CellTable[]): string {
  let lines = pageText.split('\n');
  let from = 0;
  for (const table of tables) {
    const fragments = new Set(table.flatMap((row) => row.flatMap((cell) => cell.split('\n').map(squash))).filter(Boolean));
    const isTableLine = (line: string) => consumable(squash(line.replace(/\t/g, ' ')), fragments);
    let start = -1;
    let end = -1;
    for (let i = from; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      if (isTableLine(lines[i])) {
        if (start < 0) start = i;
        end = i;
      } else if (start >= 0) break;
    }
    if (start < 0) continue;
    const rows = table.map((row) => row.map((cell) => squash(cell)).join('\t'));
    lines = [...lines.slice(0, start), ...rows, ...lines.slice(end + 1)];
    from = start + rows.length;
  }
  return lines.join('\n');
}

/** Whether `line` is a sequence of table fragments separated by spaces. */
function consumable(line: string, fragments: Set<string>): boolean {
  if (line === '') return false;
  const words = line.split(' ');
  // reachable[i]: the first i words can be split into fragments (a small DP; lines are short).
  const reachable = new Array<boolean>(words.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < words.length; i++) {
    if (!reachable[i]) continue;
    let piece = '';
    for (let j = i; j < words.length; j++) {
      piece = piece ? `${piece} ${words[j]}` : words[j];
      if (fragments.has(piece)) reachable[j + 1] = true;
    }
  }
  return reachable[words.length];
}
