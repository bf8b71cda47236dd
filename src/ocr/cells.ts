import type { OcrWord } from './layout.js';
import { across, toPgm, type GreyImage, type PreparedPage, type RulingLine, type TableGrid } from './ruling.js';

/**
 * Table cells: where each is, and a second reading of their text.
 *
 * Tesseract reads a page as one block of text lines, so a line of one cell can be glued to the
 * line beside it in the next cell, and spaces inside small table print go missing ("SởTT&TT;các").
 * Cut out and stacked one under another with white between them (a montage), cells are read line
 * by line on their own — cleanly. A cell of a single glyph (the "2" of a TT column) is the
 * exception, which is why layout keeps whichever reading of a cell tesseract is surer of.
 */

/** Default slack (px) when a grid does not say: ~1 mm at 300 dpi. */
const DEFAULT_SLACK = 12;

/**
 * Whether a ruling reaches position `at` along it, give or take the grid's slack.
 *
 * @example
 * reaches(grid, grid.vertical[4], 420) // false — the "Bắt đầu | Kết thúc" rule starts below "Thời gian"
 */
export function reaches(table: TableGrid, line: RulingLine, at: number): boolean {
  const slack = table.slack ?? DEFAULT_SLACK;
  return at >= line.from - slack && at <= line.to + slack;
}

/**
 * The vertical middle of row band `row` at x.
 *
 * @example
 * bandMiddle(grid, 1, 1200) // 1303 — halfway down the row "1 | Phát triển các sản phẩm báo chí số…"
 */
export function bandMiddle(table: TableGrid, row: number, x: number): number {
  return (across(table.horizontal[row], x) + across(table.horizontal[row + 1], x)) / 2;
}

/**
 * The table's horizontal middle.
 *
 * @example
 * tableMidX(grid) // 1241 — the appendix table "TT | Nhiệm vụ, giải pháp | …" spans x 235–2248
 */
export function tableMidX(table: TableGrid): number {
  return (across(table.vertical[0], 0) + across(table.vertical[table.vertical.length - 1], 0)) / 2;
}

/**
 * The vertical rulings that cross row band `row` (at x): a row's cells lie between them.
 *
 * @example
 * rowRulings(grid, 2).length // 2 — the group row "I. NHIỆM VỤ CHUNG" is a single cell
 */
export function rowRulings(table: TableGrid, row: number, x = tableMidX(table)): RulingLine[] {
  const y = bandMiddle(table, row, x);
  return table.vertical.filter((v) => reaches(table, v, y));
}

/**
 * The cell (row, column) a point falls in. Its row is that of the nearest ruling above that reaches
 * it — so a merged cell spanning rows belongs to its first row — and its column counts the rulings
 * crossing that row to its left.
 *
 * @example
 * cellAt(grid, 640, 1450) // { row: 2, col: 1 } — "Phát triển và nâng cao chất lượng…"
 */
export function cellAt(table: TableGrid, x: number, y: number): { row: number; col: number } {
  const { horizontal } = table;
  let row = 0;
  for (let r = 1; r < horizontal.length - 1; r++) {
    if (across(horizontal[r], x) <= y && reaches(table, horizontal[r], x)) row = r;
  }
  const band = bandMiddle(table, row, x);
  const crossing = table.vertical.filter((v) => reaches(table, v, band));
  let col = 0;
  for (let c = 1; c < crossing.length - 1; c++) if (across(crossing[c], band) <= x) col = c;
  return { row, col };
}

/**
 * A cell's inner box (rulings excluded), in page pixels: its top-left inner corner (x0, y0), its
 * width x1 − x0 and height y1 − y0 measured along the rulings, and the skew — a point (dx, dy) of
 * the cell is on the page at (x0 + dx + shearX·dy, y0 + dy + shearY·dx).
 */
export interface CellBox {
  row: number;
  col: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Page x shift per pixel down (the vertical rulings' slope). */
  shearX: number;
  /** Page y shift per pixel right (the horizontal rulings' slope). */
  shearY: number;
}

/**
 * Every cell of a table with its inner box. A merged cell is listed once, at its first row; its
 * box runs down to the first ruling below that reaches it.
 *
 * @example
 * tableCells(grid).filter((c) => c.row === 1).length // 6 — "1", "Phát triển…", "Các cơ quan báo chí tỉnh"…
 */
export function tableCells(table: TableGrid): CellBox[] {
  const { horizontal } = table;
  const cells: CellBox[] = [];
  for (let row = 0; row < horizontal.length - 1; row++) {
    const rulings = rowRulings(table, row);
    for (let col = 0; col + 1 < rulings.length; col++) {
      const y = bandMiddle(table, row, tableMidX(table));
      const cx = (across(rulings[col], y) + across(rulings[col + 1], y)) / 2;
      // Continuation of a cell merged from above: its top ruling does not reach it.
      if (row > 0 && !reaches(table, horizontal[row], cx)) continue;
      let bottom = row + 1;
      while (bottom < horizontal.length - 1 && !reaches(table, horizontal[bottom], cx)) bottom++;
      const top = horizontal[row];
      const low = horizontal[bottom];
      const left = rulings[col];
      const right = rulings[col + 1];
      // The corner where the top and left rulings meet (x = cv + sv·y, y = ch + sh·x).
      const xc = (left.c + left.slope * top.c) / (1 - left.slope * top.slope);
      const yc = top.c + top.slope * xc;
      const inset = (l: RulingLine) => l.thickness / 2 + 2;
      const width = across(right, yc) - xc - inset(left) - inset(right);
      const height = across(low, xc) - yc - inset(top) - inset(low);
      if (width >= 4 && height >= 4) {
        const x0 = Math.ceil(xc + inset(left));
        const y0 = Math.ceil(yc + inset(top));
        const x1 = Math.floor(xc + inset(left) + width);
        const y1 = Math.floor(yc + inset(top) + height);
        cells.push({ row, col, x0, y0, x1, y1, shearX: left.slope, shearY: top.slope });
      }
    }
  }
  return cells;
}

/** Where each cell went in the montage. */
interface Placement {
  table: number;
  cell: CellBox;
  top: number;
}

/** Cells stacked in one image, white between them, so one OCR call reads them all apart. */
export interface Montage {
  image: Buffer;
  placements: Placement[];
  /** Left margin of every cell in the montage. */
  left: number;
  gap: number;
}

/**
 * Cuts the cells that hold ink out of the (rulings-erased) page and stacks them, left-aligned, one
 * under another with a gap of about two text lines. Returns undefined if no cell holds any ink.
 *
 * @example
 * cellMontage(prepared.grey, prepared.tables)?.placements.length // 22 — the appendix table's non-empty cells
 */
export function cellMontage(grey: GreyImage, tables: TableGrid[]): Montage | undefined {
  const scale = Math.max(grey.width, grey.height) / 3508; // 1 at 300 dpi A4
  const gap = Math.round(80 * scale);
  const left = Math.round(40 * scale);
  const picked: Placement[] = [];
  const crops: Uint8Array[] = [];
  let height = gap;
  let width = 0;
  tables.forEach((table, t) => {
    for (const cell of tableCells(table)) {
      const crop = cutCell(grey, cell);
      if (!crop) continue;
      picked.push({ table: t, cell, top: height });
      crops.push(crop);
      height += cell.y1 - cell.y0 + gap;
      width = Math.max(width, cell.x1 - cell.x0);
    }
  });
  if (picked.length === 0) return undefined;
  width += 2 * left;
  const data = new Uint8Array(width * height).fill(255);
  picked.forEach(({ cell, top }, i) => {
    const w = cell.x1 - cell.x0;
    for (let y = 0; y < cell.y1 - cell.y0; y++) data.set(crops[i].subarray(y * w, (y + 1) * w), (top + y) * width + left);
  });
  return { image: toPgm({ width, height, data }), placements: picked, left, gap };
}

/**
 * A cell's pixels with the skew taken out (a shear, which for a degree or two is a rotation), so
 * its text lines are level; undefined if the cell holds too little ink to be text.
 */
function cutCell(grey: GreyImage, cell: CellBox): Uint8Array | undefined {
  const w = cell.x1 - cell.x0;
  const h = cell.y1 - cell.y0;
  const out = new Uint8Array(w * h).fill(255);
  let dark = 0;
  for (let dy = 0; dy < h; dy++) {
    const shiftX = cell.shearX * dy;
    for (let dx = 0; dx < w; dx++) {
      const x = Math.round(cell.x0 + dx + shiftX);
      const y = Math.round(cell.y0 + dy + cell.shearY * dx);
      if (x < 0 || y < 0 || x >= grey.width || y >= grey.height) continue;
      const v = grey.data[y * grey.width + x];
      out[dy * w + dx] = v;
      if (v < 128) dark++;
    }
  }
  return dark >= 20 ? out : undefined;
}

/** What `worker.recognize` returns that is read here (tesseract.js blocks output). */
export interface BlocksResult {
  data: {
    blocks?: {
      paragraphs: { lines: { bbox: { y0: number; y1: number }; words: { text: string; confidence: number; bbox: OcrWord['bbox'] }[] }[] }[];
    }[] | null;
  };
}

/**
 * Reads the montage's words back into their cells, with boxes moved to page coordinates:
 * one map per table, keyed `row:col`.
 *
 * @example
 * const cells = montageWords(montage, await worker.recognize(montage.image, {}, { blocks: true }));
 * cells[0].get('2:3')?.map((w) => w.text).join(' ') // 'Cục Báo chí; các cơ quan báo chí và các đơn vị có liên quan'
 */
export function montageWords(montage: Montage, result: BlocksResult, tables: number): Map<string, OcrWord[]>[] {
  const out = Array.from({ length: tables }, () => new Map<string, OcrWord[]>());
  const tops = montage.placements.map((p) => p.top);
  for (const block of result.data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        for (const w of line.words) {
          if (!w.text.trim()) continue;
          const cy = (w.bbox.y0 + w.bbox.y1) / 2;
          // The placement whose band (with half the gap either side) holds the word's centre.
          let i = -1;
          for (let k = 0; k < tops.length && tops[k] - montage.gap / 2 <= cy; k++) i = k;
          if (i < 0) continue;
          const { table, cell, top } = montage.placements[i];
          // Back to the page: undo the montage offset, then put the skew back (at the word's centre).
          const dx = cell.x0 - montage.left + cell.shearX * (cy - top);
          const dy = cell.y0 - top + cell.shearY * ((w.bbox.x0 + w.bbox.x1) / 2 - montage.left);
          const word: OcrWord = {
            text: w.text,
            confidence: w.confidence,
            bbox: { x0: w.bbox.x0 + dx, y0: w.bbox.y0 + dy, x1: w.bbox.x1 + dx, y1: w.bbox.y1 + dy },
            lineHeight: line.bbox.y1 - line.bbox.y0,
          };
          const key = `${cell.row}:${cell.col}`;
          const list = out[table].get(key);
          if (list) list.push(word);
          else out[table].set(key, [word]);
        }
      }
    }
  }
  return out;
}

/** The part of a tesseract.js worker used here. */
export interface Recognizer {
  recognize(image: Buffer, options: object, output: { blocks: true }): Promise<BlocksResult>;
}

/**
 * Second reading of a prepared page's table cells, one OCR call for all of them.
 *
 * @example
 * const cells = await readCells(worker, prepared); // then wordsToLines(words, prepared.tables, cells)
 */
export async function readCells(worker: Recognizer, prepared: PreparedPage): Promise<Map<string, OcrWord[]>[] | undefined> {
  const montage = cellMontage(prepared.grey, prepared.tables);
  if (!montage) return undefined;
  const result = await worker.recognize(montage.image, {}, { blocks: true });
  return montageWords(montage, result, prepared.tables.length);
}
