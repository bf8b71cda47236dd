import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allLines, buildDocument, spanOf, withPageTexts } from '../../src/document/index.js';
import { planJsonSchema, PlanDocument } from '../../src/schema/index.js';
import { ROOT, runCli } from '../support/run-cli.js';

describe('schema', () => {
  it('the published JSON Schema is the one generated from zod (run `npm run schema` after changing src/schema)', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'schema/vnplan.schema.json'), 'utf8'));
    expect(committed).toEqual(planJsonSchema());
  });

  it('`vnplan schema` prints it', async () => {
    const { code, stdout } = await runCli(['schema']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(planJsonSchema());
  });

  it('rejects a document whose fields are out of contract', () => {
    const doc = buildDocument({ path: 'a.txt', sha256: '0'.repeat(64), format: 'txt', bytes: 3, pageCount: 1 }, [{ method: 'text', text: 'abc' }]);
    expect(PlanDocument.safeParse(doc).success).toBe(true);
    expect(PlanDocument.safeParse({ ...doc, schema: 'other' }).success).toBe(false);
    expect(PlanDocument.safeParse({ ...doc, warnings: [{ severity: 'warning', ruleId: 'Bad Rule', reason: 'x' }] }).success).toBe(false);
  });

  it('normalizes text to NFC and makes the look-alike eth a Vietnamese Đ', () => {
    const doc = buildDocument({ path: 'a.txt', sha256: '0'.repeat(64), format: 'txt', bytes: 0, pageCount: 1 }, [
      { method: 'ocr', text: 'Sở LÐTB&XH, \u0111o\u0302\u0300ng ðiều\r\nx' },
    ]);
    expect(doc.text).toBe('Sở LĐTB&XH, đồng điều\nx');
  });

  it('drops the invisible characters PDF text layers put inside words (a soft hyphen would cut "chính" in two)', () => {
    const doc = buildDocument({ path: 'a.pdf', sha256: '0'.repeat(64), format: 'pdf', bytes: 0, pageCount: 1 }, [
      { method: 'text-layer', text: '\uFEFFSở Tài chí\u00ADnh chủ\u200B trì\nphối hợp: Sở Y\u2060 tế' },
    ]);
    expect(doc.text).toBe('Sở Tài chính chủ trì\nphối hợp: Sở Y tế');
    expect(doc.pages[0].lines.map((l) => l.text)).toEqual(['Sở Tài chính chủ trì', 'phối hợp: Sở Y tế']);
  });

  it('maps offsets to 1-based lines and pages', () => {
    const doc = buildDocument({ path: 'a.txt', sha256: '0'.repeat(64), format: 'txt', bytes: 0, pageCount: 2 }, [
      { method: 'text', text: 'KẾ HOẠCH\nI. MỤC ĐÍCH' },
      { method: 'text', text: 'PHỤ LỤC' },
    ]);
    const start = doc.text.indexOf('PHỤ LỤC');
    expect(spanOf(doc, start, start + 7)).toEqual({ start, end: start + 7, startLine: 3, endLine: 3, page: 2 });
    const m = doc.text.indexOf('MỤC');
    expect(spanOf(doc, m, doc.text.length)).toMatchObject({ startLine: 2, endLine: 3, page: 1 });
  });

  it('flattens a document\'s lines once per pages array (spanOf runs per restored word), anew when the pages change', () => {
    const doc = buildDocument({ path: 'a.txt', sha256: '0'.repeat(64), format: 'txt', bytes: 0, pageCount: 2 }, [
      { method: 'text', text: 'KẾ HOẠCH\nI. MỤC ĐÍCH' },
      { method: 'text', text: 'PHỤ LỤC' },
    ]);
    expect(allLines(doc)).toBe(allLines(doc));
    expect(allLines(doc).map((l) => l.text)).toEqual(['KẾ HOẠCH', 'I. MỤC ĐÍCH', 'PHỤ LỤC']);
    const edited = withPageTexts(doc, ['KẾ HOẠCH\nII. MỤC TIÊU', 'PHỤ LỤC']);
    expect(allLines(edited).map((l) => l.text)).toEqual(['KẾ HOẠCH', 'II. MỤC TIÊU', 'PHỤ LỤC']);
    expect(spanOf(edited, edited.text.indexOf('TIÊU'), edited.text.indexOf('TIÊU') + 4)).toMatchObject({ startLine: 2, page: 1 });
  });
});
