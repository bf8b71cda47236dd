/**
 * Restoration accuracy per typeface: the benchmark's documents (held-out genre fixtures = TEST;
 * the Lâm Đồng plan with the LM rebuilt without it = DEV, as `bench-restore --cv`) rendered in each
 * font with the benchmark's other settings (size, blur, noise, dpi, skew, JPEG from
 * `variedOptions`), OCRed with the English model (cached) and restored with one or more channels.
 * Real scans are mostly Times New Roman (Tinos here); a channel learned on one face may not carry.
 *
 * Also prints the two benchmark mixes: the font each document got under the previous rotation
 * (DejaVu only) and under the current `variedOptions`.
 *
 * TEST is the held-out genre fixtures, decoded with the LM the benchmark uses (without the held-out
 * written plans); `--written` adds the held-out written plans (dictionaries/genre-written/) as the
 * benchmark does (about 25 more pages per face to OCR); with `--mixes`, those are rendered only in
 * the two faces of the benchmark mixes (the per-face rows then cover fewer documents: see n);
 * `--current` renders them only in the benchmark's current face.
 *
 * Usage: npx tsx scripts/restore/eval-fonts.ts [--written] [name=channel.json ...]   (default: the committed channel)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelData } from '../../src/restore/channel.js';
import { Decoder, DEFAULT_PARAMS } from '../../src/restore/decode.js';
import { assembleModel, buildModelData, committedGenreText, DICT_DIR, type ModelData } from '../../src/restore/model.js';
import type { ScanOptions } from '../lib/render-scan.js';
import { heldOutPlans, MIN_PAGE_LINES, renderSetting } from './holdout.js';
import { closeOcr, ocrPairs, variedOptions, type OcrPage } from './ocr-pairs.js';
import { addScore, emptyScore, pct, scorePages, type Score } from './score.js';

interface Face {
  label: string;
  fontFamily: string;
  boldHeadings?: boolean;
}
const FACES: Face[] = [
  { label: 'DejaVu Serif', fontFamily: 'DejaVu Serif' },
  { label: 'DejaVu Sans', fontFamily: 'DejaVu Sans' },
  { label: 'DejaVu Serif Condensed', fontFamily: 'DejaVu Serif Condensed' },
  { label: 'Tinos', fontFamily: 'Tinos' },
  { label: 'Tinos, bold headings', fontFamily: 'Tinos', boldHeadings: true },
];
/** The benchmark's font rotation before Tinos (variedOptions up to commit 1b867ff). */
const OLD_ROTATION = ['DejaVu Serif', 'DejaVu Sans', 'DejaVu Serif Condensed'];

/** `base` with another face; key order kept as variedOptions writes it, so the OCR cache is shared. */
function withFace(base: ScanOptions, face: Face): ScanOptions {
  const o: ScanOptions = { ...base, fontFamily: face.fontFamily };
  delete o.boldHeadings;
  if (face.boldHeadings) o.boldHeadings = true;
  return o;
}
const faceOf = (o: ScanOptions): Face => FACES.find((f) => f.fontFamily === o.fontFamily && !!f.boldHeadings === !!o.boldHeadings)!;

async function main(): Promise<void> {
  const specs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const withWritten = process.argv.includes('--written');
  const currentOnly = process.argv.includes('--current');
  const mixesOnly = currentOnly || process.argv.includes('--mixes');
  const channels: { name: string; data: ChannelData }[] = (specs.length ? specs : [`committed=${path.join(DICT_DIR, 'channel.json')}`]).map((s) => {
    const [name, file] = s.includes('=') ? s.split('=') : [path.basename(s, '.json'), s];
    return { name, data: JSON.parse(readFileSync(file, 'utf8')) as ChannelData };
  });

  const all = committedGenreText();
  const lam = all.find((g) => g.name.startsWith('lam-dong-4423'));
  // Held-out written plans: never in the TEST language model (as in bench-restore.ts).
  const { fixtures: held, written: heldWritten } = heldOutPlans(all);
  const testLm = all.filter((g) => !heldWritten.includes(g));
  const fixtureNames = new Set(held.map((h) => h.name));
  if (withWritten) held.push(...heldWritten);

  // The documents of each set and the benchmark's render setting of each (bench-restore.ts).
  const sets: { set: 'TEST' | 'DEV'; docs: { name: string; text: string; offset: number }[]; data: ModelData }[] = [
    { set: 'TEST', docs: held.map((h) => ({ ...h, offset: renderSetting(h.name, 100) })), data: buildModelData({ genre: testLm }) },
  ];
  if (lam) sets.push({ set: 'DEV', docs: [{ ...lam, offset: renderSetting(lam.name, 200) }], data: buildModelData({ genre: all.filter((g) => g !== lam) }) });

  // OCR every document in every face (cached under .cache/ocr-pairs).
  const pages = new Map<string, OcrPage[]>();
  const key = (doc: string, o: ScanOptions) => `${doc}|${JSON.stringify(o)}`;
  const ocr = async (doc: { name: string; text: string }, o: ScanOptions) => {
    if (!pages.has(key(doc.name, o))) pages.set(key(doc.name, o), await ocrPairs(doc.text, o, (m) => process.stderr.write(`${doc.name} ${o.fontFamily}${m}\n`), { minLines: MIN_PAGE_LINES }));
    return pages.get(key(doc.name, o))!;
  };
  const oldFace = (d: { offset: number }) => FACES.find((f) => f.label === OLD_ROTATION[d.offset % OLD_ROTATION.length])!;
  const facesOf = (d: { name: string; offset: number }) =>
    mixesOnly && !fixtureNames.has(d.name) && !d.name.startsWith('lam-dong') ? [...new Set([...(currentOnly ? [] : [oldFace(d)]), faceOf(variedOptions(d.offset))])] : FACES;
  // The benchmark's current renders first: the slowest part, and what bench-restore needs cached.
  for (const s of sets) for (const d of s.docs) await ocr(d, variedOptions(d.offset));
  for (const s of sets) for (const d of s.docs) for (const f of facesOf(d)) await ocr(d, withFace(variedOptions(d.offset), f));
  await closeOcr();

  // scores[set][face][channel]; per document too, for the benchmark mixes.
  const cell = new Map<string, Score>();
  const ck = (doc: string, face: string, ch: string) => `${doc}|${face}|${ch}`;
  for (const s of sets) {
    for (const c of channels) {
      const model = assembleModel(s.data, c.data);
      for (const d of s.docs) {
        for (const f of facesOf(d)) {
          const sc = emptyScore();
          scorePages(pages.get(key(d.name, withFace(variedOptions(d.offset), f)))!, new Decoder(model, DEFAULT_PARAMS, { sharedCache: false }), sc, []);
          cell.set(ck(d.name, f.label, c.name), sc);
        }
      }
    }
  }
  const sum = (scores: Score[]): Score => {
    const t = emptyScore();
    for (const s of scores) addScore(t, s);
    return t;
  };

  console.log(`# Restoration accuracy per typeface (syllable accuracy, case- and tone-placement-insensitive)`);
  console.log(`TEST: ${held.map((h) => h.name).join(', ')}; DEV: ${lam?.name ?? 'none'} (LM without it)`);
  console.log(`channels: ${channels.map((c) => `${c.name} (${c.data.pairs} pairs)`).join(', ')}\n`);
  const head = ['setting', ...sets.flatMap((s) => [`${s.set} OCR in`, ...channels.map((c) => `${s.set} ${c.name}`)])];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => ' --- ').join('|')}|`);
  const row = (label: string, pick: (doc: { name: string; offset: number }) => Face) => {
    const cols = [label];
    for (const s of sets) {
      const docs = s.docs.filter((d) => cell.has(ck(d.name, pick(d).label, channels[0].name)));
      const first = sum(docs.map((d) => cell.get(ck(d.name, pick(d).label, channels[0].name))!));
      cols.push(`${pct(first.inputCorrect, first.truthWords)}${docs.length < s.docs.length ? ` (n=${docs.length})` : ''}`);
      for (const c of channels) {
        const t = sum(docs.map((d) => cell.get(ck(d.name, pick(d).label, c.name))!));
        cols.push(pct(t.correct, t.truthWords));
      }
    }
    console.log(`| ${cols.join(' | ')} |`);
  };
  for (const f of FACES) row(f.label, () => f);
  row('bench mix, old rotation', oldFace);
  row('bench mix, current variedOptions', (d) => faceOf(variedOptions(d.offset)));

  console.log(`\nper document (${channels.map((c) => c.name).join(' / ')}):`);
  for (const s of sets) {
    for (const d of s.docs) {
      const cols = facesOf(d).map((f) => `${f.label}: ${channels.map((c) => { const x = cell.get(ck(d.name, f.label, c.name))!; return pct(x.correct, x.truthWords); }).join(' / ')}`);
      console.log(`  ${s.set} ${d.name}: ${cols.join('; ')}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
