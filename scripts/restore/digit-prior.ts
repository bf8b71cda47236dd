// Estimates the decoder's digitWordPrior from plans the model trains on (never the held-out ones):
// renders N of them as the bench renders its test plans, reads them with the English model, and
// counts the OCR number tokens that stand among words (standsAmongWords, the decoder's own test)
// by what they stood for: a number, or a word ("16" for lộ).
// Usage: npx tsx scripts/restore/digit-prior.ts [N=60]
// (about 15 minutes on 2 cores the first time; the OCR is cached in .cache/ocr-pairs).
import { committedGenreText } from '../../src/restore/model.js';
import { heldOutPlans, MIN_PAGE_LINES, renderSetting } from './holdout.js';
import { closeOcr, ocrPairs, variedOptions } from './ocr-pairs.js';
import { tokenizeLine } from '../../src/restore/tokenize.js';
import { standsAmongWords } from '../../src/restore/decode.js';
import { alignTokens, wordTokens } from './align.js';
const genre = committedGenreText();
const { written, fixtures } = heldOutPlans(genre);
const held = new Set([...written, ...fixtures].map((h) => h.name));
// Not the Lâm Đồng sample either: it is the dev set that tune.ts checks the prior on.
const train = genre.filter((g) => !held.has(g.name) && !g.name.startsWith('lam-dong'));
const N = Number(process.argv[2] ?? 60);
const chosen = Array.from({ length: N }, (_, i) => train[Math.floor((i * train.length) / N)]);
let num = 0, word = 0, all = 0;
const ex = new Map<string, number>();
for (const d of chosen) {
  const pages = await ocrPairs(d.text, variedOptions(renderSetting(d.name, 100)), () => {}, { minLines: MIN_PAGE_LINES, engine: 'lstm' });
  for (const p of pages) {
    const truth = wordTokens(p.truth.join('\n'));
    const flags: boolean[] = [];
    for (const line of p.ocr.normalize('NFC').split('\n')) for (const t of tokenizeLine(line)) if (t.kind === 'word' || t.kind === 'number') flags.push(t.kind === 'number' && standsAmongWords(line, t));
    const ocr = wordTokens(p.ocr);
    for (const [i, j] of alignTokens(truth, ocr)) {
      if (!flags[j]) continue;
      all++;
      if (/^\d+$/.test(truth[i])) num++; else { word++; const k = `${truth[i]}|${ocr[j]}`; ex.set(k, (ex.get(k) ?? 0) + 1); }
    }
  }
  console.error(d.name, all, word);
}
await closeOcr();
console.log({ plans: chosen.length, all, num, word, share: word / all }, [...ex].sort((a, b) => b[1] - a[1]).slice(0, 20));
