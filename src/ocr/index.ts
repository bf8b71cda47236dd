import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { PageText } from '../document/index.js';
import { InputError } from '../errors.js';
import { wordsToLines, type OcrWord } from './layout.js';
import { prepareTables } from './ruling.js';
import { readCells } from './cells.js';

const require = createRequire(import.meta.url);

/** OCR settings. */
export interface OcrOptions {
  /** Tesseract language(s): `vie` (default), `eng`, or `vie+eng`. */
  lang?: string;
  /** Worker pool size; defaults to the number of CPU cores. */
  jobs?: number;
}

/**
 * Where a language's traineddata lives: inside `node_modules/@tesseract.js-data/<lang>`, the
 * best_int model. Never a URL: vnplan must work with no network.
 *
 * @example
 * langPath('vie') // '/…/node_modules/@tesseract.js-data/vie/4.0.0_best_int'
 */
export function langPath(lang: string): string {
  let pkg: string;
  try {
    pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch {
    throw new Error(`OCR language "${lang}" is not installed: npm install @tesseract.js-data/${lang}`);
  }
  return path.join(pkg, '4.0.0_best_int');
}

/**
 * One folder holding every language's traineddata. Each language ships in its own npm package, so
 * for a combination ("vie+eng") the files are linked side by side in a temporary folder.
 */
function langDir(lang: string): string {
  const langs = lang.split('+');
  if (langs.length === 1) return langPath(langs[0]);
  const dir = path.join(tmpdir(), `vnplan-tessdata-${langs.join('-')}`);
  mkdirSync(dir, { recursive: true });
  for (const l of langs) {
    const target = path.join(langPath(l), `${l}.traineddata.gz`);
    const link = path.join(dir, `${l}.traineddata.gz`);
    if (!existsSync(link)) symlinkSync(target, link);
  }
  return dir;
}

/**
 * A pool of tesseract.js workers shared by every page of every file in a run. Workers start
 * lazily, so runs over text files never pay for OCR.
 *
 * @example
 * const ocr = new OcrEngine({ lang: 'vie', jobs: 2 });
 * const page = await ocr.recognizePage(await readFile('trang-1.png'), 'trang-1.png');
 * page.text // 'ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n…'
 * await ocr.close();
 */
export class OcrEngine {
  readonly lang: string;
  readonly size: number;
  private idle: Worker[] = [];
  private started = 0;
  private waiting: ((w: Worker) => void)[] = [];
  private all: Promise<Worker>[] = [];

  constructor(options: OcrOptions = {}) {
    this.lang = options.lang ?? 'vie';
    this.size = Math.max(1, options.jobs ?? availableParallelism());
    for (const l of this.lang.split('+')) langPath(l); // fail early, with the install hint
  }

  /** Recognizes one page image; lines are rebuilt from word boxes (see layout.ts). */
  async recognizePage(image: Buffer, file: string): Promise<PageText> {
    const worker = await this.acquire();
    try {
      // Ruled tables: OCR the page with its rulings erased, then put words back in their cells.
      // Done once a worker is ours, so only `size` decoded pages are ever held at a time.
      const tables = await prepareTables(image).catch(() => undefined);
      const result = await worker.recognize(tables?.image ?? image, {}, { text: true, blocks: true });
      const words: OcrWord[] = [];
      for (const block of result.data.blocks ?? []) {
        for (const para of block.paragraphs) {
          for (const line of para.lines) {
            for (const w of line.words) {
              if (w.text.trim()) words.push({ text: w.text, confidence: w.confidence, bbox: w.bbox, lineHeight: line.bbox.y1 - line.bbox.y0 });
            }
          }
        }
      }
      // Table cells read a second time on their own (see cells.ts); layout keeps the surer reading.
      const cells = tables ? await readCells(worker, tables).catch(() => undefined) : undefined;
      const { text, lineConfidences } = wordsToLines(words, tables?.tables, cells);
      return { method: 'ocr', text, ocrConfidence: result.data.confidence, lineConfidences };
    } catch (error) {
      throw new InputError('ocr-failed', file, `OCR failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    } finally {
      this.release(worker);
    }
  }

  /** Terminates every worker. Call once at the end of a run. */
  async close(): Promise<void> {
    const all = this.all;
    this.all = [];
    this.idle = [];
    await Promise.all(all.map(async (w) => (await w.catch(() => undefined))?.terminate()));
  }

  private async acquire(): Promise<Worker> {
    const free = this.idle.pop();
    if (free) return free;
    if (this.started < this.size) {
      this.started++;
      const worker = createWorker(this.lang.split('+'), OEM.LSTM_ONLY, {
        langPath: langDir(this.lang),
        gzip: true,
        // Keep traineddata out of the working directory and off any network cache.
        cacheMethod: 'none',
      });
      this.all.push(worker);
      try {
        return await worker;
      } catch (error) {
        this.started--;
        throw error;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }
}
