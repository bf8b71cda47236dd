import { describe, expect, it } from 'vitest';
import { docOf } from '../support/make-doc.js';
import { PlanDocument } from '../../src/schema/index.js';
import { expandAbbreviations, kindOf, lookupBody, normalizeBodies } from '../../src/normalize/index.js';
import { newStyleTones } from '../../src/text/tone.js';

describe('dictionary of bodies', () => {
  it('expands abbreviations and old tone placement', () => {
    expect(expandAbbreviations('UBND các huyện')).toBe('Ủy ban nhân dân các huyện');
    expect(expandAbbreviations('Đài PT-TH tỉnh')).toBe('Đài Phát thanh và Truyền hình tỉnh');
    expect(expandAbbreviations('Uỷ ban MTTQ VN tỉnh')).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(newStyleTones('hoà nhập, Thanh Hoá, quý')).toBe('hòa nhập, Thanh Hóa, quý');
  });

  it('knows one body under all its forms', () => {
    for (const form of ['Sở TTTT', 'Sở TT&TT', 'Sở Thông tin và Truyền thông', 'Sở TT&TT theo dõi', 'Sở Thông tin và Truyền thông tỉnh Lai Châu']) {
      expect(lookupBody(form, false)?.name).toBe('Sở Thông tin và Truyền thông');
    }
    expect(lookupBody('Sở KH&ĐT', false)?.name).toBe('Sở Kế hoạch và Đầu tư');
    expect(lookupBody('Sở LĐTB&XH', false)?.name).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(lookupBody('Văn phòng UBND tỉnh', false)?.name).toBe('Văn phòng Ủy ban nhân dân tỉnh');
  });

  it('matches OCR-damaged names only when asked to be approximate', () => {
    expect(lookupBody('S¢ Tai chinh', true)?.name).toBe('Sở Tài chính');
    expect(lookupBody('S& Thong tin va Truyén thong', true)?.name).toBe('Sở Thông tin và Truyền thông');
    expect(lookupBody('Sở Tài chánh', false)).toBeUndefined();
    expect(lookupBody('Các sở, ban, ngành', true)).toBeUndefined();
  });

  it('repairs one OCR slip in a long abbreviation, only when approximate and unambiguous', () => {
    expect(lookupBody('Sở TITT', true)?.name).toBe('Sở Thông tin và Truyền thông');
    expect(lookupBody('Sở TITT', false)).toBeUndefined();
    expect(lookupBody('Sở XYZW', true)).toBeUndefined();
  });

  it('guesses kinds of unknown bodies', () => {
    expect(kindOf('Các cơ quan báo chí tỉnh')).toBe('group');
    expect(kindOf('Ủy ban nhân dân các huyện, thị xã, thành phố')).toBe('district');
    expect(kindOf('Ủy ban nhân dân các xã, phường, đặc khu')).toBe('commune');
    expect(kindOf('Báo Lâm Đồng')).toBe('press');
    expect(kindOf('Ban Tuyên giáo và Dân vận Tỉnh ủy')).toBe('party');
    expect(kindOf('Hội Nông dân tỉnh')).toBe('union');
  });
});

describe('normalize stage', () => {
  const base = (date: string | undefined, names: [string, 'lead' | 'coordinate'][]) => {
    const doc = docOf('x');
    const span = { start: 0, end: 1, startLine: 1, endLine: 1 };
    doc.document = { legalBases: [], ...(date ? { date } : {}) };
    doc.bodies = names.map(([name, role], i) => ({ id: `b${i + 1}`, name, aliases: [name], kind: 'other', roles: [role], duties: [], mentions: [span], confidence: 0.8 }));
    doc.tasks = [{ id: 'k1', title: 't', lead: ['b1'], coordinate: ['b2', 'b3'], origin: 'appendix', span, confidence: 0.8 }];
    return doc;
  };

  it('merges forms of one body, keeps aliases, and rewrites task ids', () => {
    const out = normalizeBodies(base('2023-05-23', [['Sở Thông tin và Truyền thông', 'lead'], ['Sở TT&TT', 'coordinate'], ['Các cơ quan báo chí', 'coordinate'], ['Các cơ quan báo chí tỉnh', 'lead']]));
    expect(() => PlanDocument.parse(out)).not.toThrow();
    const sttt = out.bodies.find((b) => b.name === 'Sở Thông tin và Truyền thông')!;
    expect(sttt.aliases).toEqual(['Sở Thông tin và Truyền thông', 'Sở TT&TT']);
    expect(sttt.roles).toEqual(['lead', 'coordinate']);
    expect(sttt.kind).toBe('department');
    expect(out.bodies).toHaveLength(2);
    expect(out.tasks[0].lead).toEqual([sttt.id]);
    expect(out.tasks[0].coordinate).toHaveLength(2);
  });

  it('notes the 2025 successor only for documents that predate the merger', () => {
    const before = normalizeBodies(base('2023-05-23', [['Sở Kế hoạch và Đầu tư', 'lead']]));
    expect(before.bodies[0]).toMatchObject({ name: 'Sở Kế hoạch và Đầu tư', successor: 'Sở Tài chính' });
    const after = normalizeBodies(base('2025-09-18', [['Sở Kế hoạch và Đầu tư', 'lead']]));
    expect(after.bodies[0].successor).toBeUndefined();
    const district = normalizeBodies(base('2024-01-01', [['UBND các huyện, thị xã, thành phố', 'lead'], ['Ủy ban nhân dân cấp huyện', 'coordinate']]));
    expect(district.bodies).toHaveLength(1);
    expect(district.bodies[0]).toMatchObject({ name: 'Ủy ban nhân dân các huyện, thị xã, thành phố', kind: 'district', successor: 'Ủy ban nhân dân cấp xã' });
  });
});

describe('repair of damaged names', () => {
  it('rewrites known word groups in their correct spelling', async () => {
    const { repairName } = await import('../../src/normalize/repair.js');
    expect(repairName('Uy ban nhin dan cac huyén, thi xa, thanh pho')).toBe('Ủy ban nhân dân các huyện, thị xã, thành phố');
    expect(repairName('Các số, ban, ngành tỉnh')).toBe('Các sở, ban, ngành tỉnh');
    expect(repairName('Số Nội vụ')).toBe('Sở Nội vụ');
    // Words outside known groups stay as written.
    expect(repairName('Các Tổ công nghệ số cộng đồng')).toBe('Các Tổ công nghệ số cộng đồng');
  });

  it('normalizes names from restored text approximately', () => {
    const doc = docOf('x');
    const span = { start: 0, end: 1, startLine: 1, endLine: 1 };
    doc.restoration = { applied: true, reason: 'test', invalidShareBefore: 0.6, tokens: 1, changed: 1, words: [] };
    doc.bodies = ['Sổ Tài chính', 'Số Nội vụ', 'Ủy ban nhìn dân các huyện, thị xã, thành phố'].map((name, i) => ({ id: `b${i + 1}`, name, aliases: [name], kind: 'other' as const, roles: ['lead' as const], duties: [], mentions: [span], confidence: 0.8 }));
    expect(normalizeBodies(doc).bodies.map((b) => b.name)).toEqual(['Sở Tài chính', 'Sở Nội vụ', 'Ủy ban nhân dân các huyện, thị xã, thành phố']);
  });
});
