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
import { Channel, trainChannel } from '../src/restore/channel.js';
import { buildAndCache, DICT_DIR, ROOT } from '../src/restore/model.js';
import { alignPages } from './restore/align.js';
import { isHeldOut } from './restore/holdout.js';

function main(): void {
  // 1. Channel.
  const pages = readFileSync(path.join(DICT_DIR, 'ocr-pages.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { truth: string[]; ocr: string });
  const pairs = alignPages(pages);
  const channel = trainChannel(pairs.map(([t, o]) => [t.toLowerCase(), o.toLowerCase()]));
  // Round costs: smaller file, same decisions.
  for (const row of Object.values(channel.emissions)) for (const k of Object.keys(row)) row[k] = Math.round(row[k] * 1000) / 1000;
  // How OCR shows case, over the alignments of the channel as it is saved (the one the decoder uses).
  channel.caseEvidence = learnCaseEvidence(pairs, new Channel(channel));
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
