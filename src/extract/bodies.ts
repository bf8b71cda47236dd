import type { Body, BodyRole, Span } from '../schema/index.js';
import { editDistance, findPhrase, fold, foldLoose } from '../text/fold.js';
export { isCleanVietnamese } from '../text/clean.js';

/**
 * A piece of a list of bodies, with offsets into the list's text.
 *
 * @example
 * { name: 'Ủy ban nhân dân các huyện, thành phố', start: 0, end: 38, alias: 'UBND cấp huyện' }
 */
export interface BodyPiece {
  name: string;
  start: number;
  end: number;
  /** A short form the text defines for it: "Ủy ban nhân dân các huyện, thành phố (UBND cấp huyện)". */
  alias?: string;
}

/** First words that open the name of an organisation (with diacritics, lower-cased). */
const HEADS_VI = [
  'sở', 'ban', 'bộ', 'cục', 'vụ', 'viện', 'ủy ban', 'uỷ ban', 'ubnd', 'hđnd', 'ubmttq', 'mttq', 'mặt trận', 'hội', 'đoàn', 'tỉnh đoàn',
  'liên đoàn', 'liên minh', 'công an', 'bộ chỉ huy', 'văn phòng', 'thanh tra', 'báo', 'đài', 'tạp chí', 'cổng thông tin',
  'trung tâm', 'kho bạc', 'ngân hàng', 'bảo hiểm', 'chi cục', 'các', 'trường', 'bệnh viện', 'công ty', 'tổng công ty',
  'tỉnh ủy', 'tỉnh uỷ', 'huyện ủy', 'thành ủy', 'doanh nghiệp', 'học viện', 'quỹ', 'cảng vụ', 'hạt kiểm lâm', 'kiểm lâm',
  'thuế', 'hải quan', 'hiệp hội', 'tổ', 'nhà xuất bản', 'phòng', 'cục thuế', 'bưu điện', 'viễn thông', 'đảng ủy', 'chủ tịch', 'giám đốc', 'thủ trưởng', 'ủy ban mặt trận',
];
const HEADS_FOLDED = [...new Set(HEADS_VI.map((h) => fold(h)))];

let cleanText = true;

/**
 * Tells the splitter whether the document's text is clean Vietnamese (marks can be trusted: "Bảo Lộc"
 * is not "Báo") or OCR-damaged (match on folded, fuzzy words). See {@link isCleanVietnamese}.
 *
 * @example
 * setCleanText(isCleanVietnamese(doc.text)) // 'Bảo Lộc' is then not read as 'Báo'
 */
export function setCleanText(clean: boolean): void {
  cleanText = clean;
}

/**
 * Whether the splitter currently trusts marks (see {@link setCleanText}).
 *
 * @example
 * isCleanMode() // false after setCleanText(false)
 */
export function isCleanMode(): boolean {
  return cleanText;
}

function startsWithHead(piece: string): boolean {
  const t = piece.trim();
  const lower = t.toLowerCase();
  const words = t.split(/\s+/);
  if (HEADS_VI.some((h) => lower === h || lower.startsWith(`${h} `))) return true;
  if (cleanText && /[^\x00-\x7f]/.test(words[0] ?? '')) return false;
  const loose = foldLoose(t);
  if (/^[sS]\S{0,2}\s+[A-ZĐ]/.test(t) && words[0].length <= 3) return true;
  if (HEADS_FOLDED.some((h) => loose === h || loose.startsWith(`${h} `))) return true;
  if (cleanText) return false;
  // OCR: "Ủy ban nhân dân" with its first letter lost ("Iy ban nhan dan", "Ly ban").
  if (/^[a-z]?y ban nh\S{1,3}n d\S{1,2}n\b/.test(loose)) return true;
  // OCR: "các" read as "céc", "cac", "c4c", "ceac" opens a group.
  if (/^c[a-z0-9]{0,2}c$/.test(foldLoose(words[0] ?? '')) && words.length >= 2) return true;
  // OCR: a head word one letter off, followed by a capitalised word ("Héi Nha bao" = "Hội Nhà báo").
  const lw = loose.split(' ');
  if (words[1] && /^\p{Lu}/u.test(words[1])) {
    // The first letter must agree, except Đ read as P or B.
    const sameStart = (a: string, b: string) => a[0] === b[0] || ('dpb'.includes(a[0]) && b[0] === 'd');
    if (HEADS_FOLDED.some((h) => !h.includes(' ') && h.length >= 3 && lw[0] && lw[0].length >= 3 && sameStart(lw[0], h) && editDistance(lw[0], h, 1) <= 1)) return true;
  }
  return HEADS_FOLDED.some((h) => h.includes(' ') && h.length >= 5 && lw[0]?.[0] === h[0] && findPhrase(lw.slice(0, h.split(' ').length).join(' '), h) === 0);
}

/**
 * True when a text looks like the name of an organisation (it opens with Sở, Ban, Ủy ban, Các…).
 *
 * @example
 * looksLikeBody('Sở Tài chính') // true
 */
export function looksLikeBody(text: string): boolean {
  const t = stripLeadIn(text);
  return startsWithHead(t) && t.split(/\s+/).length <= 20;
}

/**
 * Catch-all phrases that name nobody in particular ("các đơn vị có liên quan", "các cơ quan, đơn vị").
 *
 * @example
 * isCatchAll('các đơn vị, địa phương có liên quan') // true
 */
export function isCatchAll(text: string): boolean {
  const loose = foldLoose(text).replace(/^(va|voi|cung) /, '').replace(/^c[a-z0-9]?c /, 'cac ');
  const generic = /^(?:(?:thu truong )?(?:cac|nhung) )?(?:co quan|don vi|dia phuong|to chuc|ca nhan|nganh|ban nganh|cap|bo phan|doi tuong)(?: (?:co quan|don vi|dia phuong|to chuc|ca nhan|nganh|lien quan|co lien quan|khac|tren dia ban|chuc nang|tinh|huyen|xa))*$/;
  if (generic.test(loose)) return true;
  // "các sở, ngành, địa phương liên quan": only generic nouns, closed by "(có) liên quan".
  const m = /^(?:cac|nhung) (.+?) ?(?:co ?)?lien ?quan$/.exec(loose);
  if (m && m[1].split(' ').every((w) => GENERIC_WORDS.has(w))) return true;
  const words = loose.split(' ');
  const opener = ['cac', 'co', 'don', 'dia', 'to', 'ca', 'nhung'].includes(words[0]) && /^(?:cac |nhung )?(?:co quan|don vi|dia phuong|to chuc|ca nhan)\b/.test(loose);
  // OCR glues words ("cóliên quan"): look for "liên quan" with or without its spaces.
  return opener && /(?:lien ?qu[ae]n?|lien ?guan)$/.test(loose) && !/bao chi|chuyen mon|truyen thong|doanh nghiep/.test(loose.split(' ').slice(0, 5).join(' '));
}

const GENERIC_WORDS = new Set(['so', 'ban', 'nganh', 'co', 'quan', 'don', 'vi', 'dia', 'phuong', 'to', 'chuc', 'ca', 'nhan', 'doan', 'the', 'khac', 'cap', 'tinh', 'huyen', 'xa', 'cac', 'va', 'hoi']);

/** "Đề nghị", "Giao", "Yêu cầu" before a body's name, matched on folded text (OCR: "Bé nghị", "Pe nghi"). */
const LEAD_IN_FOLDED = /^\s*(?:[-+•]\s*)?(?:de nghi|de xuat|giao|yeu cau|be nghi|pe nghi|doi voi|trach nhiem cua|nhiem vu cua)\s+/;
const LEAD_IN = { exec: (t: string) => LEAD_IN_FOLDED.exec(fold(t)) };
const stripLeadIn = (t: string) => {
  const m = LEAD_IN.exec(t);
  return m ? t.slice(m[0].length) : t;
};

/**
 * Splits a list of bodies as plans write them: "Các sở: Sở Tài chính, Sở Kế hoạch và Đầu tư" → two;
 * "Các sở, ban, ngành; UBND các huyện, thành phố" → two; "Sở TT&TT, Báo Nghệ An, Đài PT-TH tỉnh" →
 * three; "Ủy ban MTTQ tỉnh và các tổ chức chính trị - xã hội tỉnh" → two. Commas inside a name
 * ("Sở Văn hóa, Thể thao và Du lịch", "Các sở, ban, ngành") do not split. Catch-alls are dropped.
 *
 * @example
 * splitBodyList('Cục Báo chí; các cơ quan báo chí tỉnh').map((p) => p.name) // ['Cục Báo chí', 'Các cơ quan báo chí tỉnh']
 */
export function splitBodyList(text: string): BodyPiece[] {
  // Work on a copy with parentheses blanked (same length), remembering short forms defined in them.
  const aliases: { start: number; end: number; text: string }[] = [];
  const masked = text.replace(/\(([^()]*)\)/g, (all, inner: string, at: number) => {
    if (/(?:^|\s)(?:UBND|HĐND|HDND|Sở|S\S?\s|[A-ZĐ]{2,}[&A-ZĐ]*)\b/.test(inner) && inner.split(/\s+/).length <= 6 && !/,/.test(inner)) {
      aliases.push({ start: at, end: at + all.length, text: inner.trim() });
    }
    return ' '.repeat(all.length);
  });
  const pieces: BodyPiece[] = [];
  const lead = LEAD_IN.exec(masked);
  const base = lead ? lead[0].length : 0;
  for (const seg of splitKeep(masked, base, /;/g)) {
    let segs = [seg];
    const colon = masked.slice(seg.start, seg.end).indexOf(':');
    if (colon > 0) {
      const before = masked.slice(seg.start, seg.start + colon);
      const after = { start: seg.start + colon + 1, end: seg.end };
      if (masked.slice(after.start, after.end).trim()) {
        const groupSo = /(?:^|\s)(?:các|cac)\s+(?:sở|so)\s*$/i.test(before.trim()) || /(?:giám đốc|giam doc)\s+(?:các|cac)\s+(?:sở|so)\s*$/i.test(before.trim());
        const bare = groupSo && !/^\s*(?:Sở|So)(?=\s)/i.test(masked.slice(after.start, after.end).trim());
        segs = bare
          ? splitKeep(masked, after.start, /,/g, after.end).map((s) => ({ ...s, prefix: 'Sở ' }))
          : splitOnHeads(masked, after);
        pushPieces(segs as Seg[], masked, aliases, pieces, true);
        continue;
      }
      segs = [{ start: seg.start, end: seg.start + colon }];
    }
    pushPieces(segs.flatMap((s) => splitOnHeads(masked, s)), masked, aliases, pieces, false);
  }
  return pieces;
}

interface Seg {
  start: number;
  end: number;
  prefix?: string;
}

function splitKeep(text: string, from: number, sep: RegExp, to = text.length): Seg[] {
  const out: Seg[] = [];
  let at = from;
  const part = text.slice(0, to);
  sep.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = sep.exec(part))) {
    out.push({ start: at, end: m.index });
    at = m.index + m[0].length;
  }
  out.push({ start: at, end: to });
  return out.filter((s) => text.slice(s.start, s.end).trim());
}

/** True when a text ends with a tier word and a proper name: "… thành phố Đà Lạt", "… huyện Lạc Dương". */
function endsWithPlaceName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  let k = words.length - 1;
  while (k >= 0 && /^\p{Lu}/u.test(words[k])) k--;
  if (k === words.length - 1 || k < 0) return false;
  return ['pho', 'huyen', 'xa', 'quan', 'tinh'].includes(foldLoose(words[k]));
}

/** Splits a segment at ", X" / " và X" / ", các X" where X opens another body's name. */
function splitOnHeads(text: string, seg: Seg): Seg[] {
  const out: Seg[] = [];
  let at = seg.start;
  const re = /,\s*|\s+(?:và|va|cùng|với)\s+/g;
  re.lastIndex = seg.start;
  let m: RegExpExecArray | null;
  const part = text.slice(0, seg.end);
  while ((m = re.exec(part))) {
    const rest = part.slice(m.index + m[0].length);
    const prev = part.slice(at, m.index).trim();
    const restWords = rest.trim().split(/\s+/);
    const isComma = m[0].trim() === ',';
    const nextIsCac = /^c[a-z0-9]?c$/.test(foldLoose(restWords[0] ?? '')) && restWords.length >= 3;
    const nextIsHead = /^\p{Lu}/u.test(rest.trim()) && startsWithHead(rest) && restWords.length >= 2 && !/^(?:các|cac)\b/i.test(rest);
    // "… thành phố Đà Lạt, Bảo Lộc": a list of place names after a tier word is one name.
    const placeList = endsWithPlaceName(prev) && restWords.length <= 3 && restWords.every((w) => /^\p{Lu}/u.test(w));
    if (placeList) continue;
    // "Các sở, ban, ngành": a short plural opener is not a body of its own.
    const prevIsOpener = (/^c[a-z0-9]?c$/.test(foldLoose(prev.split(/\s+/)[0] ?? '')) && prev.split(/\s+/).length <= 2) || prev.split(/\s+/).length < 2;
    if ((nextIsHead || nextIsCac) && !prevIsOpener && (isComma || nextIsHead || nextIsCac)) {
      out.push({ start: at, end: m.index });
      at = m.index + m[0].length;
    }
  }
  out.push({ start: at, end: seg.end });
  return out;
}

function pushPieces(segs: Seg[], masked: string, aliases: { start: number; end: number; text: string }[], pieces: BodyPiece[], listed: boolean): void {
  for (const s of segs) {
    let start = s.start;
    let end = s.end;
    while (start < end && /[\s,.;:\-–]/.test(masked[start])) start++;
    while (end > start && /[\s,.;:\-–/]/.test(masked[end - 1])) end--;
    let name = masked.slice(start, end).replace(/\s+/g, ' ').trim();
    name = stripLeadIn(name.replace(/^(?:và|va|với|cùng)\s+/i, ''));
    if (!name || name.length < 3) continue;
    if (s.prefix) name = s.prefix + name;
    if (isCatchAll(name)) continue;
    if (!listed && !looksLikeBody(name) && name.split(' ').length > 8) continue;
    name = name.charAt(0).toUpperCase() + name.slice(1);
    const alias = aliases.find((a) => a.start >= s.start && a.end <= s.end + 1);
    pieces.push({ name, start, end, ...(alias ? { alias: alias.text } : {}) });
  }
}

/**
 * Bodies as the extract stage finds them: one entry per distinct written form, with roles, duties and
 * mentions. The normalize stage maps them to official names and merges forms of the same body.
 *
 * @example
 * const c = new BodyCollector(); c.add('Sở TT&TT', 'coordinate', span) // 'b1'
 */
export class BodyCollector {
  private bodies = new Map<string, Body>();

  /** Adds a mention and returns the body's id. */
  add(name: string, role: BodyRole | undefined, span: Span, duties: string[] = [], alias?: string): string {
    const key = foldLoose(name);
    let b = this.bodies.get(key);
    if (!b) {
      b = { id: `b${this.bodies.size + 1}`, name, aliases: [name], kind: 'other', roles: [], duties: [], mentions: [], confidence: 0.8 };
      this.bodies.set(key, b);
    }
    if (alias && !b.aliases.includes(alias)) b.aliases.push(alias);
    if (role && !b.roles.includes(role)) b.roles.push(role);
    for (const d of duties) if (!b.duties.includes(d)) b.duties.push(d);
    b.mentions.push(span);
    return b.id;
  }

  list(): Body[] {
    return [...this.bodies.values()];
  }
}
