/**
 * The same plans as text, as a digital PDF (text layer, ruled appendix table) and as that PDF's
 * scanned twin (pages rendered at 300 dpi, degraded, image-only), each run through the whole pipeline
 * and scored against the hand gold. Shows what a format costs the extraction.
 *
 * Run: npx tsx scripts/eval-formats.ts [case …]   (PDFs are cached in .cache/eval-formats/)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { OcrEngine } from '../src/ocr/index.js';
import { processFile } from '../src/pipeline.js';
import { readGold, scoreGold } from '../test/support/score-gold.js';
import { degradePageImage } from './lib/degrade.js';
import { imagesToPdf } from './lib/render-scan.js';
import { textToPdf } from './lib/text-pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const cacheDir = path.join(root, '.cache/eval-formats');
const CASES: Record<string, { input: string; gold: string }> = {
  'lam-dong': { input: 'test/fixtures/gold/002.input.txt', gold: 'test/fixtures/gold/002.extract.json' },
  'environment-appendix-table-binh-dinh': {
    input: 'test/fixtures/genre/environment-appendix-table-binh-dinh/input.txt',
    gold: 'test/fixtures/genre/environment-appendix-table-binh-dinh/gold.json',
  },
  'digital-economy-hcmc': { input: 'test/fixtures/genre/digital-economy-hcmc/input.txt', gold: 'test/fixtures/genre/digital-economy-hcmc/gold.json' },
};

async function scannedTwin(pdf: Uint8Array, seed: number): Promise<Uint8Array> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const shots = await parser.getScreenshot({ scale: 300 / 72, imageDataUrl: false, imageBuffer: true });
  await parser.destroy();
  const pages = await Promise.all(shots.pages.map((p, i) => degradePageImage(Buffer.from(p.data), { seed: seed + i })));
  return imagesToPdf(pages);
}

async function main(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const ocr = new OcrEngine({ lang: 'vie' });
  console.log('case'.padEnd(40), 'format'.padEnd(12), 'pages', 'targets F1', 'bodies F1', 'tasks F1', 'kinds', '  seconds');
  try {
    for (const [name, c] of Object.entries(CASES)) {
      if (names.length && !names.includes(name)) continue;
      const text = readFileSync(path.join(root, c.input), 'utf8').replace(/\*\*/g, '');
      const digital = path.join(cacheDir, `${name}.pdf`);
      const scanned = path.join(cacheDir, `${name}-scan.pdf`);
      if (!existsSync(digital)) writeFileSync(digital, await textToPdf(text));
      if (!existsSync(scanned)) writeFileSync(scanned, await scannedTwin(readFileSync(digital), 11));
      const gold = readGold(path.join(root, c.gold));
      for (const [format, file] of [
        ['text', path.join(root, c.input)],
        ['digital pdf', digital],
        ['scanned pdf', scanned],
      ] as const) {
        const t = performance.now();
        const doc = await processFile(file, {}, { ocr });
        const s = scoreGold(doc, gold);
        console.log(
          name.padEnd(40),
          format.padEnd(12),
          String(doc.pages.length).padStart(5),
          s.targets.f1.toFixed(3).padStart(10),
          s.bodies.f1.toFixed(3).padStart(9),
          (s.tasks ? s.tasks.f1.toFixed(3) : '-').padStart(8),
          (s.sectionKinds.equal ? 'ok' : 'DIFF').padStart(5),
          ((performance.now() - t) / 1000).toFixed(1).padStart(9),
        );
      }
    }
  } finally {
    await ocr.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
