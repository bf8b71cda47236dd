import type { Comparator } from '../schema/index.js';
import { fold } from '../text/fold.js';

/**
 * A figure found in a sentence, with offsets into the sentence (end exclusive).
 *
 * @example
 * { value: 20, unit: '%', comparator: '>=', raw: 'tối thiểu 20%', start: 12, end: 25 }
 */
export interface Figure {
  value: number;
  max?: number;
  unit: string;
  comparator: Comparator;
  raw: string;
  start: number;
  end: number;
}

/**
 * Parses a number as Vietnamese text writes it: dot for thousands ("1.200"), comma for decimals
 * ("33,5"), leading zeros ("02"). A dot followed by other than three digits is read as a decimal
 * point ("1.5"). Returns undefined for anything that is not a number.
 *
 * @example
 * parseVnNumber('1.234,5') // 1234.5
 */
export function parseVnNumber(token: string): number | undefined {
  const t = token.trim();
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d+(?:,\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  if (/^\d+\.\d+$/.test(t)) return Number(t);
  return undefined;
}

/**
 * Formats a number the Vietnamese way (the inverse of {@link parseVnNumber}).
 *
 * @example
 * formatVnNumber(1200.5) // '1.200,5'
 */
export function formatVnNumber(n: number): string {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`formatVnNumber: ${n}`);
  const [int, frac] = String(n).includes('e') ? [n.toFixed(0), undefined] : String(n).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac ? `${grouped},${frac}` : grouped;
}

const NUM = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`;
const FIGURE = new RegExp(
  String.raw`(≥|>=|≤|<=|>|<)?\s*(${NUM})\s*(%|phần trăm)?(?:\s*(?:-|–|—|đến|tới|den|toi)\s*(${NUM})\s*(%|phần trăm)?)?`,
  'g',
);

const WRITTEN: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10,
};

/** Words after which a number names a position, a year or a reference, not a quantity. */
const NOT_QUANTITY_BEFORE = /(?:\bnam|\bgiai doan|\bso|\bcap do|\bcap|\bmuc do|\bdieu|\bkhoan|\bdiem|\blan thu|\bkhoa|\bthang|\bngay|\bquy|\bdot|\bphu luc|\bmuc|\bchuong|\bbuoc|\bthong tu|\bnghi dinh|\bquyet dinh|\bchi thi|\bke hoach|\bphien ban|\bthu)\s*$/;

/** Words that make a count a qualifier of the population ("trẻ em dưới 5 tuổi"), unless a verb comes first. */
const ATTAIN = /(?:dat|tang|giam|con|la|co|xay dung|thanh lap|dao tao|phat trien|cho|thu hut|ho tro|it nhat|toi thieu|len|xuong|duy tri)\s*$/;

const ONE_SYLLABLE_UNITS = new Set([
  'tuoi', 'nam', 'lan', 'thang', 'ngay', 'gio', 'ha', 'km', 'tan', 'dong', 'nguoi', 'ho', 'xa', 'huyen', 'tinh',
  'truong', 'tin', 'bai', 'lop', 'giuong', 'con', 'cai', 'chiec', 'm', 'm2', 'm3', 'kg', 'ty', 'trieu', 'nghin', 'ngan',
  'thon', 'ban', 'to', 'khu', 'vung', 'diem', 'cum', 'tram', 'phut', 'km2', 'mw', 'kw', 'usd', 'cay', 'tiet', 'gia',
]);

const STOP_AFTER = new Set([
  'cua', 'va', 'co', 'duoc', 'dat', 'o', 'tai', 'tren', 'duoi', 'trong', 'theo', 'voi', 'cho', 'la', 'de', 'thi', 'nhu',
  'moi', 'tu', 'den', 'tro', 'hoac', 'ma', 'nay', 'do', 'khi', 'tham', 'se', 'da', 'dang', 'tang', 'giam', 'con', 'tro',
  'thuoc', 'nham', 've', 'trong', 'so', 'bang', 'vao', 'ra', 'len', 'xuong', 'hang', 'moi', 'it', 'nhat', 'toi', 'thieu',
]);

const STOP_VI = new Set([
  'của', 'và', 'có', 'được', 'đạt', 'ở', 'tại', 'trên', 'dưới', 'trong', 'theo', 'với', 'cho', 'là', 'để', 'thì', 'như',
  'mỗi', 'từ', 'đến', 'trở', 'hoặc', 'mà', 'này', 'do', 'khi', 'sẽ', 'đã', 'đang', 'tăng', 'giảm', 'còn', 'thuộc', 'nhằm',
  'về', 'số', 'bằng', 'vào', 'ra', 'lên', 'xuống', 'hàng', 'ít', 'nhất', 'tới', 'thiểu', 'trở',
]);

/** A function word after a number: the number counts nothing. OCR text without diacritics is read folded. */
function isStop(word: string, folded: string): boolean {
  const lower = word.toLowerCase();
  if (STOP_VI.has(lower)) return true;
  // "co", "so" without marks may be "cơ", "sở" (cơ sở) as well as "có", "số": not stop words then.
  return lower === folded && folded !== 'co' && folded !== 'so' && STOP_AFTER.has(folded);
}

const MULTIPLIER: Record<string, number> = { nghin: 1e3, ngan: 1e3, trieu: 1e6, ty: 1e9 };

interface Word {
  text: string;
  folded: string;
  start: number;
  end: number;
}

function wordsFrom(text: string, folded: string, from: number, limit: number): Word[] {
  const out: Word[] = [];
  const re = /[^\s,;:.()"“”!?/]+/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < limit) {
    // Stop at punctuation between the number and the word.
    const gap = text.slice(out.length ? out[out.length - 1].end : from, m.index);
    if (/[,;:.()!?]/.test(gap)) break;
    out.push({ text: m[0], folded: folded.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The noun a count counts: one or two syllables after the number, plus a rate ("bác sĩ/10.000 dân"). */
function nounAfter(text: string, folded: string, from: number): { unit: string; end: number; multiplier: number } | undefined {
  const words = wordsFrom(text, folded, from, 4);
  let multiplier = 1;
  let i = 0;
  if (words[0] && MULTIPLIER[words[0].folded] && words.length > 1) {
    multiplier = MULTIPLIER[words[0].folded];
    i = 1;
  }
  const first = words[i];
  if (!first || !/^[\p{L}]/u.test(first.text) || isStop(first.text, first.folded)) {
    return multiplier > 1 && words[0] ? { unit: words[0].text, end: words[0].end, multiplier: 1 } : undefined;
  }
  // A word glued to a rate: "hoạt động/năm".
  const parts = [first];
  const firstBase = first.folded.split('/')[0];
  if (!ONE_SYLLABLE_UNITS.has(firstBase) && !first.text.includes('/')) {
    const second = words[i + 1];
    // "so với" (compared with) closes the noun even where "so" could be "sở"/"số" without marks.
    const compares = second?.folded === 'so' && /^v\S{1,2}i$/.test(words[i + 2]?.folded ?? '');
    if (second && !compares && /^[\p{Ll}]/u.test(second.text) && !isStop(second.text, second.folded) && !/\d/.test(second.text.split('/')[0])) parts.push(second);
  }
  let end = parts[parts.length - 1].end;
  let unit = text.slice(parts[0].start, end);
  const rate = /^\/\s*(?:(\d{1,3}(?:\.\d{3})+|\d+)\s*)?([\p{L}]+)/u.exec(text.slice(end));
  if (rate && !unit.includes('/')) {
    unit += rate[0].replace(/\s+/g, ' ');
    end += rate[0].length;
  }
  return { unit, end, multiplier };
}

/** "dưới" as OCR leaves it ("duoi", "duéi", "dudi"): d and two or three vowel readings, then i. */
const DUOI = 'd[aeiouyd0-9¢€&@]{1,2}i';

function comparatorBefore(folded: string, at: number): { comparator: Comparator; start: number } | undefined {
  const before = folded.slice(Math.max(0, at - 24), at);
  // Vowels may be misread by OCR ("téi thiéu" for "tối thiểu"): consonant skeletons with any vowel.
  const V = '[aeiouydb0-9¢€&@]{1,3}';
  const w = (s: string) => s.replace(/[aeiouy]+/g, V);
  const rules: [RegExp, Comparator][] = [
    [new RegExp(`(?<![a-z])(${w('toi thieu')}|${w('it nhat')}|${w('khong')} ${DUOI}|khong it hon|tu)\\s*$`), '>='],
    [new RegExp(`(?<![a-z])(cao hon|nhieu hon|${w('tren')}|hon|vuot)\\s*$`), '>'],
    [new RegExp(`(?<![a-z])(${w('toi da')}|${w('khong qua')}|khong vuot qua|khong cao hon|khong nhieu hon)\\s*$`), '<='],
    [new RegExp(`(?<![a-z])(${DUOI}|it hon|thap hon)\\s*$`), '<'],
  ];
  for (const [re, c] of rules) {
    const m = re.exec(before);
    if (m) return { comparator: c, start: at - m[0].length };
  }
  return undefined;
}

/**
 * Finds the figures of a target sentence: percentages ("100%", "33,5%", "5-10%"), counts of a noun
 * ("02 cơ quan", "1.200 doanh nghiệp", "12 bác sĩ/10.000 dân"), with their comparator ("tối thiểu" ≥,
 * "trên" >, "không quá" ≤, "≥", "từ … trở lên"). Years, dates, document numbers and levels ("cấp độ 3")
 * are not figures. Written numbers ("ít nhất một cơ quan") count only when the sentence has no digit
 * figure, and only after a comparator or at the start.
 *
 * @example
 * findFigures('33,5% cơ quan báo chí tăng doanh thu tối thiểu 20%')
 * // [{ value: 33.5, unit: '%', comparator: '=' }, { value: 20, unit: '%', comparator: '>=' }]
 */
export function findFigures(text: string): Figure[] {
  const folded = fold(text);
  const out: Figure[] = [];
  FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE.exec(text))) {
    if (m[0].trim() === '') {
      FIGURE.lastIndex++;
      continue;
    }
    const symbol = m[1];
    const numStart = m.index + m[0].indexOf(m[2], symbol ? symbol.length : 0);
    const prevChar = text[numStart - 1] ?? ' ';
    const afterAll = m.index + m[0].length;
    // Glued to letters, slashes or digits: a code, a date, a document number ("VX4", "06/4/2023", "5G").
    const nextChar = text[numStart + m[2].length] ?? ' ';
    if (/[\p{L}\d/]/u.test(prevChar) || /[\p{L}/]/u.test(nextChar)) continue;
    const value = parseVnNumber(m[2]);
    if (value === undefined) continue;
    const second = m[4] !== undefined ? parseVnNumber(m[4]) : undefined;
    const pct = Boolean(m[3] || m[5]);
    const beforeFolded = folded.slice(Math.max(0, numStart - 16), numStart);
    if (!pct && (NOT_QUANTITY_BEFORE.test(beforeFolded) || /(?<![a-z])c[a-z0-9&¢@]{1,2}p d[a-z0-9&¢@]{1,2}\s*$/.test(beforeFolded))) continue;
    if (!pct && /^\d{4}$/.test(m[2]) && value >= 1900 && value <= 2100) continue;
    if (!pct && second !== undefined && /^\d{4}$/.test(m[4]!)) continue;

    let comparator: Comparator = '=';
    let start = m.index + (symbol ? 0 : m[0].indexOf(m[2]));
    let end = afterAll;
    let max: number | undefined;
    let unit = pct ? '%' : '';
    if (second !== undefined && second > value) {
      comparator = 'range';
      max = second;
    } else if (second !== undefined) {
      // "2021-2025" or a list: only the first number is this figure.
      end = numStart + m[2].length + (m[3] ? text.slice(numStart + m[2].length).indexOf(m[3]) + m[3].length : 0);
      unit = m[3] ? '%' : '';
      if (!m[3]) continue;
    }
    if (symbol) comparator = symbol === '≥' || symbol === '>=' ? '>=' : symbol === '≤' || symbol === '<=' ? '<=' : symbol === '>' ? '>' : '<';
    let multiplier = 1;
    if (!unit) {
      const noun = nounAfter(text, folded, end);
      if (!noun) continue;
      unit = noun.unit;
      end = noun.end;
      multiplier = noun.multiplier;
    }
    // "từ 5%" without "trở lên" or a second number is a starting point: at least (the ">=" rule).
    if (!symbol && comparator !== 'range') {
      const c = comparatorBefore(folded, start);
      if (c) {
        if (!pct && (c.comparator === '<' || c.comparator === '>' || /tu\s*$/.test(folded.slice(0, start))) && !ATTAIN.test(folded.slice(Math.max(0, c.start - 16), c.start))) continue;
        comparator = c.comparator;
        start = c.start;
      }
    } else if (comparator === 'range') {
      const c = /tu\s*$/.exec(folded.slice(Math.max(0, start - 4), start));
      if (c) start -= c[0].length;
    }
    const afterText = folded.slice(end, end + 16);
    const up = /^\s*tr[aeiouyd0-9¢€&@]{1,2} l[aeiouyd0-9¢€&@]{1,2}n/.exec(afterText);
    const down = /^\s*tr[aeiouyd0-9¢€&@]{1,2} x[aeiouyd0-9¢€&@]{1,3}ng/.exec(afterText);
    if (up && comparator !== 'range') {
      comparator = '>=';
      end += up[0].length;
    } else if (down && comparator !== 'range') {
      comparator = '<=';
      end += down[0].length;
    }
    out.push({ value: value * multiplier, ...(max !== undefined ? { max: max * multiplier } : {}), unit, comparator, raw: text.slice(start, end), start, end });
  }
  if (out.length === 0) out.push(...writtenFigures(text, folded));
  return out;
}

function writtenFigures(text: string, folded: string): Figure[] {
  const out: Figure[] = [];
  const re = /(^|[\s,;:(])((?:toi thieu|it nhat|tren|hon|khong duoi)\s+)?(mot|hai|ba|bon|sau|bay|tam|chin|muoi)(?=\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded))) {
    const numAt = m.index + m[1].length + (m[2]?.length ?? 0);
    const atStart = folded.slice(0, m.index + m[1].length).trim() === '';
    // Without a comparator, a written number counts at the start or after a verb of attainment
    // ("hình thành thêm hai vùng"), not in set phrases ("dùng một lần", "một số", "một cửa").
    const afterVerb = /(?:dat|tang|giam|co|xay dung|thanh lap|hinh thanh|them|phat trien|dao tao|ho tro|duy tri|them moi)\s*$/.test(folded.slice(Math.max(0, m.index - 20), m.index + m[1].length));
    if (!m[2] && !atStart && !afterVerb) continue;
    const noun = nounAfter(text, folded, numAt + m[3].length);
    if (!noun || /^(so|phan|cach|trong|lan|cua|chieu|mat)\b/.test(fold(noun.unit))) continue;
    const comparator: Comparator = m[2] ? (/tren|hon/.test(m[2]) ? '>' : '>=') : '=';
    const start = m.index + m[1].length;
    out.push({ value: WRITTEN[m[3]], unit: noun.unit, comparator, raw: text.slice(start, noun.end), start, end: noun.end });
  }
  return out;
}
