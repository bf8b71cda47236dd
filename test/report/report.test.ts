import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { buildMatrix } from '../../src/diff/matrix.js';
import { renderMatrixCsv, renderMatrixHtml, renderMatrixMarkdown } from '../../src/report/compare.js';
import { renderDiff, renderDiffMarkdown, renderDiffText } from '../../src/report/diff.js';
import { renderDocumentHtml } from '../../src/report/document.js';
import { REPORT_CSP } from '../../src/report/html.js';
import { displayWidth, textTable, truncate, wrap } from '../../src/report/text-table.js';
import { PlanDocument } from '../../src/schema/index.js';
import { annotatedDocument } from '../fixtures/diff/build.js';

const lamDong = annotatedDocument('lam-dong');
const socTrang = annotatedDocument('soc-trang');
const diff = diffDocuments(lamDong, socTrang);

/** Minimal RFC 4180 reader, to check what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  return rows;
}

describe('text tables', () => {
  it('measures and truncates Vietnamese by display width', () => {
    expect(displayWidth('Lâm Đồng')).toBe(8);
    expect(displayWidth('Lâm Đồng'.normalize('NFD'))).toBe(8);
    expect(truncate('cơ quan báo chí tỉnh đưa nội dung', 12)).toBe('cơ quan báo…');
    expect(displayWidth(truncate('cơ quan báo chí tỉnh đưa nội dung', 12))).toBeLessThanOrEqual(12);
  });

  it('aligns every column, fits the width, and wraps the indicator instead of cutting it', () => {
    const subject = 'cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số';
    const table = textTable([{ header: 'Năm' }, { header: 'Chỉ tiêu', flex: true }, { header: 'Giá trị', align: 'right' }], [['2025', subject, '67%'], ['2030', 'ngắn', '100%']], 40);
    const lines = table.split('\n');
    expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(40);
    const end = (l: string, needle: string) => displayWidth(l.slice(0, l.indexOf(needle) + needle.length));
    const row67 = lines.find((l) => l.includes('67%'))!;
    const row100 = lines.find((l) => l.includes('100%'))!;
    expect(end(row67, '67%')).toBe(end(row100, '100%'));
    // The wrapped indicator, read back line by line, is the whole indicator.
    const start = lines.indexOf(row67);
    const col = displayWidth(row67.slice(0, row67.indexOf('cơ')));
    const pieces = lines.slice(start, lines.indexOf(row100)).map((l) => [...l].slice(col).join('').replace(/\s+\S*%$/, '').trim());
    expect(pieces.join(' ')).toBe(subject);
  });

  it('wraps at spaces and cuts only words longer than the width', () => {
    expect(wrap('cơ quan báo chí tỉnh đưa nội dung', 16)).toEqual(['cơ quan báo chí', 'tỉnh đưa nội', 'dung']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('', 5)).toEqual(['']);
  });
});

describe('diff renderers', () => {
  it('text: one aligned row per target, status column at the same place on every row', () => {
    const text = renderDiffText(diff, 160);
    const lines = text.split('\n');
    const rowOf = (needle: string) => lines.find((l) => l.includes(needle) && /changed|same|only in/.test(l));
    expect(rowOf('67%')).toMatch(/2025 .*67% +> 65% +changed/);
    expect(text).toMatch(/Sở Tài chính +lead +coordinate +role changed/);
    expect(text).toContain('Targets: 4 changed, 3 same, 7 only in Lâm Đồng, 0 only in Sóc Trăng');
    const header = lines.findIndex((l) => l.startsWith('Year'));
    const statusAt = displayWidth(lines[header].slice(0, lines[header].indexOf('Status')));
    const bodiesAt = lines.indexOf('BODIES');
    const rows = lines.slice(header + 2, bodiesAt).filter((l) => /^\d{4} /.test(l));
    expect(rows).toHaveLength(diff.targets.matched.length + diff.targets.onlyA.length + diff.targets.onlyB.length);
    for (const r of rows) expect([...r].slice(statusAt).join(''), r).toMatch(/^(changed|same|only)/);
    expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(160);
  });

  it('markdown: a well-formed table with the changes in bold and pipes escaped', () => {
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('| 2025 | cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số (ưu tiên các nền tảng số trong nước). | 67% | > 65% | **changed** |');
    const rows = md.split('\n').filter((l) => l.startsWith('| 20'));
    expect(rows).toHaveLength(14);
    const piped = structuredClone(lamDong);
    piped.targets[1].subject = 'a | b';
    expect(renderDiffMarkdown(diffDocuments(PlanDocument.parse(piped), socTrang))).toContain('a \\| b');
  });

  it('json: the diff itself, parseable', () => {
    expect(JSON.parse(renderDiff(diff, 'json'))).toEqual(JSON.parse(JSON.stringify(diff)));
  });

  it('html: self-contained, escaped, every difference present', () => {
    const html = renderDiff(diff, 'html');
    expect(html).toContain(REPORT_CSP);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('&gt; 65%');
    expect(html.match(/data-status="changed"/g)).toHaveLength(4);
    expect(html.match(/data-status="only-a"/g)).toHaveLength(7 + 4);
    expect(html.match(/data-status="role-changed"/g)).toHaveLength(2);
  });
});

describe('compare matrix', () => {
  const laiChauLike = structuredClone(socTrang);
  laiChauLike.document = { ...laiChauLike.document!, province: 'Lai Châu' };
  laiChauLike.targets = laiChauLike.targets.slice(0, 2).map((t) => ({ ...t, metrics: [{ value: 80, unit: '%', comparator: '=' as const }] }));
  const m = buildMatrix([lamDong, socTrang, PlanDocument.parse(laiChauLike)]);

  it('one column per province, one row per indicator and horizon, each target in exactly one cell', () => {
    expect(m.columns.map((c) => c.label)).toEqual(['Lâm Đồng', 'Sóc Trăng', 'Lai Châu']);
    const cells = m.rows.flatMap((r) => r.cells.map((c, i) => (c ? `${i}:${c.id}` : ''))).filter(Boolean);
    expect(cells).toHaveLength(lamDong.targets.length + socTrang.targets.length + 2);
    expect(new Set(cells).size).toBe(cells.length);
    const first = m.rows.find((r) => r.cells[0]?.values === '67%' && r.cells[1]?.values === '> 65%');
    expect(first?.cells[2]?.values).toBe('80%');
    expect(m.rows.map((r) => r.horizon)).toEqual([...m.rows.map((r) => r.horizon)].sort());
  });

  it('CSV reads back in a spreadsheet: quoted fields, CRLF, optional BOM', () => {
    const csv = renderMatrixCsv(m, { bom: true });
    expect(csv.startsWith('\uFEFFyear,indicator,Lâm Đồng,Sóc Trăng,Lai Châu\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['year', 'indicator', 'Lâm Đồng', 'Sóc Trăng', 'Lai Châu']);
    expect(rows).toHaveLength(m.rows.length + 1);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(rows.some((r) => r[1].includes(',') && r[2] === '33,5%; ≥ 20%; 5–10%')).toBe(true);
  });

  it('CSV never lets plan text run as a spreadsheet formula', () => {
    const hostile = structuredClone(lamDong);
    hostile.targets[0].subject = '=HYPERLINK("http://x","bấm")';
    hostile.targets[1].subject = '- gạch đầu dòng';
    const rows = parseCsv(renderMatrixCsv(buildMatrix([PlanDocument.parse(hostile)])));
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(['\'=HYPERLINK("http://x","bấm")', "'- gạch đầu dòng"]));
    expect(rows.every((r) => !/^[=+@]/.test(r[1]))).toBe(true);
  });

  it('Markdown and HTML hold the same cells', () => {
    const md = renderMatrixMarkdown(m);
    expect(md.split('\n').filter((l) => /^\| (20|—)/.test(l))).toHaveLength(m.rows.length);
    const html = renderMatrixHtml(m);
    expect(html.match(/<tr><td class="num">/g)).toHaveLength(m.rows.length);
    expect(html).toContain(REPORT_CSP);
  });

  it('makes labels unique when two plans share a province', () => {
    const twice = buildMatrix([lamDong, lamDong]);
    expect(new Set(twice.columns.map((c) => c.label)).size).toBe(2);
    expect(twice.rows).toHaveLength(lamDong.targets.length);
  });
});

describe('document HTML report', () => {
  it('links every section, target and body to its span, escapes hostile text, fetches nothing', () => {
    const doc = structuredClone(lamDong);
    doc.bodies[0].name = '<script>alert(1)</script> & "Sở"';
    const html = renderDocumentHtml(PlanDocument.parse(doc));
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sở&quot;');
    expect(html).toContain(REPORT_CSP);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const t of doc.targets) expect(html).toContain(`data-start="${t.span.start}" data-end="${t.span.end}"`);
    for (const s of doc.sections) expect(html).toContain(`data-start="${s.span.start}" data-end="${s.span.end}"`);
    for (const b of doc.bodies) expect(html).toContain(`data-start="${b.mentions[0].start}"`);
    expect(html.match(/<div class="line" id="L\d+"/g)).toHaveLength(doc.pages.flatMap((p) => p.lines).length);
  });
});
