import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docOf } from '../support/make-doc.js';
import { PlanDocument } from '../../src/schema/index.js';
import { classifyHeading, segmentDocument, segmentStage } from '../../src/segment/index.js';
import { parseOcrRoman, parseRoman, toRoman } from '../../src/text/roman.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'gold', name), 'utf8');
const topKinds = (text: string) => segmentDocument(docOf(text)).filter((s) => s.level === 1).map((s) => s.kind);

describe('Roman numerals', () => {
  it('reads clean and OCR-damaged labels', () => {
    expect(parseRoman('IV')).toBe(4);
    expect(parseOcrRoman('I1')).toBe(2);
    expect(parseOcrRoman('I11')).toBe(3);
    expect(parseOcrRoman('1V')).toBe(4);
    expect(parseOcrRoman('Il')).toBe(2);
    expect(parseOcrRoman('11')).toBeUndefined();
    expect(parseRoman('IIII')).toBeUndefined();
    for (let n = 1; n < 40; n++) expect(parseRoman(toRoman(n))).toBe(n);
  });
});

describe('heading kinds', () => {
  it('classifies clean and garbled headings', () => {
    expect(classifyHeading('MỤC ĐÍCH, YÊU CẦU')).toBe('purpose');
    expect(classifyHeading('MUC PiCH, YEU CAU')).toBe('purpose');
    expect(classifyHeading("KINH PHi THU'C HIEN")).toBe('funding');
    expect(classifyHeading('TO CHUC THUC HIEN')).toBe('implementation');
    expect(classifyHeading('Nhiệm vụ và giải pháp chủ yếu')).toBe('tasks');
    expect(classifyHeading('MỤC TIÊU, NHIỆM VỤ')).toBe('objectives');
    expect(classifyHeading('YÊU CẦU')).toBe('requirements');
  });
});

describe('segmentation', () => {
  it('gives the Lâm Đồng plan its printed structure, two "III." included', () => {
    const secs = segmentDocument(docOf(fixture('002.input.txt')));
    const top = secs.filter((s) => s.level === 1);
    expect(top.map((s) => s.label)).toEqual(['I', 'II', 'III', 'III', 'IV', 'PHỤ LỤC']);
    expect(top.map((s) => s.id)).toEqual(['I', 'II', 'III', 'IV', 'V', 'PL1']);
    expect(secs.find((s) => s.id === 'II.1')).toMatchObject({ heading: 'Mục tiêu đến năm 2025', kind: 'objectives', parent: 'II', level: 2 });
    expect(secs.find((s) => s.id === 'II')?.span).toMatchObject({ startLine: 29, endLine: 61 });
  });

  it('gives the garbled Sóc Trăng OCR the structure of a clean plan (II printed twice, I11 = III)', () => {
    expect(topKinds(fixture('soc-trang.ocr.txt'))).toEqual(['purpose', 'objectives', 'tasks', 'funding', 'implementation']);
    const secs = segmentDocument(docOf(fixture('soc-trang.ocr.txt')));
    expect(secs.filter((s) => s.parent === 'II').map((s) => s.kind)).toEqual(['objectives', 'objectives']);
    expect(secs.filter((s) => s.parent === 'V')).toHaveLength(4);
  });

  it('reads the garbled Lai Châu OCR (no objectives section)', () => {
    expect(topKinds(fixture('lai-chau.ocr.txt'))).toEqual(['purpose', 'tasks', 'funding', 'implementation']);
    const secs = segmentDocument(docOf(fixture('lai-chau.ocr.txt')));
    expect(secs.filter((s) => s.parent === 'II')).toHaveLength(9);
    expect(secs.filter((s) => s.parent === 'II.3').map((s) => s.label)).toEqual(['a)', 'b)', 'c)']);
  });

  it('joins a capital heading split over two lines', () => {
    const text = 'KẾ HOẠCH\nVề việc thử\n\nI. MỤC ĐÍCH\n\n1. Một\n\nII. NHIỆM VỤ VÀ GIẢI PHÁP\nCHỦ YẾU\n\n1. Hai\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n';
    const top = segmentDocument(docOf(text)).filter((s) => s.level === 1);
    expect(top.map((s) => s.heading)).toEqual(['MỤC ĐÍCH', 'NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU', 'TỔ CHỨC THỰC HIỆN']);
  });

  it('uses "Phần I" and lettered schemes, with Roman subsections under letters', () => {
    const parts = 'KẾ HOẠCH\nThử\n\nPhần I. Mục đích, yêu cầu\n\n1. Mục đích\n\nPhần II. Mục tiêu\n\n- 100% xã đạt chuẩn.\n\nPhần III. Tổ chức thực hiện\n\n1. Sở Y tế\n';
    expect(topKinds(parts)).toEqual(['purpose', 'objectives', 'implementation']);
    const letters = 'KẾ HOẠCH\nThử\n\nA. MỤC ĐÍCH, YÊU CẦU\n\nI. Mục đích\n\nII. Yêu cầu\n\nB. MỤC TIÊU\n\nI. Mục tiêu đến năm 2030\n\nĐ. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n';
    const secs = segmentDocument(docOf(letters));
    expect(secs.filter((s) => s.level === 1).map((s) => s.label)).toEqual(['A', 'B', 'Đ']);
    expect(secs.filter((s) => s.parent === 'A').map((s) => s.kind)).toEqual(['purpose', 'requirements']);
  });

  it('takes the attached plan’s sections, not the decision’s articles', () => {
    const text = [
      'QUYẾT ĐỊNH', 'Ban hành Kế hoạch thử', '', 'Căn cứ Luật Tổ chức chính quyền địa phương;', '', 'QUYẾT ĐỊNH:', '',
      'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thử.', '', 'Điều 2. Quyết định này có hiệu lực từ ngày ký.', '',
      'KẾ HOẠCH', 'Thử', '(Ban hành kèm theo Quyết định số 1/QĐ-UBND)', '', 'I. MỤC TIÊU', '', '- 90% hộ dân có nước sạch.', '', 'II. TỔ CHỨC THỰC HIỆN', '', '1. Sở Y tế', '',
    ].join('\n');
    expect(topKinds(text)).toEqual(['objectives', 'implementation']);
  });

  it('stage output validates and warns on misnumbering', async () => {
    const doc = await segmentStage()(docOf(fixture('soc-trang.ocr.txt')), {});
    expect(() => PlanDocument.parse(doc)).not.toThrow();
    expect(doc.warnings.filter((w) => w.ruleId === 'segment:misnumbered')).toHaveLength(1);
  });
});

describe('mixed sections', () => {
  it('a "Nhiệm vụ" part inside "MỤC TIÊU, NHIỆM VỤ" is not read as objectives', () => {
    const text = 'KẾ HOẠCH\nThử\n\nI. MỤC TIÊU, NHIỆM VỤ\n\n1. Mục tiêu\n\n- 100% xã có nước sạch.\n\n2. Nhiệm vụ\n\n- Đầu tư 20 công trình.\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n';
    const secs = segmentDocument(docOf(text));
    expect(secs.filter((s) => s.parent === 'I').map((s) => s.kind)).toEqual(['objectives', 'tasks']);
  });
});
