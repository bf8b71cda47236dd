import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.js';
import { isUsableTextLayer } from '../../src/ingest/pdf.js';
import { spliceTables } from '../../src/ingest/pdf-tables.js';
import { ingestFailure } from '../support/input-error.js';
import { ROOT } from '../support/run-cli.js';

const SCANS = path.join(ROOT, 'test/fixtures/scans');


describe('PDF ingest', () => {
  it('keeps a digital PDF\'s text layer and rebuilds its ruled table as tab-separated rows', async () => {
    const { source, pages } = await ingestFile(path.join(SCANS, 'plan-digital.pdf'));
    expect(source.format).toBe('pdf');
    expect(pages.every((p) => p.kind === 'text')).toBe(true);
    const text = pages.map((p) => (p.kind === 'text' ? p.page.text : '')).join('\n');
    expect(text).toContain('Thực hiện Quyết định số 348/QĐ-TTg ngày 06/4/2023');
    // The truth's table rows come back whole, one line each.
    const truthRows = (await readFile(path.join(SCANS, 'plan-digital.txt'), 'utf8')).split('\n').filter((l) => l.includes('\t'));
    expect(truthRows.length).toBeGreaterThan(2);
    for (const row of truthRows) expect(text.split('\n')).toContain(row.replace(/\s+$/, ''));
  });

  it('sends pages without a text layer to OCR as images', async () => {
    const { pages } = await ingestFile(path.join(SCANS, 'plan-excerpt-scan.pdf'));
    expect(pages.map((p) => p.kind)).toEqual(['image']);
    const page = pages[0];
    if (page.kind !== 'image') throw new Error('unreachable');
    expect(page.image.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('reports junk named .pdf and truncated PDFs on one line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-pdf-'));
    const junk = path.join(dir, 'junk.pdf');
    await writeFile(junk, Buffer.from('this is not a pdf at all, just text'));
    const e1 = await ingestFailure(junk);
    expect(e1.code).toBe('bad-pdf');
    expect(e1.toString()).toBe(`${junk}: cannot read PDF: not a PDF file (no %PDF header)`);

    const whole = await readFile(path.join(SCANS, 'plan-digital.pdf'));
    const truncated = path.join(dir, 'truncated.pdf');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 3)));
    const e2 = await ingestFailure(truncated);
    expect(e2.code).toBe('bad-pdf');
    expect(e2.toString()).toMatch(/truncated\.pdf: cannot read PDF: /);
    expect(e2.toString()).not.toContain('\n');
  });

  it('reports a password-protected PDF as encrypted', async () => {
    const error = await ingestFailure(path.join(ROOT, 'test/fixtures/bad-input/encrypted.pdf'));
    expect(error.code).toBe('encrypted-pdf');
    expect(error.toString()).toMatch(/encrypted\.pdf: cannot read PDF: encrypted \(password-protected\)$/);
  });

  it('tells a real Vietnamese text layer from legacy-font mojibake', () => {
    expect(isUsableTextLayer('KẾ HOẠCH Triển khai Chiến lược chuyển đổi số báo chí đến năm 2025')).toBe(true);
    // TCVN3 (.VnTime) bytes shown through a Unicode font.
    expect(isUsableTextLayer('KÕ HO¹CH TriÓn khai ChiÕn l−îc chuyÓn ®æi sè b¸o chÝ ®Õn n¨m 2025')).toBe(false);
    expect(isUsableTextLayer('   ')).toBe(false);
  });

  it('splices a table without losing lines it cannot attribute', () => {
    const page = 'PHỤ LỤC\nTT Nhiệm vụ Đơn vị\nChủ trì\n1 Rà soát Sở Tư pháp\nGhi chú cuối trang';
    const out = spliceTables(page, [[['TT', 'Nhiệm vụ', 'Đơn vị\nChủ trì'], ['1', 'Rà soát', 'Sở Tư pháp']]]);
    expect(out.split('\n')).toEqual(['PHỤ LỤC', 'TT\tNhiệm vụ\tĐơn vị Chủ trì', '1\tRà soát\tSở Tư pháp', 'Ghi chú cuối trang']);
  });
});
