import { describe, expect, it } from 'vitest';
import { cellAt, cellMontage, montageWords, tableCells, type BlocksResult } from '../../src/ocr/cells.js';
import type { GreyImage, RulingLine, TableGrid } from '../../src/ocr/ruling.js';

const h = (y: number, from: number, to: number): RulingLine => ({ c: y, slope: 0, from, to, thickness: 3 });
const v = (x: number, from: number, to: number): RulingLine => ({ c: x, slope: 0, from, to, thickness: 3 });

// Header: "TT" and "Nội dung" span two rows; "Thời gian" spans two columns ("Bắt đầu", "Kết thúc").
// Then a group row "I. NHIỆM VỤ CHUNG" across the whole table, then one ordinary row.
const grid: TableGrid = {
  horizontal: [h(100, 100, 1100), h(180, 700, 1100), h(260, 100, 1100), h(340, 100, 1100), h(500, 100, 1100)],
  vertical: [v(100, 100, 500), v(200, 100, 260), v(200, 340, 500), v(700, 100, 260), v(700, 340, 500), v(900, 180, 260), v(900, 340, 500), v(1100, 100, 500)],
  slack: 12,
};

describe('table cells', () => {
  it('lists merged cells once, at their first row, with boxes inside the rulings', () => {
    const cells = tableCells(grid).map((c) => `${c.row}:${c.col} ${c.x0},${c.y0}-${c.x1},${c.y1}`);
    expect(cells).toEqual([
      '0:0 104,104-196,256', // TT: down to the rule at 260, the one at 180 does not reach it
      '0:1 204,104-696,256',
      '0:2 704,104-1096,176', // Thời gian
      '1:2 704,184-896,256', // Bắt đầu
      '1:3 904,184-1096,256', // Kết thúc
      '2:0 104,264-1096,336', // the group row: one cell
      '3:0 104,344-196,496',
      '3:1 204,344-696,496',
      '3:2 704,344-896,496',
      '3:3 904,344-1096,496',
    ]);
  });

  it('puts a point in the same cell the boxes say', () => {
    expect(cellAt(grid, 150, 230)).toEqual({ row: 0, col: 0 }); // low in the merged TT cell
    expect(cellAt(grid, 1000, 220)).toEqual({ row: 1, col: 3 });
    expect(cellAt(grid, 500, 300)).toEqual({ row: 2, col: 0 });
    expect(cellAt(grid, 800, 450)).toEqual({ row: 3, col: 2 });
  });

  it('stacks inked cells into a montage and maps read words back to their cells and page position', () => {
    const width = 1200;
    const height = 600;
    const page: GreyImage = { width, height, data: new Uint8Array(width * height).fill(255) };
    const ink = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++) page.data.fill(0, y * width + x0, y * width + x1);
    };
    ink(120, 120, 160, 150); // "TT"
    ink(720, 360, 800, 390); // "2024" in row 3, column 2
    const montage = cellMontage(page, [grid])!;
    expect(montage.placements.map((p) => `${p.cell.row}:${p.cell.col}`)).toEqual(['0:0', '3:2']);
    const [first, second] = montage.placements;
    // Pretend tesseract read one word in each placed cell, at the ink's place in the montage.
    const word = (text: string, x0: number, y0: number, x1: number, y1: number) => ({ text, confidence: 91, bbox: { x0, y0, x1, y1 } });
    const at = (p: typeof first, x: number, y: number, w: number, hgt: number) =>
      word(p === first ? 'TT' : '2024', montage.left + x - p.cell.x0, p.top + y - p.cell.y0, montage.left + x - p.cell.x0 + w, p.top + y - p.cell.y0 + hgt);
    const result: BlocksResult = {
      data: { blocks: [{ paragraphs: [{ lines: [{ bbox: { y0: 0, y1: 30 }, words: [at(first, 120, 120, 40, 30), at(second, 720, 360, 80, 30)] }] }] }] },
    };
    const [cells] = montageWords(montage, result, 1);
    expect(cells.get('0:0')?.map((w) => [w.text, w.bbox.x0, w.bbox.y0])).toEqual([['TT', 120, 120]]);
    expect(cells.get('3:2')?.map((w) => [w.text, w.bbox.x0, w.bbox.y0])).toEqual([['2024', 720, 360]]);
  });

  it('levels a skewed cell: a text line drawn along the skew comes out flat in the montage', () => {
    const slope = Math.tan((1.5 * Math.PI) / 180);
    const H = (y: number): RulingLine => ({ c: y - slope * 100, slope, from: 100, to: 1100, thickness: 3 });
    const V = (x: number): RulingLine => ({ c: x + slope * 100, slope: -slope, from: 80, to: 420, thickness: 3 });
    const skewed: TableGrid = { horizontal: [H(100), H(400)], vertical: [V(100), V(300), V(1100)], slack: 12 };
    const width = 1200;
    const page: GreyImage = { width, height: 500, data: new Uint8Array(width * 500).fill(255) };
    // A 10-px-thick "text line" 60 px below the top rule, parallel to it, across the wide cell.
    for (let x = 330; x < 1060; x++) {
      const y0 = Math.round(100 + slope * (x - 100) + 60);
      for (let y = y0; y < y0 + 10; y++) page.data[y * width + x] = 0;
    }
    const montage = cellMontage(page, [skewed])!;
    expect(montage.placements).toHaveLength(1);
    const header = montage.image.indexOf(0x0a, montage.image.indexOf(0x0a, 3) + 1) + 1;
    const mw = Number(montage.image.toString('latin1', 3, 20).split(/\s/)[0]);
    const inkRows = new Set<number>();
    for (let i = header; i < montage.image.length; i++) if (montage.image[i] < 128) inkRows.add(Math.floor((i - header) / mw));
    // Unlevelled, the line would climb 19 px across the cell: 29 rows of ink. Levelled: ~10.
    expect(inkRows.size).toBeLessThanOrEqual(12);
  });
});
