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

/** One OCRed page: the printed lines (truth) and what the English model read. */
export interface OcrPage {
  truth: string[];
  ocr: string;
  options: ScanOptions;
}

let workerPromise: Promise<Worker> | undefined;
function worker(): Promise<Worker> {
  const langPath = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  workerPromise ??= createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
  return workerPromise;
}

/** Stops the OCR worker if one was started. */
export async function closeOcr(): Promise<void> {
  if (workerPromise) await (await workerPromise).terminate();
  workerPromise = undefined;
}

/**
 * Renders `text` with `options` and OCRs every page with the English model (cached); with
 * `only.minLines`, pages with fewer printed lines are skipped.
 *
 * @example
 * const pages = await ocrPairs('Chiến lược chuyển đổi số', { fontPt: 12, seed: 3 });
 * pages[0].ocr // 'Chién lwgc chuyén ddi sé'
 */
export async function ocrPairs(text: string, options: ScanOptions, log?: (m: string) => void, only: { minLines?: number } = {}): Promise<OcrPage[]> {
  mkdirSync(CACHE, { recursive: true });
  const out: OcrPage[] = [];
  const pages = layoutPages(text, options);
  for (const [i, lines] of pages.entries()) {
    if (only.minLines && lines.length < only.minLines) continue;
    const opts = { ...options, seed: (options.seed ?? 1) + i };
    const key = createHash('sha1').update(JSON.stringify({ lines, opts })).digest('hex').slice(0, 16);
    const file = path.join(CACHE, `${key}.json`);
    if (existsSync(file)) {
      out.push(JSON.parse(readFileSync(file, 'utf8')) as OcrPage);
      continue;
    }
    const t = performance.now();
    const png = renderPage(lines, opts);
    const res = await (await worker()).recognize(png);
    const page: OcrPage = { truth: lines, ocr: res.data.text, options: opts };
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
