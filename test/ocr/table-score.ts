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
 * Scores OCR text against the true tab-separated rows of a table. Each true row is matched, in
 * order, to the most similar later tab-bearing line of the OCR text (so a lost row costs only
 * itself); a row scores its cells against the matched line's cells by position.
 *
 * @example
 * scoreTable(['TT\tNội dung', '1\tRà soát'], 'TT\tNội dung\n1\tRà soát').rowShape // 1
 */
export function scoreTable(truth: string[], ocrText: string): TableScore {
  const lines = ocrText.split('\n').filter((l) => l.includes('\t'));
  let from = 0;
  let shape = 0;
  let cells = 0;
  let cellSum = 0;
  for (const row of truth) {
    const want = row.split('\t');
    let best = -1;
    let bestSim = 0.3; // below this a line is not this row at all
    for (let i = from; i < lines.length; i++) {
      const sim = similarity(want.join(' '), lines[i].replace(/\t/g, ' '));
      if (sim > bestSim) {
        bestSim = sim;
        best = i;
      }
    }
    const got = best >= 0 ? lines[best].split('\t') : [];
    if (best >= 0) from = best + 1;
    if (got.length === want.length) shape++;
    want.forEach((cell, c) => {
      cells++;
      cellSum += similarity(cell, got[c] ?? '');
    });
  }
  return { rows: truth.length, rowShape: shape / truth.length, cellSimilarity: cells ? cellSum / cells : 0 };
}
