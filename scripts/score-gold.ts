/**
 * Prints per-case F1 of the extraction against every gold annotation: the Lâm Đồng plan
 * (test/fixtures/gold) and the genre fixtures (test/fixtures/genre/<case>).
 * Run: npx tsx scripts/score-gold.ts [--verbose] [--strip]
 * --strip removes every Vietnamese mark from the inputs first, to measure robustness.
 * --garble garbles the inputs with the learned OCR channel (test/support/garble.ts, seed 1);
 * --restore then runs the restoration stage before extraction, as the pipeline does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, readGold, scoreGold } from '../test/support/score-gold.js';
import { makeGarbler } from '../test/support/garble.js';
import { withoutDiacritics } from '../src/restore/syllable.js';

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const strip = process.argv.includes('--strip');
  // One garbler per document, seeded alike, so a document's garbling does not depend on the others.
  const garble = process.argv.includes('--garble') ? (t: string) => makeGarbler(1)(t) : undefined;
  const restore = process.argv.includes('--restore');
  const prepare0 = (t: string) => (strip ? withoutDiacritics(t) : t);
  const cases: { id: string; input: string; gold: string }[] = [{ id: '002-lam-dong', input: 'test/fixtures/gold/002.input.txt', gold: 'test/fixtures/gold/002.extract.json' }];
  const genre = 'test/fixtures/genre';
  if (existsSync(genre)) {
    for (const c of readdirSync(genre).sort()) {
      const input = join(genre, c, 'input.txt');
      const gold = join(genre, c, 'gold.json');
      if (existsSync(input) && existsSync(gold)) cases.push({ id: c, input, gold });
    }
  }
  console.log('case'.padEnd(44), 'targets F1', 'bodies F1', 'names F1', 'tasks F1', 'kinds', 'document');
  for (const c of cases) {
    const text = prepare0(readFileSync(c.input, 'utf8'));
    const doc = await extractText(garble ? garble(text) : text, c.input, restore);
    const s = scoreGold(doc, readGold(c.gold));
    const docOk = Object.entries(s.document).filter(([, v]) => !v).map(([k]) => k);
    console.log(c.id.padEnd(44), s.targets.f1.toFixed(3).padStart(10), s.bodies.f1.toFixed(3).padStart(9), s.bodyNames.f1.toFixed(3).padStart(8), (s.tasks ? s.tasks.f1.toFixed(3) : '-').padStart(8), (s.sectionKinds.equal ? 'ok' : 'DIFF').padStart(5), docOk.length ? `wrong: ${docOk.join(',')}` : 'ok');
    if (verbose) {
      for (const m of s.targets.missed) console.log('   target missed:', m.slice(0, 140));
      for (const m of s.targets.extra) console.log('   target extra :', m.slice(0, 140));
      for (const m of s.bodies.missed) console.log('   body missed  :', m);
      for (const m of s.tasks?.missed ?? []) console.log('   task missed  :', m);
      for (const m of s.tasks?.extra ?? []) console.log('   task extra   :', m);
      for (const m of s.bodies.extra) console.log('   body extra   :', m);
      if (!s.sectionKinds.equal) console.log('   kinds:', s.sectionKinds.predicted.join(','), 'gold:', s.sectionKinds.gold.join(','));
      if (docOk.length) console.log('   document:', JSON.stringify(doc.document, (k, v) => (k === 'span' ? undefined : v)));
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
