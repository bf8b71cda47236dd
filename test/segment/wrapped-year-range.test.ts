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
