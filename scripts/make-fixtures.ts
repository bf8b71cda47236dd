/**
 * Generates the OCR and PDF test fixtures from clean text, so none is hand-made:
 *   test/fixtures/scans/plan-excerpt.txt        the truth (an excerpt of the clean sample plan + appendix rows)
 *   test/fixtures/scans/plan-excerpt.png        one scanned-looking page (300 dpi, blur, noise, skew)
 *   test/fixtures/scans/plan-excerpt-scan.pdf   the same as an image-only PDF
 *   test/fixtures/scans/plan-digital.pdf        a digital PDF with a text layer and a ruled appendix table
 *   test/fixtures/scans/plan-digital-scan.pdf   its scanned twin: the digital PDF's pages rendered, degraded, image-only
 * Run: npx tsx scripts/make-fixtures.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { imagesToPdf, renderScan } from './lib/render-scan.js';
import { textToPdf } from './lib/text-pdf.js';
import { degradePageImage } from './lib/degrade.js';
import { PDFParse } from 'pdf-parse';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test/fixtures/scans');
mkdirSync(out, { recursive: true });

const plan = readFileSync(path.join(root, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8').split('\n');
// The opening of the plan: header, title, first section — short enough for one page.
const excerpt = plan.slice(2, 22).filter((l) => l.length < 400).slice(0, 8).join('\n');
writeFileSync(path.join(out, 'plan-excerpt.txt'), `${excerpt}\n`);

async function main(): Promise<void> {
  const scan = renderScan(excerpt, { heightIn: 4.6, noise: 4, encoding: 'png', seed: 7 });
  writeFileSync(path.join(out, 'plan-excerpt.png'), scan.pages[0].png);
  const jpegs = renderScan(excerpt, { heightIn: 4.6, noise: 10, encoding: 'jpeg', seed: 8 });
  writeFileSync(path.join(out, 'plan-excerpt-scan.pdf'), await imagesToPdf(jpegs.pages.map((p) => p.png)));

  const appendixStart = plan.findIndex((l) => l.startsWith('TT\t'));
  const digitalText = [
    ...plan.slice(2, 12),
    '',
    'PHỤ LỤC',
    'Nhiệm vụ, giải pháp trọng tâm',
    '',
    ...plan.slice(appendixStart, appendixStart + 4).filter((l) => l.includes('\t')),
  ].join('\n');
  writeFileSync(path.join(out, 'plan-digital.txt'), `${digitalText}\n`);
  const digital = await textToPdf(digitalText);
  writeFileSync(path.join(out, 'plan-digital.pdf'), digital);

  const parser = new PDFParse({ data: new Uint8Array(digital) });
  const shots = await parser.getScreenshot({ scale: 300 / 72, imageDataUrl: false, imageBuffer: true });
  await parser.destroy();
  const degraded = await Promise.all(shots.pages.map((p, i) => degradePageImage(Buffer.from(p.data), { seed: 20 + i })));
  writeFileSync(path.join(out, 'plan-digital-scan.pdf'), await imagesToPdf(degraded));
  console.log(`fixtures written to ${path.relative(root, out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
