import { describe, expect, it } from 'vitest';
import { docOf } from '../support/make-doc.js';
import { segmentStage } from '../../src/segment/index.js';
import { extractStage } from '../../src/extract/index.js';
import { cutCellTail } from '../../src/extract/tasks.js';

// An appendix table OCR'd without its grid, restored with a few marks misplaced (too few marks overall
// for the text to count as clean): cells run together and rows wrap.
const TEXT = [
  'KE HOACH',
  'Thuc hien bao ve moi truong nam 2024',
  '',
  'I. MUC DICH, YEU CAU',
  '',
  'Nang cao nhan thuc cua nguoi dan ve bao ve moi truong tren dia ban tinh.',
  '',
  'PHU LUC',
  'DANH MUC NHIEM VU',
  'TT Noi dung Co quan chu tri Co quan phoi hop Thoi gian hoan thanh',
  'San pham',
  '1 Ra soat quy dinh ve gia dich vu thu gom chat thai So TN&MT So Tai',
  'chinh; UBND cac huyen Quy IV/2024 Quyet dinh cua UBND tinh',
  '2 Thu gom rac thai nhua tren bien tai cac cang ca So NN&PTNT Bổ đội',
  'Bien phong tinh; UBND cac huyen 2024 - 2030 Mo hinh thu gom',
  'Huong dan ngu dan mang rac thai ve bo S& NN&PTNT Hoi Nghe ca tinh',
  'Thuong xuyen Tai lieu tuyen truyen',
  '3 To chuc chien dich lam sach moi truong So TN&MT Tinh doan; cac co',
  'quan, don vi co lien quan Tháng 9 hang nam Chien dich duoc to chuc',
].join('\n');

describe('a gridless appendix table in damaged text', () => {
  it('reads rows without a number, heads with misplaced marks, deadlines and month timeframes', async () => {
    let doc = docOf(TEXT, 'ocr');
    doc = await segmentStage()(doc, {});
    doc = await extractStage()(doc, {});
    const name = (id: string) => doc.bodies.find((b) => b.id === id)?.name;
    const rows = doc.tasks.filter((t) => t.origin === 'appendix').map((t) => ({ title: t.title.slice(0, 20), lead: t.lead.map(name), coordinate: t.coordinate.map(name), from: t.timeframe?.from, to: t.timeframe?.to }));
    expect(rows).toEqual([
      { title: 'Ra soat quy dinh ve ', lead: ['So TN&MT'], coordinate: ['So Tai chinh', 'UBND cac huyen'], from: undefined, to: 2024 },
      { title: 'Thu gom rac thai nhu', lead: ['So NN&PTNT'], coordinate: ['Bổ đội Bien phong tinh', 'UBND cac huyen'], from: 2024, to: 2030 },
      { title: 'Huong dan ngu dan ma', lead: ['So NN&PTNT'], coordinate: ['Hoi Nghe ca tinh'], from: undefined, to: undefined },
      { title: 'To chuc chien dich l', lead: ['So TN&MT'], coordinate: ['Tinh doan'], from: undefined, to: undefined },
    ]);
  });
});

describe('cutCellTail', () => {
  it('closes a name at "liên quan" or an abbreviation followed by a capitalised cell', () => {
    expect(cutCellTail('Các đơn vị có liên quan Xây dựng Kế hoạch hằng năm')).toBe('Các đơn vị có liên quan');
    expect(cutCellTail('Bộ TT&TT Ứng dụng nền tảng số')).toBe('Bộ TT&TT');
  });
  it('keeps a name that goes on', () => {
    expect(cutCellTail('Sở TN&MT tỉnh')).toBe('Sở TN&MT tỉnh');
    expect(cutCellTail('Ủy ban nhân dân thành phố Quy Nhơn')).toBe('Ủy ban nhân dân thành phố Quy Nhơn');
  });
});
