/**
 * Spell-check for clean text written for the language model (dictionaries/genre-written/): prints
 * each token that is not a syllable of the restoration inventory (dictionary words, gazetteer,
 * genre text) and not a known abbreviation, with its count and first line. Expect abbreviations,
 * codes and foreign names only; anything else is a typo to fix before the text trains the model.
 *
 * Usage: npx tsx scripts/restore/check-written.ts <file.txt> [...]
 */
import { readFileSync } from 'node:fs';
import { loadModel } from '../../src/restore/model.js';
import { isWellFormed, modelForm } from '../../src/restore/syllable.js';

const model = loadModel();
let problems = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  if (text !== text.normalize('NFC')) console.log(`${file}: not NFC (decomposed diacritics): normalise it`);
  const odd = new Map<string, { n: number; line: number }>();
  text
    .normalize('NFC')
    .split('\n')
    .forEach((line, i) => {
      for (const w of line.split(/[^\p{L}&]+/u)) {
        if (!w || model.abbreviations.has(w)) continue;
        const known = model.syllables.has(modelForm(w.toLowerCase()));
        if (known) continue;
        const e = odd.get(w);
        if (e) e.n++;
        else odd.set(w, { n: 1, line: i + 1 });
      }
    });
  const rows = [...odd].sort((a, b) => b[1].n - a[1].n);
  problems += rows.length;
  console.log(`${file}: ${rows.length} distinct tokens outside the syllable inventory`);
  for (const [w, { n, line }] of rows) console.log(`  ${w}\t×${n}\tline ${line}\t${isWellFormed(w.toLowerCase()) ? 'well-formed but unknown' : 'not a syllable'}`);
}
process.exitCode = problems ? 1 : 0;
