/**
 * Synthetic OCR pairs: clean Vietnamese text → scanned-looking page images → English-model OCR.
 * Shared by `scripts/make-ocr-pairs.ts` (channel training data) and `scripts/bench-restore.ts`
 * (held-out evaluation). OCR output is cached under `.cache/ocr-pairs/` keyed by a hash of the
 * page text and render options, because OCR costs 1–2 s per page on a shared machine.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { layoutPages, renderPage, type ScanOptions } from '../lib/render-scan.js';

const require = createRequire(import.meta.url);
const CACHE = path.resolve('.cache/ocr-pairs');

/**
 * Which English OCR engine reads the pages: tesseract's LSTM network (`lstm`, the default, what
 * tesseract.js and tesseract ≥ 4 run) or its older character classifier (`legacy`, tesseract 3's
 * engine, still inside the full eng model). They garble Vietnamese differently: LSTM reads "hướng"
 * as "huéng", legacy as "huc'mg"; text users bring may come from either, or from an engine like them.
 */
export type OcrEngine = 'lstm' | 'legacy';

/** One OCRed page: the printed lines (truth) and what the English model read. */
export interface OcrPage {
  truth: string[];
  ocr: string;
  options: ScanOptions;
  /** Absent for `lstm` (pages made before there was a choice). */
  engine?: OcrEngine;
}

const workers = new Map<OcrEngine, Promise<Worker>>();
function worker(engine: OcrEngine): Promise<Worker> {
  let w = workers.get(engine);
  if (!w) {
    const data = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
    // The legacy classifier is only in the full model (4.0.0); best_int holds the network alone.
    const langPath = path.join(data, engine === 'legacy' ? '4.0.0' : '4.0.0_best_int');
    w = createWorker('eng', engine === 'legacy' ? OEM.TESSERACT_ONLY : OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
    workers.set(engine, w);
  }
  return w;
}

/** Stops the OCR workers that were started. */
export async function closeOcr(): Promise<void> {
  for (const w of workers.values()) await (await w).terminate();
  workers.clear();
}

/**
 * Renders `text` with `options` and OCRs every page with the English model (cached); with
 * `only.minLines`, pages with fewer printed lines are skipped.
 *
 * @example
 * const pages = await ocrPairs('Chiến lược chuyển đổi số', { fontPt: 12, seed: 3 });
 * pages[0].ocr // 'Chién lwgc chuyén ddi sé'
 */
export async function ocrPairs(text: string, options: ScanOptions, log?: (m: string) => void, only: { minLines?: number; engine?: OcrEngine } = {}): Promise<OcrPage[]> {
  const engine = only.engine ?? 'lstm';
  mkdirSync(CACHE, { recursive: true });
  const out: OcrPage[] = [];
  const pages = layoutPages(text, options);
  for (const [i, lines] of pages.entries()) {
    if (only.minLines && lines.length < only.minLines) continue;
    const opts = { ...options, seed: (options.seed ?? 1) + i };
    // LSTM pages keep the key they had before the engine could be chosen (the cache stays valid).
    // Legacy pages are read with a fresh classifier (below); those read without one are not reused.
    const key = createHash('sha1').update(JSON.stringify(engine === 'lstm' ? { lines, opts } : { lines, opts, engine, classifier: 'fresh' })).digest('hex').slice(0, 16);
    const file = path.join(CACHE, `${key}.json`);
    if (existsSync(file)) {
      out.push(JSON.parse(readFileSync(file, 'utf8')) as OcrPage);
      continue;
    }
    const t = performance.now();
    const png = renderPage(lines, opts);
    const w = await worker(engine);
    // The legacy classifier adapts to the pages it has read: without a fresh one per page, a
    // page's text depends on the pages the worker read before it (none of a plan's pages read
    // alone matched the same page read after other plans), so a cache filled in another order
    // gives another TEST-LEGACY figure.
    if (engine === 'legacy') await w.reinitialize('eng', OEM.TESSERACT_ONLY);
    const res = await w.recognize(png);
    const page: OcrPage = { truth: lines, ocr: res.data.text, options: opts, ...(engine === 'lstm' ? {} : { engine }) };
    writeFileSync(file, JSON.stringify(page));
    log?.(`  page ${i + 1}/${pages.length} OCR ${(performance.now() - t).toFixed(0)} ms`);
    out.push(page);
  }
  return out;
}

/**
 * A varied render setting for page group `i` (font, size, blur, noise, resolution, skew). Half the
 * settings use Tinos (Times New Roman metrics) with bold capital headings, the face and weight most
 * Vietnamese administrative documents are set in; the other half rotate through the DejaVu faces.
 *
 * @example
 * variedOptions(0).fontFamily // 'Tinos'
 */
export function variedOptions(i: number): ScanOptions {
  const fonts = ['Tinos', 'DejaVu Serif', 'Tinos', 'DejaVu Sans', 'Tinos', 'DejaVu Serif Condensed'];
  const sizes = [12, 13, 14, 11, 13.5];
  const blurs = [0.4, 0.8, 0.6, 1.1, 0.3];
  const noises = [12, 22, 18, 30, 8];
  const dpis = [300, 300, 250, 300, 200];
  const fontFamily = fonts[i % fonts.length];
  return {
    fontFamily,
    fontPt: sizes[i % sizes.length],
    blur: blurs[(i * 3) % blurs.length],
    noise: noises[(i * 7) % noises.length],
    dpi: dpis[(i * 2) % dpis.length],
    skewDeg: ((i % 5) - 2) * 0.15,
    seed: 1000 + i * 17,
    encoding: 'jpeg',
    ...(fontFamily === 'Tinos' ? { boldHeadings: true } : {}),
  };
}
