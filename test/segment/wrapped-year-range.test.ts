import { describe, expect, it } from 'vitest';
import { docOf } from '../support/make-doc.js';
import { allLines } from '../../src/document/index.js';
import { paragraphs } from '../../src/text/paragraphs.js';

describe('a year range wrapped at its dash', () => {
  it('continues the sentence rather than opening a bullet', () => {
    const doc = docOf('- Giảm 50% rác thải nhựa so với giai đoạn 2016\n- 2020.\n- 100% khu du lịch không sử dụng túi ni lông.', 'ocr');
    expect(paragraphs(allLines(doc)).map((p) => p.text)).toEqual([
      '- Giảm 50% rác thải nhựa so với giai đoạn 2016 - 2020.',
      '- 100% khu du lịch không sử dụng túi ni lông.',
    ]);
  });
  it('keeps a bullet that names a year of its own', () => {
    const doc = docOf('Mục tiêu giai đoạn 2021 - 2025\n- 2025: 80% xã đạt chuẩn.', 'ocr');
    expect(paragraphs(allLines(doc))).toHaveLength(2);
  });
});

describe('an item wrapped after a semicolon', () => {
  it('goes on when the next line is in lower case', () => {
    const doc = docOf('- 67% cơ quan báo chí vận hành mô hình tòa soạn hội tụ;\nphát triển cơ quan truyền thông đa phương tiện.\n- 100% cơ quan có giải pháp an toàn;\nKế hoạch này thay thế kế hoạch trước.', 'ocr');
    expect(paragraphs(allLines(doc)).map((p) => p.text)).toEqual([
      '- 67% cơ quan báo chí vận hành mô hình tòa soạn hội tụ; phát triển cơ quan truyền thông đa phương tiện.',
      '- 100% cơ quan có giải pháp an toàn;',
      'Kế hoạch này thay thế kế hoạch trước.',
    ]);
  });
});
