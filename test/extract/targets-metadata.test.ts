import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDocNumbers, horizonOf, parseVnDate } from '../../src/extract/index.js';
import { PlanDocument } from '../../src/schema/index.js';
import { extractText } from '../support/score-gold.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'gold', name), 'utf8');

describe('targets', () => {
  it('reads horizons from headings and bullets', () => {
    expect(horizonOf('1. Mục tiêu đến năm 2025:')).toBe(2025);
    expect(horizonOf('Muc tiéu dén nim 2030')).toBe(2030);
    expect(horizonOf('Mục tiêu giai đoạn 2026 - 2030')).toBe(2030);
    expect(horizonOf('Nâng cao nhận thức')).toBeUndefined();
  });

  it('reads numbered items that are targets themselves', async () => {
    const doc = await extractText('KẾ HOẠCH\nThử\n\nI. MỤC TIÊU\n\n1. Đến năm 2025, 100% trạm y tế xã đạt chuẩn quốc gia.\n\n2. Tỷ lệ hộ dân dùng nước sạch đạt trên 95%.\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\nChủ trì thực hiện.\n');
    expect(doc.targets.map((t) => [t.horizon, t.metrics.map((m) => [m.value, m.comparator])])).toEqual([
      [2025, [[100, '=']]],
      [undefined, [[95, '>']]],
    ]);
    expect(doc.targets[0].subject).toBe('trạm y tế xã đạt chuẩn quốc gia');
  });

  it('reads the targets of the garbled Sóc Trăng OCR with their horizons and figures', async () => {
    const doc = await extractText(fixture('soc-trang.ocr.txt'));
    expect(() => PlanDocument.parse(doc)).not.toThrow();
    expect(doc.targets.map((t) => t.horizon)).toEqual([2025, 2025, 2025, 2025, 2030, 2030, 2030]);
    expect(doc.targets[0].metrics).toMatchObject([{ value: 65, unit: '%', comparator: '>' }]);
    expect(doc.targets[5].metrics).toMatchObject([{ value: 1, comparator: '>=' }]);
    expect(doc.targets.every((t) => !t.text.includes('\n') && !/^-/.test(t.text))).toBe(true);
  });
});

describe('document metadata', () => {
  it('reads numbers, dates and legal bases', () => {
    expect(findDocNumbers('Quyết định số 348/QĐ-TTg; Nghị định số 09/2017/NB-CP; Nghị quyết 17-NQ/TU; Luật 24/2018/QH14').map((n) => n.number)).toEqual(['348/QĐ-TTg', '09/2017/NB-CP', '17-NQ/TU', '24/2018/QH14']);
    expect(parseVnDate('ngày 23 tháng 5 năm 2023')).toBe('2023-05-23');
    expect(parseVnDate('ngay 06/4/2023')).toBe('2023-04-06');
    expect(parseVnDate('ngay os thang 9 nam 2023')).toBeUndefined();
  });

  it('reads the garbled Lai Châu header', async () => {
    const doc = await extractText(fixture('lai-chau.ocr.txt'));
    expect(doc.document).toMatchObject({ number: '3430/KH-UBND', type: 'Kế hoạch', province: 'Lai Châu', issuer: 'Ủy ban nhân dân tỉnh Lai Châu', place: 'Lai Châu' });
    expect(doc.document?.legalBases.map((b) => b.number)).toEqual(['07/CT-TTg', '765/QĐ-BTTTT']);
    expect(doc.document?.date).toBeUndefined();
    expect(doc.document?.signer?.title).toBe('Phó Chủ tịch');
  });

  it('reads tasks and bodies of the garbled Lai Châu OCR', async () => {
    const doc = await extractText(fixture('lai-chau.ocr.txt'));
    const names = new Map(doc.bodies.map((b) => [b.id, b.name]));
    const sections = doc.tasks.filter((t) => t.origin === 'section');
    expect(sections).toHaveLength(16);
    expect(sections.filter((t) => t.lead.length > 0)).toHaveLength(16);
    expect(names.get(sections[1].lead[0])).toBe('Sở Thông tin và Truyền thông');
    expect(sections[1].timeframe).toMatchObject({ from: 2023 });
    for (const name of ['Sở Thông tin và Truyền thông', 'Sở Tư pháp', 'Sở Nội vụ', 'Sở Tài chính', 'Công an tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh']) {
      expect(doc.bodies.map((b) => b.name)).toContain(name);
    }
  });
});

describe('appendix tables without tabs (OCR)', () => {
  it('reads rows by their number, bodies by their head words, the timeframe by its years', async () => {
    const text = [
      'KẾ HOẠCH', 'Thử', '', 'I. MỤC TIÊU', '', '- 100% xã đạt chuẩn.', '', 'II. TỔ CHỨC THỰC HIỆN', '', '1. Sở Y tế', '', 'Chủ trì.', '', 'Nơi nhận:', '- Lưu: VT.', '',
      'PHỤ LỤC', 'DANH MỤC NHIỆM VỤ', '', 'TT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian',
      '1 Rà soát quy định về y tế cơ sở Sở Tư pháp Sở Nội vụ; các đơn vị liên quan 2024',
      '2 Xây dựng cơ sở dữ liệu y tế Sở Thông tin và Truyền thông Các sở, ban, ngành 2024-2025', 'thống nhất toàn tỉnh',
    ].join('\n');
    const doc = await extractText(text);
    const names = new Map(doc.bodies.map((b) => [b.id, b.name]));
    const rows = doc.tasks.filter((t) => t.origin === 'appendix').map((t) => [t.title, t.lead.map((i) => names.get(i)), t.coordinate.map((i) => names.get(i)), t.timeframe?.from, t.timeframe?.to]);
    expect(rows).toEqual([
      ['Rà soát quy định về y tế cơ sở', ['Sở Tư pháp'], ['Sở Nội vụ'], 2024, 2024],
      ['Xây dựng cơ sở dữ liệu y tế', ['Sở Thông tin và Truyền thông'], ['Các sở, ban, ngành'], 2024, 2025],
    ]);
  });
});

describe('mixed objectives and tasks', () => {
  it('takes targets from the objectives part only', async () => {
    const doc = await extractText('KẾ HOẠCH\nThử\n\nI. MỤC TIÊU, NHIỆM VỤ\n\n1. Mục tiêu\n\n- 100% xã có nước sạch.\n\n2. Nhiệm vụ\n\n- Đầu tư 20 công trình.\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\nChủ trì.\n');
    expect(doc.targets.map((t) => t.text)).toEqual(['100% xã có nước sạch.']);
  });
});

describe('implementation items', () => {
  it('reads bodies from lettered sub-items under a heading that names none', async () => {
    const doc = await extractText('KẾ HOẠCH\nThử\n\nI. MỤC TIÊU\n\n- 100% xã có nước sạch.\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Trách nhiệm của các sở, ngành\n\na) Sở Y tế\n\nChủ trì, hướng dẫn thực hiện Kế hoạch.\n\nb) Sở Tài chính: bố trí kinh phí.\n\n2. Đối với Ủy ban nhân dân các huyện\n\nTổ chức thực hiện tại địa phương.\n');
    expect(doc.bodies.map((b) => [b.name, b.roles])).toEqual([
      ['Sở Y tế', ['lead']],
      ['Sở Tài chính', ['lead']],
      ['Ủy ban nhân dân các huyện', ['lead']],
    ]);
    expect(doc.bodies[1].duties).toEqual(['bố trí kinh phí.']);
  });
});

describe('metadata fallbacks', () => {
  it('takes number and date from the appendix "(Kèm theo Kế hoạch số …)" when the header lost them', async () => {
    const doc = await extractText('KE HOACH\nThu\n\nI. MUC TIEU\n\n- 100% xa.\n\nII. TO CHUC THUC HIEN\n\n1. So Y te\n\nNoi nhan:\n- Luu.\n\nPHU LUC\nDanh muc\n(Kem theo Ke hoach so 45 /KH-UBND ngay 26/02/2024 cua UBND tinh)\n');
    expect(doc.document).toMatchObject({ number: '45/KH-UBND', date: '2024-02-26', type: 'Kế hoạch' });
  });
});

describe('OCR readings of Đ in document codes', () => {
  it('reads QĐ from the English model’s b, P and Db', () => {
    expect(findDocNumbers('Quyết định số 348/Qb-TTg; số 2119/QDb-BTTTT; số 12/QP-UBND; 09/2017/Nb-CP').map((n) => n.number)).toEqual([
      '348/QĐ-TTg',
      '2119/QĐ-BTTTT',
      '12/QĐ-UBND',
      '09/2017/NĐ-CP',
    ]);
  });
  it('leaves a code with another meaning alone', () => {
    expect(findDocNumbers('Phương án số 7/PA-UBND').map((n) => n.number)).toEqual(['7/PA-UBND']);
  });
});

describe('legal bases in damaged text', () => {
  it('reads a party code that restoration gave marks', () => {
    expect(findDocNumbers('Chương trình hành động số 12-CTr/TỪ ngày 15 tháng 9 năm 2021').map((n) => n.number)).toEqual(['12-CTr/TU']);
  });
  it('follows a list of bases that OCR broke at a ";" (read ":") line end, not a proposal after it', async () => {
    const { docOf } = await import('../support/make-doc.js');
    const { segmentStage } = await import('../../src/segment/index.js');
    const { extractStage } = await import('../../src/extract/index.js');
    const text = [
      'KẾ HOẠCH',
      'Phát triển nông nghiệp sinh thái',
      '',
      'Căn cứ Quyết định số 150/QĐ-TTg ngày 28 tháng 01 năm 2022 của',
      'Thủ tướng Chính phủ phê duyệt Chiến lược phát triển nông nghiệp:',
      'Chương trình hành động số 12-CTr/TU ngày 15 tháng 9 năm 2021 của',
      'Tỉnh ủy về tái cơ cấu ngành nông nghiệp;',
      'Xét đề nghị của Giám đốc Sở Y tế tại Tờ trình số 3120/TTr-SYT ngày 25 tháng 7 năm 2024.',
      '',
      'Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
      '',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '',
      'Phát triển nông nghiệp bền vững, lấy 24/2018/QH14 làm ví dụ không phải căn cứ.',
    ].join('\n');
    let doc = docOf(text, 'ocr');
    doc = await segmentStage()(doc, {});
    doc = await extractStage()(doc, {});
    expect(doc.document?.legalBases?.map((b) => b.number)).toEqual(['150/QĐ-TTg', '12-CTr/TU']);
  });
});

describe('a header date wrapped by OCR', () => {
  it('takes the year from the next line', async () => {
    const { docOf } = await import('../support/make-doc.js');
    const { segmentStage } = await import('../../src/segment/index.js');
    const { extractStage } = await import('../../src/extract/index.js');
    const text = [
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH AN GIANG Độc lập - Tự do - Hạnh phúc',
      'Số: 41/KH-UBND An Giang, ngày 12 tháng 6 năm',
      '2024',
      '',
      'KẾ HOẠCH',
      'Phát triển kinh tế số',
      '',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '',
      'Phát triển kinh tế số bền vững.',
    ].join('\n');
    let doc = docOf(text, 'ocr');
    doc = await segmentStage()(doc, {});
    doc = await extractStage()(doc, {});
    expect(doc.document?.date).toBe('2024-06-12');
  });
});
