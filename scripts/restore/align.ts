import { skeleton } from '../../src/restore/syllable.js';
import { tokenizeLine } from '../../src/restore/tokenize.js';

/** Word tokens of a text, in order. */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  for (const line of text.normalize('NFC').split('\n')) for (const t of tokenizeLine(line)) if (t.kind === 'word' || t.kind === 'number') out.push(t.text);
  return out;
}

function editDistance(a: string, b: string): number {
  const m = b.length;
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[m];
}

/** How alike a truth token and an OCR token look (0–1), on diacritic-free lower case. */
export function similarity(truth: string, ocr: string): number {
  const a = skeleton(truth);
  const b = skeleton(ocr);
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}

/**
 * Aligns two token sequences (truth, OCR) by dynamic programming; returns matched index pairs.
 * Unmatched tokens (OCR splits, merges, drops) cost a fixed skip.
 */
export function alignTokens(truth: string[], ocr: string[]): [number, number][] {
  const n = truth.length;
  const m = ocr.length;
  const SKIP = 1;
  const d = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const back = Array.from({ length: n + 1 }, () => new Uint8Array(m + 1));
  for (let i = 1; i <= n; i++) (d[i][0] = i * SKIP), (back[i][0] = 1);
  for (let j = 1; j <= m; j++) (d[0][j] = j * SKIP), (back[0][j] = 2);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const match = d[i - 1][j - 1] + 2 * (1 - similarity(truth[i - 1], ocr[j - 1]));
      const del = d[i - 1][j] + SKIP;
      const ins = d[i][j - 1] + SKIP;
      if (match <= del && match <= ins) (d[i][j] = match), (back[i][j] = 0);
      else if (del <= ins) (d[i][j] = del), (back[i][j] = 1);
      else (d[i][j] = ins), (back[i][j] = 2);
    }
  }
  const out: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const b = back[i][j];
    if (i > 0 && j > 0 && b === 0) {
      out.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (i > 0 && (j === 0 || b === 1)) i--;
    else j--;
  }
  return out.reverse();
}

/**
 * (truth, OCR) word pairs from OCRed pages, keeping only plausible matches: alike enough, or one
 * token for one between two well-matched neighbours ("sạt lở đất" read "sat 16 dat"): there the
 * alignment cannot be a split or a drop, and a garble that shares no letter with its word (the
 * English model writes lở as "16", ổ as "6") is still learned.
 */
export function alignPages(pages: { truth: string[]; ocr: string }[], minSimilarity = 0.3, anchorSimilarity = 0.5): [string, string][] {
  const pairs: [string, string][] = [];
  for (const p of pages) {
    const t = wordTokens(p.truth.join('\n'));
    const o = wordTokens(p.ocr);
    const matched = alignTokens(t, o);
    const anchor = (k: number, di: number) => {
      const m = matched[k];
      return m !== undefined && m[0] === matched[k - di][0] + di && m[1] === matched[k - di][1] + di && similarity(t[m[0]], o[m[1]]) >= anchorSimilarity;
    };
    matched.forEach(([i, j], k) => {
      if (similarity(t[i], o[j]) >= minSimilarity || (anchor(k - 1, -1) && anchor(k + 1, 1))) pairs.push([t[i], o[j]]);
    });
  }
  return pairs;
}
