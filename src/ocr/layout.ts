import { cellAt, rowRulings, tableMidX } from './cells.js';
import { across, type TableGrid } from './ruling.js';

/** A recognised word with its box, as tesseract reports it. */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  lineHeight: number;
}

/**
 * Rebuilds text lines from word boxes instead of trusting tesseract's block order. Tesseract reads a
 * ruled table or a two-column header block by block, scattering each row; grouping words by their
 * vertical position keeps a row on one line, and a wide horizontal gap becomes a tab — the same shape
 * a PDF text layer gives, so the appendix reader sees one format. A vertical gap well above the usual
 * line spacing becomes a blank line (a paragraph break).
 *
 * When the page's ruled tables are known (see ruling.ts), each word inside a table goes to its cell
 * instead: a cell's words are joined in reading order with spaces, cells with tabs, one line per
 * table row — exactly the shape of a digital PDF's table. Text outside the tables keeps the row
 * clustering and its place above, between or below them. `cellReadings` (see cells.ts) is a second
 * reading of each cell, keyed `row:col` per table; a cell keeps whichever reading is surer.
 *
 * @example
 * wordsToLines(words).text // 'TT\tNhiệm vụ\tĐơn vị chủ trì\n1\tPhát triển…\tSở Tài chính'
 * wordsToLines(words, grids).text // '…\n2\tPhát triển và nâng cao chất lượng nguồn nhân lực…\tSở Thông tin và Truyền thông\t…'
 */
export function wordsToLines(
  words: OcrWord[],
  tables: TableGrid[] = [],
  cellReadings: Map<string, OcrWord[]>[] = [],
): { text: string; lineConfidences: (number | undefined)[] } {
  if (words.length === 0) return { text: '', lineConfidences: [] };
  const charHeight = medianHeight(words);

  const inTable: OcrWord[][] = tables.map(() => []);
  const free: OcrWord[] = [];
  for (const w of words) {
    const t = tables.findIndex((table) => insideTable(table, w));
    if (t >= 0) inTable[t].push(w);
    else free.push(w);
  }

  const rows = clusterRows(free, charHeight);
  // Line spacing from every visual line of the page, table cells included, as without tables: it is
  // the paragraph-break yardstick and must not grow because the tables' lines went into cells.
  const visual = tables.length ? clusterRows(words, charHeight) : rows;
  const gaps = visual.slice(1).map((r, i) => r.centre - visual[i].centre).sort((a, b) => a - b);
  const lineSpacing = gaps.length ? gaps[Math.floor(gaps.length / 4)] : charHeight * 1.5;

  // Every output line with its vertical extent, so text rows and table rows interleave by position.
  interface Item {
    top: number;
    bottom: number;
    text: string;
    confidence: number;
    table: boolean;
  }
  const items: Item[] = rows.map((row) => {
    const ws = row.words.sort((a, b) => a.bbox.x0 - b.bbox.x0);
    let line = ws[0].text;
    for (let j = 1; j < ws.length; j++) {
      const gap = ws[j].bbox.x0 - ws[j - 1].bbox.x1;
      line += gap > charHeight * 2.2 ? '\t' : ' ';
      line += ws[j].text;
    }
    return { top: row.centre, bottom: row.centre, text: line, confidence: meanConfidence(ws), table: false };
  });
  tables.forEach((table, t) => {
    for (const row of tableRows(table, inTable[t], charHeight, cellReadings[t])) items.push({ ...row, table: true });
  });
  // Stable sort: a table's rows keep their order even if a row is oddly placed.
  items.sort((a, b) => a.top - b.top);

  const lines: string[] = [];
  const confidences: (number | undefined)[] = [];
  items.forEach((item, i) => {
    const prev = items[i - 1];
    // A paragraph break between text rows only; a table sits flush under its caption, as in a PDF.
    if (prev && !prev.table && !item.table && item.top - prev.bottom > lineSpacing * 1.6) {
      lines.push('');
      confidences.push(undefined);
    }
    lines.push(item.text);
    confidences.push(item.confidence);
  });
  return { text: lines.join('\n'), lineConfidences: confidences };
}

function medianHeight(words: OcrWord[]): number {
  const heights = words.map((w) => w.bbox.y1 - w.bbox.y0).sort((a, b) => a - b);
  return Math.max(1, heights[Math.floor(heights.length / 2)]);
}

function meanConfidence(words: OcrWord[]): number {
  return Math.round((words.reduce((s, w) => s + w.confidence, 0) / words.length) * 10) / 10;
}

/** Rows: a word joins the row whose vertical centre is closest, if within ~half a line. */
function clusterRows(words: OcrWord[], charHeight: number): { words: OcrWord[]; centre: number }[] {
  const sorted = [...words].sort((a, b) => centre(a) - centre(b));
  const rows: { words: OcrWord[]; centre: number }[] = [];
  for (const w of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(centre(w) - row.centre) < charHeight * 0.6) {
      row.words.push(w);
      row.centre = row.words.reduce((s, x) => s + centre(x), 0) / row.words.length;
    } else rows.push({ words: [w], centre: centre(w) });
  }
  return rows;
}

function centreX(w: OcrWord): number {
  return (w.bbox.x0 + w.bbox.x1) / 2;
}

/** Whether a word's centre lies inside a table's outer ruling. */
function insideTable(table: TableGrid, w: OcrWord): boolean {
  const x = centreX(w);
  const y = centre(w);
  const top = table.horizontal[0];
  const bottom = table.horizontal[table.horizontal.length - 1];
  const left = table.vertical[0];
  const right = table.vertical[table.vertical.length - 1];
  return y > across(top, x) && y < across(bottom, x) && x > across(left, y) && x < across(right, y);
}

/**
 * A table's rows as tab-separated lines. A word's cell is bounded by the nearest rulings around its
 * centre that actually reach it (cells.ts), so a merged cell (a rowspan, a colspan header) is one
 * cell: its text goes to the first row it spans, and a row has as many cells as rulings cross it,
 * minus one. With a second reading of the cells, each cell keeps the reading of higher mean
 * confidence.
 */
function tableRows(
  table: TableGrid,
  words: OcrWord[],
  charHeight: number,
  reading?: Map<string, OcrWord[]>,
): { top: number; bottom: number; text: string; confidence: number }[] {
  const { horizontal } = table;
  const midX = tableMidX(table);
  const cells = new Map<string, OcrWord[]>();
  for (const w of words) {
    const { row, col } = cellAt(table, centreX(w), centre(w));
    const key = `${row}:${col}`;
    const list = cells.get(key);
    if (list) list.push(w);
    else cells.set(key, [w]);
  }
  const junk = (w: OcrWord) =>
    // A stray ruling mark (`|` left by erasing) is not a word, nor is low-confidence punctuation
    // read into the blank band where a ruling was ("——", "—=").
    /^[|[\]!]+$/.test(w.text) || (w.confidence < 50 && !/[\p{L}\p{N}]/u.test(w.text));
  // The surer of the page reading `a` and the cell reading `b`. A cell of a few characters alone
  // (a TT number, "TT") is what tesseract reads worst without a line around it: there a confident
  // page reading stands.
  const surer = (a: OcrWord[], b: OcrWord[]) => {
    if (!b.length) return a;
    if (!a.length) return b;
    if (a.map((w) => w.text).join('').length <= 3 && meanConfidence(a) >= 60) return a;
    return meanConfidence(b) >= meanConfidence(a) ? b : a;
  };

  const out: { top: number; bottom: number; text: string; confidence: number }[] = [];
  for (let row = 0; row < horizontal.length - 1; row++) {
    const columns = Math.max(1, rowRulings(table, row, midX).length - 1);
    const texts: string[] = [];
    const all: OcrWord[] = [];
    for (let col = 0; col < columns; col++) {
      const key = `${row}:${col}`;
      const ws = surer((cells.get(key) ?? []).filter((w) => !junk(w)), (reading?.get(key) ?? []).filter((w) => !junk(w)));
      all.push(...ws);
      texts.push(
        clusterRows(ws, charHeight)
          .map((r) => r.words.sort((a, b) => a.bbox.x0 - b.bbox.x0).map((w) => w.text).join(' '))
          .join(' '),
      );
    }
    // A band no word fell in is a double rule or a spacer, not a row of the table.
    if (all.length === 0) continue;
    out.push({
      top: across(horizontal[row], midX),
      bottom: across(horizontal[row + 1], midX),
      text: texts.join('\t'),
      confidence: meanConfidence(all),
    });
  }
  return out;
}

function centre(w: OcrWord): number {
  return (w.bbox.y0 + w.bbox.y1) / 2;
}
