import levenshtein from 'fast-levenshtein';

/** How well OCR'd table rows match the true rows. */
export interface TableScore {
  /** True rows. */
  rows: number;
  /** Share of true rows found as one line with the right number of cells. */
  rowShape: number;
  /** Mean similarity (1 − edit distance / length) of each true cell to the cell at its place. */
  cellSimilarity: number;
}

const squash = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** 1 − normalised edit distance; 1 for identical strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const x = squash(a);
  const y = squash(b);
  const n = Math.max(x.length, y.length);
  return n === 0 ? 1 : 1 - levenshtein.get(x, y) / n;
}

/**
 * Scores OCR text against the true tab-separated rows of a table. True rows are aligned, in order,
 * to the tab-bearing lines of the OCR text (a monotone alignment maximising total similarity, so a
 * lost or extra row costs only itself and repeated rows don't confuse it); a matched row scores
 * its cells against the line's cells by position, an unmatched row scores 0.
 *
 * @example
 * scoreTable(['TT\tNội dung', '1\tRà soát'], 'TT\tNội dung\n1\tRà soát').rowShape // 1
 */
export function scoreTable(truth: string[], ocrText: string): TableScore {
  const lines = ocrText.split('\n').filter((l) => l.includes('\t'));
  const sim = truth.map((row) => lines.map((l) => similarity(row.replace(/\t/g, ' '), l.replace(/\t/g, ' '))));
  // best[i][j]: best total similarity aligning truth[i..] with lines[j..].
  const best = Array.from({ length: truth.length + 1 }, () => new Array<number>(lines.length + 1).fill(0));
  for (let i = truth.length - 1; i >= 0; i--) {
    for (let j = lines.length - 1; j >= 0; j--) {
      const pair = sim[i][j] >= 0.3 ? sim[i][j] + best[i + 1][j + 1] : -Infinity; // below 0.3: not this row
      best[i][j] = Math.max(pair, best[i + 1][j], best[i][j + 1]);
    }
  }
  let shape = 0;
  let cells = 0;
  let cellSum = 0;
  let j = 0;
  for (let i = 0; i < truth.length; i++) {
    while (j < lines.length && !(sim[i][j] >= 0.3 && best[i][j] === sim[i][j] + best[i + 1][j + 1]) && best[i][j] === best[i][j + 1]) j++;
    const matched = j < lines.length && sim[i][j] >= 0.3 && best[i][j] === sim[i][j] + best[i + 1][j + 1];
    const got = matched ? lines[j].split('\t') : [];
    if (matched) j++;
    const want = truth[i].split('\t');
    if (got.length === want.length) shape++;
    want.forEach((cell, c) => {
      cells++;
      cellSum += similarity(cell, got[c] ?? '');
    });
  }
  return { rows: truth.length, rowShape: shape / truth.length, cellSimilarity: cells ? cellSum / cells : 0 };
}
