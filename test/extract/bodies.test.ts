import { describe, expect, it } from 'vitest';
import { isCatchAll, setCleanText, splitBodyList } from '../../src/extract/bodies.js';
import { parseField, parseFields, parseTimeframe, partnersIn, proseAssignment } from '../../src/extract/tasks.js';

const names = (t: string) => splitBodyList(t).map((p) => p.name);

describe('lists of bodies', () => {
  it('splits lists the way plans write them', () => {
    setCleanText(true);
    expect(names('Các sở: Sở Tài chính, Sở Kế hoạch và Đầu tư')).toEqual(['Sở Tài chính', 'Sở Kế hoạch và Đầu tư']);
    expect(names('Các sở, ban, ngành; UBND các huyện, thành phố')).toEqual(['Các sở, ban, ngành', 'UBND các huyện, thành phố']);
    expect(names('Sở Thông tin và Truyền thông, Báo Nghệ An, Đài Phát thanh và Truyền hình tỉnh')).toEqual(['Sở Thông tin và Truyền thông', 'Báo Nghệ An', 'Đài Phát thanh và Truyền hình tỉnh']);
    expect(names('Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh')).toEqual(['Ủy ban MTTQ Việt Nam tỉnh', 'Các tổ chức chính trị - xã hội tỉnh']);
    expect(names('Các cơ quan báo chí tỉnh (Báo Lâm Đồng, Đài Phát thanh - Truyền hình tỉnh)')).toEqual(['Các cơ quan báo chí tỉnh']);
    expect(names('Ủy ban nhân dân các huyện, thành phố Đà Lạt, Bảo Lộc')).toEqual(['Ủy ban nhân dân các huyện, thành phố Đà Lạt, Bảo Lộc']);
    expect(names('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
    expect(names('Sở TT&TT; các đơn vị, địa phương có liên quan')).toEqual(['Sở TT&TT']);
    expect(splitBodyList('Ủy ban nhân dân các huyện, thành phố (UBND cấp huyện)')[0].alias).toBe('UBND cấp huyện');
  });

  it('reads OCR-damaged lists', () => {
    setCleanText(false);
    expect(names('S¢ Tu phép, cic co quan, don vi lién quan.')).toEqual(['S¢ Tu phép']);
    expect(names('B4o Lai Chau, Dai Phat thanh va Truyén hinh tinh, Tap chi Vin nghé Lai Chau')).toEqual(['B4o Lai Chau', 'Dai Phat thanh va Truyén hinh tinh', 'Tap chi Vin nghé Lai Chau']);
    setCleanText(true);
  });

  it('knows catch-alls', () => {
    for (const t of ['các đơn vị có liên quan', 'các đơn vị, địa phương có liên quan', 'các cơ quan, đơn vị liên quan', 'các sở, ngành, địa phương liên quan']) expect(isCatchAll(t)).toBe(true);
    for (const t of ['Các cơ quan báo chí tỉnh', 'Các sở, ban, ngành', 'Sở Tài chính']) expect(isCatchAll(t)).toBe(false);
  });
});

describe('task fields', () => {
  it('reads field lines, clean and garbled', () => {
    expect(parseField('- Đơn vị chủ trì thực hiện: Văn phòng UBND tỉnh.')?.kind).toBe('lead');
    expect(parseField('- Pon vi phéi hop: S¢ Tu phép.')?.kind).toBe('coordinate');
    expect(parseField('- Thoi gian thyc hién: Thuong xuyén.')?.kind).toBe('timeframe');
    expect(parseField('- Nâng cao nhận thức: tuyên truyền')).toBeUndefined();
    expect(parseFields('(Cơ quan chủ trì: Sở TT&TT; cơ quan phối hợp: Sở Xây dựng; UBND TP. Thủ Đức; thời gian thực hiện: 2024 - 2025)')).toMatchObject([
      { kind: 'lead', value: 'Sở TT&TT' },
      { kind: 'coordinate', value: 'Sở Xây dựng; UBND TP. Thủ Đức' },
      { kind: 'timeframe', value: '2024 - 2025' },
    ]);
  });

  it('reads timeframes', () => {
    expect(parseTimeframe('2023 - 2025')).toEqual({ from: 2023, to: 2025, text: '2023 - 2025' });
    expect(parseTimeframe('Năm 2024 và những năm tiếp theo.')).toEqual({ from: 2024, text: 'Năm 2024 và những năm tiếp theo' });
    expect(parseTimeframe('Thường xuyên')).toEqual({ text: 'Thường xuyên' });
  });

  it('reads assignments in prose and partners in duties', () => {
    expect(proseAssignment('Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh tổ chức. Thời gian: sáng ngày 10/10/2024.')).toEqual({
      lead: 'Sở Thông tin và Truyền thông',
      coordinate: 'Văn phòng Ủy ban nhân dân tỉnh',
      timeframe: 'sáng ngày 10/10/2024',
    });
    expect(proseAssignment('Đánh giá kết quả chuyển đổi số của tỉnh; vinh danh các tập thể.')).toEqual({});
    expect(partnersIn('Chủ trì, phối hợp với Sở Công Thương xây dựng, nhân rộng các mô hình')).toEqual(['Sở Công Thương']);
    expect(partnersIn('Chủ trì, phối hợp các đơn vị có liên quan rà soát')).toEqual([]);
  });
});
