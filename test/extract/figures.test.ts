import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFigures, formatVnNumber, parseVnNumber } from '../../src/extract/figures.js';

const simple = (text: string) => findFigures(text).map((f) => ({ value: f.value, ...(f.max !== undefined ? { max: f.max } : {}), unit: f.unit, comparator: f.comparator }));

describe('Vietnamese numbers', () => {
  it('reads thousands dots, decimal commas and leading zeros', () => {
    expect(parseVnNumber('1.200')).toBe(1200);
    expect(parseVnNumber('33,5')).toBe(33.5);
    expect(parseVnNumber('02')).toBe(2);
    expect(parseVnNumber('1.234.567,25')).toBe(1234567.25);
    expect(parseVnNumber('1.5')).toBe(1.5);
    expect(parseVnNumber('abc')).toBeUndefined();
  });

  it('parse(format(n)) = n for integers and decimals', () => {
    fc.assert(fc.property(fc.nat({ max: 1e12 }), (n) => parseVnNumber(formatVnNumber(n)) === n));
    fc.assert(fc.property(fc.nat({ max: 1e7 }), fc.integer({ min: 1, max: 99 }), (i, d) => {
      const n = Number(`${i}.${d}`);
      return parseVnNumber(formatVnNumber(n)) === n;
    }));
  });

  it('a formatted figure is found again in a sentence', () => {
    fc.assert(fc.property(fc.nat({ max: 1e9 }), (n) => {
      const f = findFigures(`đạt ${formatVnNumber(n)}% cơ quan`);
      return f.length === 1 && f[0].value === n && f[0].unit === '%';
    }));
  });
});

describe('figures of a target', () => {
  it('reads the genre’s figures and comparators', () => {
    expect(simple('100% cơ quan báo chí')).toEqual([{ value: 100, unit: '%', comparator: '=' }]);
    expect(simple('tăng doanh thu tối thiểu 20%')).toEqual([{ value: 20, unit: '%', comparator: '>=' }]);
    expect(simple('Trên 65% cơ quan báo chí')).toEqual([{ value: 65, unit: '%', comparator: '>' }]);
    expect(simple('Tăng 5-10% mô hình')).toEqual([{ value: 5, max: 10, unit: '%', comparator: 'range' }]);
    expect(simple('≥ 80% cơ sở giáo dục')).toEqual([{ value: 80, unit: '%', comparator: '>=' }]);
    expect(simple('33,5% cơ quan báo chí')).toEqual([{ value: 33.5, unit: '%', comparator: '=' }]);
    expect(simple('hỗ trợ 1.200 doanh nghiệp')).toEqual([{ value: 1200, unit: 'doanh nghiệp', comparator: '=' }]);
    expect(simple('thí điểm tại 02 cơ quan')).toEqual([{ value: 2, unit: 'cơ quan', comparator: '=' }]);
    expect(simple('tăng gấp 2 lần')).toEqual([{ value: 2, unit: 'lần', comparator: '=' }]);
    expect(simple('đạt từ 95% trở lên')).toEqual([{ value: 95, unit: '%', comparator: '>=' }]);
    expect(simple('không quá 15%')).toEqual([{ value: 15, unit: '%', comparator: '<=' }]);
    expect(simple('đạt 12 bác sĩ/10.000 dân')).toEqual([{ value: 12, unit: 'bác sĩ/10.000 dân', comparator: '=' }]);
    expect(simple('Ít nhất một cơ quan báo chí sử dụng nền tảng')).toEqual([{ value: 1, unit: 'cơ quan', comparator: '>=' }]);
  });

  it('leaves years, dates, document numbers, levels and qualifiers alone', () => {
    expect(simple('so với năm 2020')).toEqual([]);
    expect(simple('theo Quyết định số 348/QĐ-TTg ngày 06/4/2023')).toEqual([]);
    expect(simple('giai đoạn 2021-2025')).toEqual([]);
    expect(simple('an ninh hệ thống thông tin cấp độ 3 trở lên')).toEqual([]);
    expect(simple('trẻ em dưới 5 tuổi')).toEqual([]);
    expect(simple('sản phẩm nhựa dùng một lần')).toEqual([]);
    // A written number beside a digit figure is a qualifier: the digits carry the target.
    expect(simple('100% người dân được tiếp cận ít nhất một loại hình báo chí')).toEqual([{ value: 100, unit: '%', comparator: '=' }]);
  });

  it('never throws and keeps spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 ,.-–%/≥>≤<abcdeđăâêôơư tốihiểutrênítnhấtmộthaicơquan\n'.split('')), maxLength: 80 }), (s) => {
        for (const f of findFigures(s)) {
          if (!(f.start >= 0 && f.end <= s.length && f.start < f.end)) return false;
          if (s.slice(f.start, f.end) !== f.raw || !Number.isFinite(f.value)) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => Array.isArray(findFigures(s))));
  });
});
