import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { degradePageImage } from '../../scripts/lib/degrade.js';
import { textToPdf } from '../../scripts/lib/text-pdf.js';
import { across, decodeGrey, eraseRulings, findTables, prepareTables, type GreyImage } from '../../src/ocr/ruling.js';

const require = createRequire(import.meta.url);
GlobalFonts.registerFromPath(
  path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSerif.ttf'),
  'DejaVu Serif',
);

type Draw = (g: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void;

/** A 300-dpi page drawn with canvas, rotated and blurred like a scan, decoded to grey. */
async function page(draw: Draw, options: { skewDeg?: number; width?: number; height?: number } = {}): Promise<GreyImage> {
  return (await decodeGrey(await pagePng(draw, options)))!;
}

async function pagePng(draw: Draw, options: { skewDeg?: number; width?: number; height?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 2480;
  const height = options.height ?? 1800;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#f2f2f2';
  g.fillRect(0, 0, width, height);
  g.translate(width / 2, height / 2);
  g.rotate(((options.skewDeg ?? 0) * Math.PI) / 180);
  g.translate(-width / 2, -height / 2);
  g.filter = 'blur(0.7px)';
  g.strokeStyle = '#111';
  g.fillStyle = '#111';
  g.lineWidth = 2.5;
  g.font = '38px "DejaVu Serif"';
  draw(g);
  return canvas.toBuffer('image/png');
}

const hLine = (g: Parameters<Draw>[0], x0: number, x1: number, y: number) => {
  g.beginPath();
  g.moveTo(x0, y);
  g.lineTo(x1, y);
  g.stroke();
};
const vLine = (g: Parameters<Draw>[0], x: number, y0: number, y1: number) => {
  g.beginPath();
  g.moveTo(x, y0);
  g.lineTo(x, y1);
  g.stroke();
};

/** A 4-column table: header row whose last cell spans two sub-columns, then three rows. */

/** The cell text of the drawn table, on its own so a test can compare ink with and without rulings. */
function writeCellText(g: SKRSContext2D): void {
  g.fillText('TT', 215, 360);
  g.fillText('Nhiệm vụ, giải pháp', 340, 360);
  g.fillText('Thời gian thực hiện', 1720, 360);
  g.fillText('Lập kế hoạch chuyển đổi số báo chí', 340, 600);
  g.fillText('Sở Thông tin và', 1215, 600);
  g.fillText('Truyền thông', 1215, 650);
}

const grid: Draw = (g) => {
  const xs = [200, 320, 1200, 1700, 1950, 2250];
  const ys = [300, 420, 520, 800, 1100, 1400];
  for (const y of ys) hLine(g, xs[0], xs[5], y);
  for (const x of xs) vLine(g, x, x === 1950 ? 420 : 300, 1400); // the sub-column rule starts below the header
  writeCellText(g);
};

describe('ruling detection', () => {
  it('finds a skewed, blurred grid: every ruling, with the skew', async () => {
    const grey = await page(grid, { skewDeg: 0.8 });
    const t0 = performance.now();
    const tables = findTables(grey);
    const ms = performance.now() - t0;
    expect(tables).toHaveLength(1);
    expect(tables[0].horizontal).toHaveLength(6);
    expect(tables[0].vertical).toHaveLength(6);
    const slope = Math.tan((0.8 * Math.PI) / 180);
    for (const h of tables[0].horizontal) expect(Math.abs(h.slope - slope)).toBeLessThan(0.002);
    for (const v of tables[0].vertical) expect(Math.abs(v.slope + slope)).toBeLessThan(0.002);
    // The page centre is the rotation centre, so a ruling through it stays put: the y = 800 rule
    // (drawn from x 200 to 2250) passes (1240, 800 + small) after rotation.
    expect(across(tables[0].horizontal[3], 1240)).toBeGreaterThan(795);
    expect(across(tables[0].horizontal[3], 1240)).toBeLessThan(805);
    expect(ms).toBeLessThan(2000); // a sanity bound only; the speed target lives in the benchmark
  });

  it('keeps a ruling that starts below the header (a colspan) but not the letters', async () => {
    const grey = await page(grid);
    const [table] = findTables(grey);
    const sub = table.vertical[4];
    expect(across(sub, 1000)).toBeCloseTo(1950, -1);
    expect(sub.from).toBeGreaterThan(400);
  });

  it('sees no table in underlines, a signature rule, a framed box or a text column', async () => {
    const grey = await page((g) => {
      g.fillText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1100, 200);
      hLine(g, 1350, 1900, 230); // the motto's underline
      hLine(g, 300, 700, 230);
      g.strokeRect(300, 400, 900, 300); // a framed note: one cell is not a table
      g.fillText('DỰ THẢO', 500, 560);
      for (let i = 0; i < 12; i++) g.fillText('Il|lI| 1111 ||| Tỉnh Lâm Đồng', 300, 900 + i * 60);
      hLine(g, 1500, 2100, 1600); // a signature rule
    });
    expect(findTables(grey)).toEqual([]);
  });

  it('prepares a page the fast way (half size) with the same grid, and an erased PGM for OCR', async () => {
    const png = await pagePng(grid, { skewDeg: 0.8 });
    const full = findTables((await decodeGrey(png))!);
    const prepared = await prepareTables(png);
    expect(prepared?.tables).toHaveLength(1);
    const [table] = prepared!.tables;
    expect(table.horizontal).toHaveLength(6);
    expect(table.vertical).toHaveLength(6);
    table.horizontal.forEach((l, i) => expect(Math.abs(across(l, 1200) - across(full[0].horizontal[i], 1200))).toBeLessThan(2));
    table.vertical.forEach((l, i) => expect(Math.abs(across(l, 900) - across(full[0].vertical[i], 900))).toBeLessThan(2));
    expect(prepared!.image.subarray(0, 16).toString('latin1')).toBe('P5\n2480 1800\n255');
  });

  it('at 200 dpi finds the one real table and no "tables" in its small text', async () => {
    const plan = readFileSync(path.join(import.meta.dirname, '../../corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8');
    const rows = plan.split('\n').filter((l) => l.includes('\t')).slice(0, 6);
    const pdf = await textToPdf(['PHỤ LỤC', ...rows].join('\n'));
    const parser = new PDFParse({ data: pdf });
    const shot = await parser.getScreenshot({ scale: 200 / 72, imageDataUrl: false, imageBuffer: true });
    await parser.destroy();
    const scan = await degradePageImage(Buffer.from(shot.pages[0].data), { seed: 5, skewDeg: 0.3 });
    const prepared = await prepareTables(scan);
    expect(prepared?.tables).toHaveLength(1);
    expect(prepared!.tables[0].horizontal).toHaveLength(rows.length + 1);
    expect(prepared!.tables[0].vertical).toHaveLength(7);
  });

  it('leaves a scanned page of plain text untouched (nothing to prepare)', async () => {
    const png = readFileSync(path.join(import.meta.dirname, '../fixtures/scans/plan-excerpt.png'));
    expect(await prepareTables(png)).toBeUndefined();
  });

  it('erases the rulings: the erased page has no table left and the text survives', async () => {
    const grey = await page(grid, { skewDeg: -0.5 });
    const tables = findTables(grey);
    const ink = (img: GreyImage) => img.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    const before = ink(grey);
    eraseRulings(grey, tables);
    expect(findTables(grey)).toEqual([]);
    const text = await page((g) => {
      writeCellText(g);
    }, { skewDeg: -0.5 });
    // Nearly all of the letters' ink is still there (erasing may nick a letter touching a rule).
    expect(ink(grey)).toBeGreaterThan(ink(text) * 0.9);
    expect(ink(grey)).toBeLessThan(before);
  });

  it('skips an image canvas cannot decode (TIFF): OCR gets it as it is', async () => {
    expect(await prepareTables(Buffer.from('II*\0not really a tiff'))).toBeUndefined();
  });
});

describe('decoding guard', () => {
  it('never hands the native decoder a header it would crash on', async () => {
    const canvas = createCanvas(400, 300);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 400, 300);
    const jpeg = canvas.toBuffer('image/jpeg', 80);
    // Cut before the scan starts: skipped. (Run in this process, a crash here fails the suite.)
    expect(await decodeGrey(jpeg.subarray(0, 200))).toBeUndefined();
    expect(await decodeGrey(Buffer.from('MM\0*tiff bytes'))).toBeUndefined();
    // Whole, and cut in the middle of the scan data: decoded (canvas pads the missing part).
    expect((await decodeGrey(jpeg))?.width).toBe(400);
    expect((await decodeGrey(jpeg.subarray(0, jpeg.length - 100)))?.height).toBe(300);
  });
});
