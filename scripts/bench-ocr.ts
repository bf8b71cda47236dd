/**
 * OCR benchmark: renders the clean sample plan to scanned-looking 300-dpi pages, OCRs them with the
 * tesseract.js pool (Vietnamese, offline), and prints syllable accuracy against the source text and
 * pages per minute. Where the native `tesseract` CLI with Vietnamese is installed (an optional
 * accelerator: apt-get install tesseract-ocr tesseract-ocr-vie), prints the same figures for it,
 * run as vnplan would: OMP_THREAD_LIMIT=1, one process per core.
 *
 * Run: npm run bench:ocr [-- --pages N]
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { OcrEngine } from '../src/ocr/index.js';
import { syllableAccuracy } from './lib/accuracy.js';
import { renderScan } from './lib/render-scan.js';

const root = path.resolve(import.meta.dirname, '..');
const maxPages = Number(process.argv[process.argv.indexOf('--pages') + 1]) || Infinity;
const cores = availableParallelism();

async function main(): Promise<void> {
  const text = readFileSync(path.join(root, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8').replace(/\*\*/g, '');
  const t0 = performance.now();
  const pages = renderScan(text, { noise: 14, blur: 0.7, skewDeg: 0.4, encoding: 'jpeg', seed: 3 }).pages.slice(0, maxPages);
  console.log(`rendered ${pages.length} pages (300 dpi, blur 0.7, noise 14, skew 0.4°) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const truth = pages.map((p) => p.lines.join('\n')).join('\n');

  const engine = new OcrEngine({ lang: 'vie', jobs: cores });
  // Warm-up: worker start-up (WASM + traineddata) is paid once per run, not per page.
  await engine.recognizePage(pages[0].png, 'warm-up');
  const t1 = performance.now();
  const texts = await Promise.all(pages.map((p, i) => engine.recognizePage(p.png, `page-${i + 1}`)));
  const seconds = (performance.now() - t1) / 1000;
  await engine.close();
  const ours = texts.map((t) => t.text).join('\n');
  report('tesseract.js pool', cores, truth, ours, pages.length, seconds);

  const native = nativeTesseract();
  if (!native) {
    console.log('native tesseract with vie: not installed (optional: apt-get install tesseract-ocr tesseract-ocr-vie)');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'vnplan-bench-ocr-'));
  const files = pages.map((p, i) => {
    const f = path.join(dir, `page-${i + 1}.jpg`);
    writeFileSync(f, p.png);
    return f;
  });
  const limit = pLimit(cores);
  const run = promisify(execFile);
  const t2 = performance.now();
  const nativeTexts = await Promise.all(
    files.map((f) =>
      limit(async () => (await run('tesseract', [f, '-', '-l', 'vie'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 24 })).stdout),
    ),
  );
  const nativeSeconds = (performance.now() - t2) / 1000;
  report(`native tesseract ${native}`, cores, truth, nativeTexts.join('\n'), pages.length, nativeSeconds);
  console.log(`pool throughput / native throughput: ${(nativeSeconds / seconds).toFixed(2)} (1.0 = as fast as native)`);
}

function report(name: string, jobs: number, truth: string, text: string, pages: number, seconds: number): void {
  const accuracy = syllableAccuracy(truth, text);
  console.log(
    `${name.padEnd(28)} jobs=${jobs}  syllable accuracy ${(accuracy * 100).toFixed(2)}%  ` +
      `${((pages / seconds) * 60).toFixed(1)} pages/min  (${(seconds / pages).toFixed(2)} s/page, ${pages} pages)`,
  );
}

function nativeTesseract(): string | undefined {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (!/^vie$/m.test(langs)) return undefined;
    return execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0].replace(/^tesseract\s*/, '');
  } catch {
    return undefined;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
