/**
 * Scanned ruled tables: how well OCR gives them back as the digital PDF's rows. Every case is a
 * generated digital PDF (scripts/lib/text-pdf.ts) whose text layer is the truth, rendered and
 * degraded like a scan. For each: share of true rows read as one line with the right number of
 * cells, and mean cell similarity (test/ocr/table-score.ts); for the first two, the same for the
 * page OCR'd the old way (no ruling detection: one line per visual line).
 *
 * Run: npx tsx scripts/eval-ocr-tables.ts   (a few minutes: ~10 OCR'd pages)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFParse } from 'pdf-parse';
import { readPdf } from '../src/ingest/pdf.js';
import { OcrEngine, langPath } from '../src/ocr/index.js';
import { wordsToLines, type OcrWord } from '../src/ocr/layout.js';
import { scoreTable } from '../test/ocr/table-score.js';
import { degradePageImage } from './lib/degrade.js';
import { seededRandom } from './lib/render-scan.js';
import { textToPdf } from './lib/text-pdf.js';
import { createWorker, OEM } from 'tesseract.js';

const root = path.resolve(import.meta.dirname, '..');

async function render(pdf: Uint8Array, dpi = 300): Promise<Buffer[]> {
  const parser = new PDFParse({ data: pdf.slice() });
  const shot = await parser.getScreenshot({ scale: dpi / 72, imageDataUrl: false, imageBuffer: true });
  await parser.destroy();
  return shot.pages.map((p) => Buffer.from(p.data));
}

/** Stronger degradation than degrade.ts: any skew, blur, noise, darker paper, lower resolution. */
async function degradeMore(png: Buffer, o: { skewDeg: number; blur: number; noise: number; scale?: number }): Promise<Buffer> {
  const image = await loadImage(png);
  const s = o.scale ?? 1;
  const w = Math.round(image.width * s);
  const h = Math.round(image.height * s);
  const canvas = createCanvas(w, h);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, w, h);
  g.translate(w / 2, h / 2);
  g.rotate((o.skewDeg * Math.PI) / 180);
  g.translate(-w / 2, -h / 2);
  g.filter = `blur(${o.blur}px)`;
  g.drawImage(image, 0, 0, w, h);
  g.setTransform(1, 0, 0, 1, 0, 0);
  const d = g.getImageData(0, 0, w, h);
  const r = seededRandom(3);
  for (let i = 0; i < d.data.length; i += 4) {
    const v = Math.max(0, Math.min(255, (d.data[i] + d.data[i + 1] + d.data[i + 2]) / 3 - 12 + (r() + r() + r() - 1.5) * 2 * o.noise));
    d.data[i] = d.data[i + 1] = d.data[i + 2] = v;
  }
  g.putImageData(d, 0, 0);
  return canvas.toBuffer('image/jpeg', 70);
}

async function main(): Promise<void> {
  const plan = readFileSync(path.join(root, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8').split('\n');
  const tab = plan.filter((l) => l.includes('\t'));
  const ocr = new OcrEngine({ lang: 'vie', jobs: 1 });
  const old = await createWorker('vie', OEM.LSTM_ONLY, { langPath: langPath('vie'), gzip: true, cacheMethod: 'none' });
  const oldWay = async (image: Buffer) => {
    const result = await old.recognize(image, {}, { blocks: true });
    const words: OcrWord[] = [];
    for (const b of result.data.blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) for (const w of l.words) {
      if (w.text.trim()) words.push({ text: w.text, confidence: w.confidence, bbox: w.bbox, lineHeight: l.bbox.y1 - l.bbox.y0 });
    }
    return wordsToLines(words).text;
  };

  const cases: { name: string; digital: Uint8Array; scans: () => Promise<Buffer[]>; baseline?: boolean }[] = [];
  const fixture = new Uint8Array(readFileSync(path.join(root, 'test/fixtures/scans/plan-digital.pdf')));
  cases.push({ name: 'plan-digital-scan.pdf (6 cols, 4 rows)', digital: fixture, baseline: true, scans: async () => render(new Uint8Array(readFileSync(path.join(root, 'test/fixtures/scans/plan-digital-scan.pdf')))) });
  const four = ['STT\tNội dung công việc\tCơ quan chủ trì\tThời gian hoàn thành', ...tab.slice(4, 9).map((l) => { const c = l.split('\t'); return [c[0], c[1], c[2], c[5]].join('\t'); })];
  const d4 = await textToPdf(['KẾ HOẠCH', 'Phân công thực hiện', '', ...four, '', 'Các sở, ngành căn cứ nhiệm vụ được giao triển khai thực hiện.'].join('\n'), { tableFontSize: 10 });
  cases.push({ name: '4 cols, 6 rows, empty cells, skew -0.6°', digital: d4, baseline: true, scans: async () => [await degradePageImage((await render(d4))[0], { seed: 31, skewDeg: -0.6, noise: 12 })] });
  const seven = ['TT\tĐơn vị\tMã\tNăm 2023\tNăm 2024\tNăm 2025\tGhi chú', ...['Sở Tài chính', 'Sở Y tế', 'Sở Nội vụ', 'UBND huyện Đức Trọng', 'UBND thành phố Đà Lạt', 'Sở Xây dựng', 'Sở Công Thương', 'Ban Dân tộc', 'Sở Tư pháp'].map((u, i) => `${i + 1}\t${u}\tM${10 + i}\t${((i * 7) % 13) + 2}\t${((i * 5) % 11) + 3}\t${((i * 3) % 9) + 4}\t${i % 3 === 0 ? 'Hoàn thành' : ''}`)];
  const d7 = await textToPdf(['Biểu tổng hợp', ...seven].join('\n'));
  cases.push({ name: '7 cols, 10 rows of short cells', digital: d7, scans: async () => [await degradePageImage((await render(d7))[0], { seed: 5, skewDeg: -0.4 })] });
  const dp = await textToPdf(['KẾ HOẠCH', ...plan.slice(2, 8), '', ...tab, ...tab.slice(1)].join('\n'));
  cases.push({ name: 'table over 2 pages (19 rows)', digital: dp, scans: async () => Promise.all((await render(dp)).map((p, i) => degradePageImage(p, { seed: 5 + i, skewDeg: 0.5 }))) });
  const d6 = await textToPdf(['PHỤ LỤC', ...tab.slice(0, 7)].join('\n'));
  for (const v of [
    { skewDeg: 1.5, blur: 1.0, noise: 15 },
    { skewDeg: -2.0, blur: 0.8, noise: 10 },
    { skewDeg: 0.5, blur: 1.4, noise: 20 },
    { skewDeg: 0.7, blur: 0.8, noise: 12, scale: 2 / 3 },
  ]) {
    cases.push({ name: `6 cols, 7 rows, ${JSON.stringify(v)}`, digital: d6, scans: async () => [await degradeMore((await render(d6))[0], v)] });
  }

  for (const c of cases) {
    const truth = (await readPdf(Buffer.from(c.digital.slice()), 'digital.pdf')).flatMap((p) => (p.kind === 'text' ? p.page.text.split('\n').filter((l) => l.includes('\t')) : []));
    const scans = await c.scans();
    const texts: string[] = [];
    for (const s of scans) texts.push((await ocr.recognizePage(s, c.name)).text);
    const now = scoreTable(truth, texts.join('\n'));
    let line = `${c.name}: ${truth.length} rows; right cell count ${(now.rowShape * 100).toFixed(0)}%, cell similarity ${now.cellSimilarity.toFixed(3)}`;
    if (c.baseline) {
      const before = scoreTable(truth, (await Promise.all(scans.map(oldWay))).join('\n'));
      line += `   (old way: ${(before.rowShape * 100).toFixed(0)}%, ${before.cellSimilarity.toFixed(3)})`;
    }
    console.log(line);
  }
  await old.terminate();
  await ocr.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
