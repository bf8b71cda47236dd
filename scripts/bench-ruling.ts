/**
 * Ruled-table detection benchmark: the cost OCR pays per page before tesseract runs (decode, find
 * rulings, and for a table page erase them and hand over a PGM). Pages are generated: a digital PDF
 * with the sample plan's appendix table, rendered at 300 dpi and degraded; and a page of plain text.
 * Prints median wall and CPU milliseconds per page, whole preparation and detection alone.
 *
 * Run: npx tsx scripts/bench-ruling.ts [--runs N]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { decodeGrey, findTables, prepareTables } from '../src/ocr/ruling.js';
import { degradePageImage } from './lib/degrade.js';
import { renderScan } from './lib/render-scan.js';
import { textToPdf } from './lib/text-pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(label: string, f: () => unknown): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  console.log(`${label.padEnd(42)} wall ${median(wall).toFixed(0).padStart(5)} ms   cpu ${median(cpu).toFixed(0).padStart(5)} ms`);
}

async function main(): Promise<void> {
  const plan = readFileSync(path.join(root, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8').split('\n');
  const rows = plan.filter((l) => l.includes('\t')).slice(0, 7);
  const pdf = await textToPdf(['PHỤ LỤC', 'Nhiệm vụ, giải pháp trọng tâm', '', ...rows].join('\n'));
  const parser = new PDFParse({ data: pdf });
  const shot = await parser.getScreenshot({ scale: 300 / 72, imageDataUrl: false, imageBuffer: true, partial: [1] });
  await parser.destroy();
  const tablePage = await degradePageImage(Buffer.from(shot.pages[0].data), { seed: 5 });
  const textPage = renderScan(plan.slice(2, 40).filter((l) => !l.includes('\t')).join('\n'), { encoding: 'jpeg', seed: 3 }).pages[0].png;

  for (const [name, page] of [
    ['table page (A4, 300 dpi, JPEG)', tablePage],
    ['text page (A4, 300 dpi, JPEG)', textPage],
  ] as const) {
    const grey = (await decodeGrey(page))!;
    const found = findTables(grey).length;
    console.log(`${name}: ${grey.width}×${grey.height}, ${found} table(s)`);
    await measure('  prepareTables (decode + detect + erase)', () => prepareTables(page));
    await measure('  findTables on decoded full-size grey', () => findTables(grey));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
