import { describe, expect, it } from 'vitest';
import { docOf } from '../support/make-doc.js';
import { segmentDocument } from '../../src/segment/index.js';
import { parseOcrRoman } from '../../src/text/roman.js';

const tops = (text: string) => segmentDocument(docOf(text, 'text-layer')).filter((s) => s.level === 1);

// A PDF text layer has no blank lines: one physical line per printed line.
const NO_BLANKS = `Số: 12/KH-UBND
Hà Giang, ngày 3 tháng 3 năm 2024
KẾ HOẠCH
Cải cách hành chính nhà nước tỉnh Hà Giang năm 2024, định hướng
đến năm 2025
Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành
Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng phục vụ người dân.
II. MỤC TIÊU
- 100% thủ tục hành chính được công khai đúng quy định.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì theo dõi, đôn đốc.
Nơi nhận:
- Như trên;`;

describe('layouts other than clean text', () => {
  it('finds the body of a text layer without blank lines (title ends at the opening sentence)', () => {
    expect(tops(NO_BLANKS).map((s) => s.kind)).toEqual(['purpose', 'objectives', 'implementation']);
  });

  it('reads "IH." as III, OCR\'s reading of a blurred Roman three', () => {
    expect(parseOcrRoman('IH')).toBe(3);
    expect(tops(NO_BLANKS.replace('III. TỔ CHỨC', 'IH. TỔ CHỨC')).map((s) => s.kind)).toEqual(['purpose', 'objectives', 'implementation']);
  });

  it('finds an appendix whose "PHỤ LỤC" heading OCR damaged, when a (Kèm theo …) line or a table follows', () => {
    const appendix = `\n\tNguyễn Văn A\nPHÙ TÙU\nDANH MỤC NHIỆM VỤ THỰC HIỆN\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 03/3/2024)\nTT\tNội dung\tCơ quan chủ trì\n1\tRà soát thủ tục\tSở Tư pháp`;
    const sections = tops(NO_BLANKS + appendix);
    expect(sections.map((s) => s.kind)).toEqual(['purpose', 'objectives', 'implementation', 'appendix']);
    expect(sections[3].heading).toBe('DANH MỤC NHIỆM VỤ THỰC HIỆN');
    // Without an appendix after it, a near miss is just text.
    expect(tops(`${NO_BLANKS}\nPHÙ TÙU\nGhi chú`).map((s) => s.kind)).not.toContain('appendix');
  });
});
