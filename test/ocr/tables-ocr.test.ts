import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../src/ingest/pdf.js';
import { OcrEngine } from '../../src/ocr/index.js';
import { degradePageImage } from '../../scripts/lib/degrade.js';
import { textToPdf } from '../../scripts/lib/text-pdf.js';
import { scoreTable } from './table-score.js';

const root = path.join(import.meta.dirname, '../..');
const scans = path.join(root, 'test/fixtures/scans');

/** The digital PDF's table rows: what a scan of it should read back as. */
async function digitalRows(pdf: Uint8Array): Promise<string[]> {
  const pages = await readPdf(Buffer.from(pdf), 'digital.pdf');
  return pages.flatMap((p) => (p.kind === 'text' ? p.page.text.split('\n').filter((l) => l.includes('\t')) : []));
}

async function render(pdf: Uint8Array): Promise<Buffer> {
  const parser = new PDFParse({ data: pdf.slice() });
  try {
    const shot = await parser.getScreenshot({ scale: 300 / 72, imageDataUrl: false, imageBuffer: true });
    return Buffer.from(shot.pages[0].data);
  } finally {
    await parser.destroy();
  }
}

describe('scanned ruled tables read back as the digital PDF rows', () => {
  const ocr = new OcrEngine({ lang: 'vie', jobs: 1 });
  afterAll(() => ocr.close());

  it('plan-digital-scan.pdf: every row, right number of cells, cells close to the text layer', async () => {
    const truth = await digitalRows(new Uint8Array(readFileSync(path.join(scans, 'plan-digital.pdf'))));
    const [page] = await readPdf(readFileSync(path.join(scans, 'plan-digital-scan.pdf')), 'plan-digital-scan.pdf');
    expect(page.kind).toBe('image');
    if (page.kind !== 'image') return;
    const text = (await ocr.recognizePage(page.image, 'plan-digital-scan.pdf')).text;
    const score = scoreTable(truth, text);
    console.log('plan-digital-scan', JSON.stringify(score));
    expect(truth).toHaveLength(4);
    expect(score.rowShape).toBe(1);
    expect(score.cellSimilarity).toBeGreaterThan(0.98);
    // The rulings are gone from the text, and the title above stays above.
    expect(text).not.toMatch(/\|/);
    expect(text.indexOf('Nhiệm vụ, giải pháp trọng tâm')).toBeLessThan(text.indexOf('\t'));
  });

  it('a different table (4 columns, 6 rows, empty cells, other skew and noise)', async () => {
    const plan = readFileSync(path.join(root, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8').split('\n').filter((l) => l.includes('\t'));
    const rows = [
      'STT\tNội dung công việc\tCơ quan chủ trì\tThời gian hoàn thành',
      ...plan.slice(4, 9).map((l) => {
        const c = l.split('\t');
        return [c[0], c[1], c[2], c[5]].join('\t');
      }),
    ];
    const text = ['KẾ HOẠCH', 'Phân công thực hiện', '', ...rows, '', 'Các sở, ngành căn cứ nhiệm vụ được giao triển khai thực hiện.'].join('\n');
    const digital = await textToPdf(text, { tableFontSize: 10 });
    const truth = await digitalRows(digital.slice());
    const scan = await degradePageImage(await render(digital), { seed: 31, skewDeg: -0.6, noise: 12 });
    const ocrText = (await ocr.recognizePage(scan, 'four-columns.jpg')).text;
    const score = scoreTable(truth, ocrText);
    console.log('four-columns', JSON.stringify(score));
    expect(truth).toHaveLength(6);
    expect(score.rowShape).toBe(1);
    expect(score.cellSimilarity).toBeGreaterThan(0.98);
    expect(ocrText.split('\n').at(-1)).toMatch(/triển khai thực hiện/);
  });
});
