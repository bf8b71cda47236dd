/**
 * The honest estimate of extraction on garbled documents: every gold case's clean input is rendered
 * to scanned pages, read by the ENGLISH OCR model (which knows no Vietnamese marks, like the engine
 * behind the Sóc Trăng and Lai Châu samples), then run through the real pipeline (restore auto →
 * segment → extract → normalize) and scored against the hand gold.
 *
 * Cases the restoration language model was trained on (Lâm Đồng and the genre fixtures not held
 * out, see scripts/restore/holdout.ts) flatter restoration; the held-out mean is the number to quote.
 *
 * OCR text is cached under `.cache/eval-garbled/<case>.txt` (pages separated by form feeds, for
 * reading) and `<case>.json` (page texts with line confidences, what the pipeline is fed), keyed by a
 * hash of the input so an edited fixture is read again. The restore cache of `scripts/restore/`
 * (`.cache/ocr-pairs/`) holds raw per-page recognitions of other renderings, not OcrEngine pages of
 * these inputs, so it cannot be reused here.
 *
 * `--scan sans` renders in a sans font, noisier, blurrier and skewed instead: a second OCR reading that
 * no rule was written against (the default rendering is the one failures were read from).
 *
 * Run: npx tsx scripts/eval-garbled.ts [--verbose] [--jobs N] [--scan default|sans] [case…]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument, type PageText } from '../src/document/index.js';
import { buildStages, runStages } from '../src/pipeline.js';
import { OcrEngine } from '../src/ocr/index.js';
import { renderScan, type ScanOptions } from './lib/render-scan.js';
import { isHeldOut } from './restore/holdout.js';
import { readGold, scoreGold, type GoldScore } from '../test/support/score-gold.js';

const CACHE = '.cache/eval-garbled';

/** Render settings by name: the default scan, and a harder one read by no rule's author. */
const SCANS: Record<string, ScanOptions> = {
  default: { encoding: 'jpeg' },
  sans: { encoding: 'jpeg', fontFamily: 'DejaVu Sans', fontPt: 12, noise: 20, blur: 0.9, skewDeg: 0.4, seed: 11 },
};

interface Case {
  id: string;
  input: string;
  gold: string;
  heldOut: boolean;
}

function cases(): Case[] {
  const out: Case[] = [{ id: '002-lam-dong', input: 'test/fixtures/gold/002.input.txt', gold: 'test/fixtures/gold/002.extract.json', heldOut: false }];
  const genre = 'test/fixtures/genre';
  if (existsSync(genre)) {
    for (const c of readdirSync(genre).sort()) {
      const input = join(genre, c, 'input.txt');
      const gold = join(genre, c, 'gold.json');
      if (existsSync(input) && existsSync(gold)) out.push({ id: c, input, gold, heldOut: isHeldOut(c) });
    }
  }
  return out;
}

let engine: OcrEngine | undefined;

/** The English-model OCR of a case's rendered pages, from the cache when the input is unchanged. */
async function ocrCase(c: Case, jobs: number, scan: string): Promise<PageText[]> {
  const text = readFileSync(c.input, 'utf8');
  const key = createHash('sha1').update(text).digest('hex').slice(0, 16);
  const name = scan === 'default' ? c.id : `${c.id}.${scan}`;
  const file = join(CACHE, `${name}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; pages: PageText[] };
    if (cached.key === key) return cached.pages;
  }
  engine ??= new OcrEngine({ lang: 'eng', jobs });
  const t = performance.now();
  const rendered = renderScan(text, SCANS[scan]);
  const pages = await Promise.all(rendered.pages.map((p, i) => engine!.recognizePage(p.png, `${c.id}#${i + 1}`)));
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(file, JSON.stringify({ key, pages }));
  writeFileSync(join(CACHE, `${name}.txt`), pages.map((p) => p.text).join('\n\f\n'));
  console.error(`${c.id}: OCR ${pages.length} pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return pages;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const jobsAt = args.indexOf('--jobs');
  const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : 1;
  const scanAt = args.indexOf('--scan');
  const scan = scanAt >= 0 ? args[scanAt + 1] : 'default';
  if (!SCANS[scan]) throw new Error(`--scan: one of ${Object.keys(SCANS).join(', ')}`);
  const only = args.filter((a, i) => !a.startsWith('--') && !(jobsAt >= 0 && i === jobsAt + 1) && !(scanAt >= 0 && i === scanAt + 1));
  const all = cases().filter((c) => !only.length || only.some((o) => c.id.includes(o)));
  const stages = buildStages({ restore: 'auto' });
  const scores: { c: Case; s: GoldScore }[] = [];
  console.log('case'.padEnd(42), 'held', 'targets F1', 'bodies F1', 'names F1', 'tasks F1', 'kinds', 'document');
  try {
    for (const c of all) {
      const pages = await ocrCase(c, jobs, scan);
      const source = { path: c.input, sha256: '0'.repeat(64), format: 'txt' as const, bytes: 0, pageCount: pages.length };
      const doc = await runStages(buildDocument(source, pages), stages);
      const s = scoreGold(doc, readGold(c.gold));
      scores.push({ c, s });
      const wrong = Object.entries(s.document).filter(([, v]) => !v).map(([k]) => k);
      console.log(
        c.id.padEnd(42),
        (c.heldOut ? 'yes' : 'no').padEnd(4),
        s.targets.f1.toFixed(3).padStart(10),
        s.bodies.f1.toFixed(3).padStart(9),
        s.bodyNames.f1.toFixed(3).padStart(8),
        (s.tasks ? s.tasks.f1.toFixed(3) : '-').padStart(8),
        (s.sectionKinds.equal ? 'ok' : 'DIFF').padStart(5),
        wrong.length ? `wrong: ${wrong.join(',')}` : 'ok',
      );
      if (verbose) {
        for (const m of s.targets.missed) console.log('   target missed:', m.slice(0, 140));
        for (const m of s.targets.extra) console.log('   target extra :', m.slice(0, 140));
        for (const m of s.bodies.missed) console.log('   body missed  :', m);
        for (const m of s.bodies.extra) console.log('   body extra   :', m);
        for (const m of s.tasks?.missed ?? []) console.log('   task missed  :', m);
        for (const m of s.tasks?.extra ?? []) console.log('   task extra   :', m);
        if (!s.sectionKinds.equal) console.log('   kinds:', s.sectionKinds.predicted.join(','), 'gold:', s.sectionKinds.gold.join(','));
        if (wrong.length) console.log('   document:', JSON.stringify(doc.document, (k, v) => (k === 'span' ? undefined : v)));
      }
    }
  } finally {
    await engine?.close();
  }
  const mean = (xs: number[]) => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3) : '-');
  const row = (label: string, rows: typeof scores) => {
    const tasks = rows.filter((r) => r.s.tasks).map((r) => r.s.tasks!.f1);
    console.log(
      label.padEnd(42),
      String(rows.length).padEnd(4),
      mean(rows.map((r) => r.s.targets.f1)).padStart(10),
      mean(rows.map((r) => r.s.bodies.f1)).padStart(9),
      mean(rows.map((r) => r.s.bodyNames.f1)).padStart(8),
      mean(tasks).padStart(8),
      `${rows.filter((r) => r.s.sectionKinds.equal).length}/${rows.length}`.padStart(5),
      `${rows.filter((r) => Object.values(r.s.document).every(Boolean)).length}/${rows.length} ok`,
    );
  };
  row('mean, held out of the restoration LM', scores.filter((r) => r.c.heldOut));
  row('mean, seen by the restoration LM', scores.filter((r) => !r.c.heldOut));
  row('mean, all', scores);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
