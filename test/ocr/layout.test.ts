import { describe, expect, it } from 'vitest';
import { wordsToLines, type OcrWord } from '../../src/ocr/layout.js';
import type { RulingLine, TableGrid } from '../../src/ocr/ruling.js';

/** Words of one visual line, laid left to right from x with a 12 px space between words. */
function line(text: string, x: number, y: number): OcrWord[] {
  const out: OcrWord[] = [];
  for (const t of text.split(' ')) {
    const w = t.length * 18;
    out.push({ text: t, confidence: 90, bbox: { x0: x, y0: y, x1: x + w, y1: y + 36 }, lineHeight: 36 });
    x += w + 12;
  }
  return out;
}

const h = (y: number, from: number, to: number, slope = 0): RulingLine => ({ c: y - slope * from, slope, from, to, thickness: 3 });
const v = (x: number, from: number, to: number): RulingLine => ({ c: x, slope: 0, from, to, thickness: 3 });

describe('words to lines with a table grid', () => {
  // Columns at x 100 | 200 | 1000 | 1500; rows at y 500 | 600 | 900 | 1100.
  const xs = [100, 200, 1000, 1500];
  const ys = [500, 600, 900, 1100];
  const grid: TableGrid = { horizontal: ys.map((y) => h(y, 100, 1500)), vertical: xs.map((x) => v(x, 500, 1100)) };

  it('joins wrapped cells and puts one row per line, text above and below in place', () => {
    const words = [
      ...line('PHỤ LỤC', 100, 300),
      ...line('Nhiệm vụ trọng tâm', 100, 360),
      ...line('TT', 110, 530),
      ...line('Nhiệm vụ', 210, 530),
      ...line('Đơn vị chủ trì', 1010, 530),
      ...line('1', 110, 630),
      ...line('Phát triển các sản phẩm', 210, 630),
      ...line('báo chí số; Nâng cao', 210, 680),
      ...line('hiệu quả', 210, 730),
      ...line('Các cơ quan', 1010, 630),
      ...line('báo chí tỉnh', 1010, 680),
      ...line('2', 110, 930),
      ...line('Tổ chức tập huấn', 210, 930),
      ...line('Sở Thông tin và', 1010, 930),
      ...line('Truyền thông', 1010, 980),
      ...line('Nơi nhận:', 100, 1300),
    ];
    expect(wordsToLines(words, [grid]).text).toBe(
      [
        'PHỤ LỤC',
        'Nhiệm vụ trọng tâm',
        'TT\tNhiệm vụ\tĐơn vị chủ trì',
        '1\tPhát triển các sản phẩm báo chí số; Nâng cao hiệu quả\tCác cơ quan báo chí tỉnh',
        '2\tTổ chức tập huấn\tSở Thông tin và Truyền thông',
        'Nơi nhận:', // flush against the table, as a PDF text layer gives it
      ].join('\n'),
    );
  });

  it('keeps empty cells, so every row has the table\'s number of cells', () => {
    const words = [...line('4', 110, 630), ...line('Thực hiện quy hoạch báo chí', 210, 630), ...line('Thường xuyên', 1010, 930)];
    expect(wordsToLines(words, [grid]).text).toBe('4\tThực hiện quy hoạch báo chí\t\n\t\tThường xuyên');
  });

  it('gives a merged cell once, in the first row it spans; a colspan header is one cell', () => {
    const merged: TableGrid = {
      // The rule between rows 2 and 3 stops at the first column: the "1" cell spans both rows.
      horizontal: [h(500, 100, 1500), h(600, 100, 1500), h(900, 200, 1500), h(1100, 100, 1500)],
      // The rule at x 1000 starts below the header: "Nhiệm vụ, giải pháp" spans two columns.
      vertical: [v(100, 500, 1100), v(200, 500, 1100), v(1000, 600, 1100), v(1500, 500, 1100)],
    };
    const words = [
      ...line('TT', 110, 530),
      ...line('Nhiệm vụ, giải pháp', 400, 530),
      ...line('1', 110, 830), // low in the merged cell, below the partial rule's height
      ...line('Rà soát', 210, 630),
      ...line('Sở Tư pháp', 1010, 630),
      ...line('Ban hành', 210, 930),
      ...line('Sở Nội vụ', 1010, 930),
    ];
    expect(wordsToLines(words, [merged]).text).toBe(
      ['TT\tNhiệm vụ, giải pháp', '1\tRà soát\tSở Tư pháp', '\tBan hành\tSở Nội vụ'].join('\n'),
    );
  });

  it('follows skewed rulings', () => {
    const slope = Math.tan((0.6 * Math.PI) / 180); // 10.5 px drop across 1000 px
    const skewed: TableGrid = {
      horizontal: [h(500, 100, 1500, slope), h(560, 100, 1500, slope), h(620, 100, 1500, slope)],
      vertical: xs.map((x) => v(x, 490, 640)),
    };
    // The right-hand words sit 8 px lower, as the scan tilts: still the same row.
    const words = [...line('1', 110, 512), ...line('Rà soát', 210, 512), ...line('Sở Tư pháp', 1010, 520), ...line('2', 110, 572), ...line('Ban hành', 210, 572), ...line('Sở Nội vụ', 1010, 580)];
    expect(wordsToLines(words, [skewed]).text).toBe('1\tRà soát\tSở Tư pháp\n2\tBan hành\tSở Nội vụ');
  });

  it('keeps, cell by cell, the surer of two readings', () => {
    const page = [...line('2', 110, 630), ...line('SởTT&TT;các', 210, 630), ...line('Sở Tư pháp', 1010, 630)].map((w) =>
      w.text === 'SởTT&TT;các' ? { ...w, confidence: 31 } : { ...w, confidence: 77 },
    );
    const reading = new Map([
      ['1:0', line('Ø.', 110, 630).map((w) => ({ ...w, confidence: 0 }))], // one glyph alone: misread
      ['1:1', line('Sở TT&TT; các', 210, 630).map((w) => ({ ...w, confidence: 96 }))],
    ]);
    expect(wordsToLines(page, [grid], [reading]).text).toBe('2\tSở TT&TT; các\tSở Tư pháp');
  });

  it('drops a stray ruling mark but no word', () => {
    const words = [...line('1', 110, 630), ...line('|', 195, 630), ...line('Rà soát', 210, 630), ...line('Sở Tư pháp', 1010, 630)];
    expect(wordsToLines(words, [grid]).text).toBe('1\tRà soát\tSở Tư pháp');
  });

  it('without a grid, rows are rebuilt as before: tabs at wide gaps, blank lines at paragraph gaps', () => {
    const words = [...line('ỦY BAN NHÂN DÂN', 100, 100), ...line('CỘNG HÒA XÃ HỘI', 1200, 100), ...line('KẾ HOẠCH', 600, 160), ...line('Triển khai', 100, 400), ...line('thực hiện', 100, 460)];
    expect(wordsToLines(words).text).toBe('ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI\nKẾ HOẠCH\n\nTriển khai\nthực hiện');
    expect(wordsToLines(words, []).text).toBe(wordsToLines(words).text);
  });
});

describe('table score (the measure the OCR tests use)', async () => {
  const { scoreTable } = await import('./table-score.js');
  it('is 1 for the same rows, counts a lost row and a wrong cell count, ignores repeats', () => {
    const truth = ['TT\tNội dung', '1\tRà soát thủ tục', '2\tBan hành kế hoạch'];
    expect(scoreTable(truth, truth.join('\n'))).toEqual({ rows: 3, rowShape: 1, cellSimilarity: 1 });
    const lost = scoreTable(truth, 'TT\tNội dung\n2\tBan hành kế hoạch');
    expect(lost.rowShape).toBeCloseTo(2 / 3);
    expect(scoreTable(truth, 'TT\tNội dung\n1\tRà soát\tthủ tục\n2\tBan hành kế hoạch').rowShape).toBeCloseTo(2 / 3);
    const twice = [...truth, ...truth.slice(1)];
    expect(scoreTable(twice, twice.join('\n')).rowShape).toBe(1);
  });
});
