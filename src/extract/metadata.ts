import { allLines, spanOfLines } from '../document/index.js';
import type { DocumentMetadata, LegalBasis, Line, PlanDocument } from '../schema/index.js';
import { findPhrase, fold, foldLoose } from '../text/fold.js';
import { paragraphs, startsWithMarker } from '../text/paragraphs.js';
import { findProvince, matchProvince } from './provinces.js';

/**
 * Document types by the code in their number ("4423/KH-UBND" is a Kế hoạch).
 *
 * @example
 * TYPE_BY_CODE['KH'] // 'Kế hoạch'
 */
export const TYPE_BY_CODE: Record<string, string> = {
  KH: 'Kế hoạch', QĐ: 'Quyết định', CT: 'Chỉ thị', CTr: 'Chương trình', ĐA: 'Đề án', NQ: 'Nghị quyết', TB: 'Thông báo',
  BC: 'Báo cáo', HD: 'Hướng dẫn', TTr: 'Tờ trình', PA: 'Phương án', NĐ: 'Nghị định', TT: 'Thông tư', CV: 'Công văn',
  KL: 'Kết luận', QC: 'Quy chế', QyĐ: 'Quy định', TTLT: 'Thông tư liên tịch', L: 'Luật',
};

/** Issuers by the code after the type ("348/QĐ-TTg" was issued by the Prime Minister). */
const ISSUER_BY_CODE: Record<string, string> = {
  TTg: 'Thủ tướng Chính phủ', CP: 'Chính phủ', TW: 'Ban Chấp hành Trung ương', BCT: 'Bộ Chính trị', QH: 'Quốc hội',
  BTTTT: 'Bộ Thông tin và Truyền thông', BTC: 'Bộ Tài chính', BKHĐT: 'Bộ Kế hoạch và Đầu tư', BNV: 'Bộ Nội vụ',
  BYT: 'Bộ Y tế', BGDĐT: 'Bộ Giáo dục và Đào tạo', BTNMT: 'Bộ Tài nguyên và Môi trường', BNNPTNT: 'Bộ Nông nghiệp và Phát triển nông thôn',
  BVHTTDL: 'Bộ Văn hóa, Thể thao và Du lịch', BCA: 'Bộ Công an', BKHCN: 'Bộ Khoa học và Công nghệ', BXD: 'Bộ Xây dựng',
  TU: 'Tỉnh ủy', HĐND: 'Hội đồng nhân dân tỉnh', UBND: 'Ủy ban nhân dân tỉnh',
};

const TYPE_TITLES: [string, string][] = [
  ['ke hoach', 'Kế hoạch'], ['quyet dinh', 'Quyết định'], ['chuong trinh', 'Chương trình'], ['de an', 'Đề án'],
  ['phuong an', 'Phương án'], ['chi thi', 'Chỉ thị'], ['nghi quyet', 'Nghị quyết'], ['huong dan', 'Hướng dẫn'],
];

/**
 * Restores the Đ that OCR and plain keyboards drop from type codes ("QD-TTg" → "QĐ-TTg").
 *
 * @example
 * normalizeCode('QD-TTg') // 'QĐ-TTg'
 */
export function normalizeCode(code: string): string {
  return code
    .replace(/\s+/g, '')
    .replace(/–/g, '-')
    // Codes are capitals without marks (but Đ): restoration may give "TU" marks ("12-CTr/TỪ").
    .replace(/[^\x00-\x7fĐđ]/g, (ch) => ch.normalize('NFD')[0])
    .split(/([-/])/)
    .map((seg) => D_CODES.find(([re]) => re.test(seg))?.[1] ?? seg)
    .join('');
}

/**
 * Codes spelled with Đ, and how OCR reads them: a plain keyboard or an engine without Vietnamese gives D,
 * and the English model reads Đ inside a word as P, b, or D plus a stray b ("Qb-TTg", "QDb-BTTTT",
 * "QP-UBND" for "QĐ-…"). A leading Đ is only ever read D here: "PA" is a code of its own (Phương án).
 */
const D_CODES: [RegExp, string][] = ['QĐ', 'NĐ', 'ĐA', 'HĐND', 'BKHĐT', 'BGDĐT'].map((c) => [
  new RegExp(`^${c.replace(/^Đ/, 'D').replace(/Đ/g, '(?:Đ|D|P|b|Db|Pb)')}$`),
  c,
]);

const DOC_NUMBER = /(\d{1,5})\s*\/\s*(\d{4})\s*\/\s*([A-ZĐ0-9][\p{L}0-9&]*(?:\s?[-–]\s?[\p{L}0-9&]+)+|[A-ZĐ][A-ZĐ]+\d{1,3}\b)|(\d{1,5})\s*-\s*([A-ZĐ][A-Za-zĐđ]{1,4})\s*\/\s*(\p{Lu}[\p{L}]{1,5})|(\d{1,5})\s*\/\s*([A-ZĐ0-9][\p{L}0-9&]*(?:[-–][\p{L}0-9&]+)+)/gu;

/**
 * Finds document numbers in a text: "348/QĐ-TTg", "09/2017/NĐ-CP", party style "17-NQ/TU".
 *
 * @example
 * findDocNumbers('Thực hiện Quyết định số 348/QĐ-TTg ngày 06/4/2023')[0].number // '348/QĐ-TTg'
 */
export function findDocNumbers(text: string): { number: string; code: string; start: number; end: number }[] {
  const out: { number: string; code: string; start: number; end: number }[] = [];
  DOC_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DOC_NUMBER.exec(text))) {
    if (/[\d/]/.test(text[m.index - 1] ?? '')) continue;
    let number: string;
    let code: string;
    if (m[1]) {
      code = normalizeCode(m[3]);
      number = `${m[1]}/${m[2]}/${code}`;
    } else if (m[4]) {
      code = `${m[5]}/${m[6]}`;
      number = `${m[4]}-${normalizeCode(m[5])}/${normalizeCode(m[6])}`;
    } else {
      code = normalizeCode(m[8]);
      number = `${m[7]}/${code}`;
    }
    out.push({ number, code, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function isoDate(d: number, mo: number, y: number): string | undefined {
  if (!(d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && y >= 1945 && y <= 2100)) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * "ngày 23 tháng 5 năm 2023" or "ngày 06/4/2023" → ISO date; OCR-tolerant on the words.
 *
 * @example
 * parseVnDate('ngày 23 tháng 5 năm 2023') // '2023-05-23'
 */
export function parseVnDate(text: string): string | undefined {
  const f = fold(text);
  let m = /ng\S{0,2}y\s+(\d{1,2})\s*(?:thang|th\S{1,3}g)\s+(\d{1,2})\s*(?:nam|n\S{1,2}m)\s+(\d{4})/.exec(f);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/.exec(f);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  return undefined;
}

/** Splits a line into the cells of a two-column layout (three or more spaces, or a tab, between). */
function cells(line: string): string[] {
  return line.split(/\t|\s{3,}/).map((c) => c.replace(/\*\*/g, '').trim()).filter(Boolean);
}

function typeTitleOf(text: string): string | undefined {
  const t = text.replace(/\*\*/g, '').trim().replace(/:$/, '');
  if (!t || t.length > 30) return undefined;
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (!letters || letters !== letters.toUpperCase()) return undefined;
  const loose = foldLoose(t);
  for (const [k, v] of TYPE_TITLES) if (loose === k || (findPhrase(loose, k) === 0 && loose.split(' ').length === 2)) return v;
  return undefined;
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Reads the document's metadata from its header block, opening paragraph and signature.
 * `bodyStart`/`bodyEnd` are the first and last line of the plan's sections (from segmentation).
 *
 * @example
 * extractMetadata(doc, 15, 158).number // '4423/KH-UBND'
 */
export function extractMetadata(doc: PlanDocument, bodyStart: number, bodyEnd: number, appendixStart: number): DocumentMetadata {
  const lines = allLines(doc);
  const head = lines.slice(0, Math.max(0, bodyStart - 1));
  const meta: DocumentMetadata = { legalBases: [] };

  // Number, place and date: the first of each in the header.
  for (const [li, l] of head.entries()) {
    for (const c of cells(l.text)) {
      if (!meta.number) {
        const m = /^S\S{0,2}\s*[:.]?\s*(\d{1,5})\s*\/\s*([A-ZĐ0-9][\p{L}0-9&]*(?:\s?[-–]\s?[\p{L}0-9&]+)*)/u.exec(c);
        if (m) meta.number = `${m[1]}/${normalizeCode(m[2])}`;
      }
      if (!meta.date) {
        const fc = fold(c);
        const at = fc.search(/,?\s*ng\S{0,2}y\s+\S{1,3}\s+th/);
        if (at > 0) {
          // OCR wraps a long place-and-date line: the year may open the next line ("… tháng 6 năm" / "2024").
          const date = parseVnDate(c.slice(at)) ?? parseVnDate(`${c.slice(at)} ${cells(head[li + 1]?.text ?? '')[0] ?? ''}`);
          if (date) meta.date = date;
          const before = c.slice(0, at).trim();
          const pm = /((?:(?:[Tt]hành phố|TP\.?|[Tt]ỉnh)\s+)?(?:\p{Lu}\p{Ll}+\s+){0,4}\p{Lu}\p{Ll}+)$/u.exec(before);
          if (pm && !meta.place) {
            const place = pm[1].trim();
            const p = matchProvince(place);
            meta.place = p ? (p.city ? `Thành phố ${p.name}` : p.name) : place;
          }
        }
      }
    }
  }

  // An appendix or attached plan repeats the number and date: "(Kèm theo Kế hoạch số 4423/KH-UBND ngày
  // 23/5/2023 …)". It fills what the header lost (OCR often damages the header block).
  if (!meta.number || !meta.date) {
    const all = allLines(doc);
    for (const l of all) {
      const f = fold(l.text);
      const at = f.search(/k\S{0,2}m theo\s+(?:ke hoach|quyet dinh|chuong trinh|de an)\s+so/);
      if (at < 0) continue;
      const rest = l.text.slice(at);
      const n = findDocNumbers(rest)[0];
      if (!n) continue;
      if (meta.number && meta.number.split('/')[0] !== n.number.split('/')[0]) continue;
      if (!meta.number && !/^\d/.test(n.number.split('/')[1] ?? '')) meta.number = n.number;
      if (!meta.date) {
        const date = parseVnDate(rest.slice(n.end - n.start));
        if (date) meta.date = date;
      }
      break;
    }
  }

  // Type: from the number's code, else from the type line ("KẾ HOẠCH").
  const titleIdx = head.findIndex((l) => typeTitleOf(l.text));
  const codeType = meta.number ? TYPE_BY_CODE[meta.number.split('/')[1]?.split('-')[0] ?? ''] : undefined;
  meta.type = codeType ?? (titleIdx >= 0 ? typeTitleOf(head[titleIdx].text) : undefined);
  if (!meta.type) delete meta.type;

  // A Quyết định that issues a plan: the plan's own type line comes after the articles.
  if (meta.type === 'Quyết định') {
    const lastArticle = head.reduce((at, l, i) => (/^\s*(?:Điều|ĐIỀU|Dieu)\s+\d+\s*[.:]/.test(l.text) ? i : at), -1);
    const plan = lastArticle >= 0 ? head.slice(lastArticle + 1).find((l) => typeTitleOf(l.text) && typeTitleOf(l.text) !== 'Quyết định') : undefined;
    if (plan) meta.attachedTo = { type: typeTitleOf(plan.text)! };
  }

  // Title: the lines after the type line, up to a blank line.
  const titleLines: Line[] = [];
  if (titleIdx >= 0) {
    let j = titleIdx + 1;
    while (j < head.length && head[j].text.trim() === '') j++;
    while (j < head.length && head[j].text.trim() !== '' && !/^\s*\(/.test(head[j].text) && titleLines.length < 5) {
      if (/^[\s_\-–—=*.]+$/.test(head[j].text)) break;
      titleLines.push(head[j]);
      j++;
    }
  } else {
    // No type line (a header lost to OCR): the first short paragraph before the opening paragraph.
    const paras = paragraphs(head);
    const opening = paras.findIndex((p) => isOpening(p.text));
    const cand = opening > 0 ? paras[opening - 1] : undefined;
    if (cand && cand.lines.length <= 3 && !/S\S{0,2}\s*:\s*\d/.test(cand.text) && !/CONG HOA|CỘNG HÒA/i.test(cand.text)) titleLines.push(...cand.lines);
  }
  if (titleLines.length) {
    meta.title = titleLines.map((l) => (cells(l.text)[0] ?? '').replace(/^[’'"“\s]+/, '').replace(/_{3,}/g, '')).join(' ').replace(/\s+/g, ' ').trim();
    meta.title = titleCase(meta.title);
  }

  // Province and issuer.
  const headText = head.map((l) => cells(l.text).join('\n')).join('\n');
  const headerProvince = head.slice(0, 8).map((l) => cells(l.text)[0] ?? '').map((c) => (/^(TỈNH|TINH|THÀNH PHỐ|THANH PHO)\b/i.test(fold(c).toUpperCase()) || /^(TỈNH|THÀNH PHỐ)/.test(c) ? findProvince(c) : undefined)).find(Boolean);
  const province = headerProvince ?? findProvince(`${meta.title ?? ''}\n${headText}`) ?? (meta.place ? matchProvince(meta.place) : undefined);
  if (province) meta.province = province.city ? `Thành phố ${province.name}` : province.name;
  const ubnd = /UBND$/.test(meta.number ?? '') || head.slice(0, 10).some((l) => findPhrase(foldLoose(cells(l.text)[0] ?? ''), 'uy ban nhan dan') === 0) || /ban nhan dan/.test(fold(headText));
  if (ubnd && province) meta.issuer = `Ủy ban nhân dân ${province.city ? 'Thành phố' : 'tỉnh'} ${province.name}`;

  // Legal bases: numbered instruments of the opening "Thực hiện… / Căn cứ…" paragraphs.
  // A list of bases runs on after a ";" ("Căn cứ Quyết định …;" / "Chương trình hành động số …;"), and
  // OCR breaks a paragraph at every line ending with ";": the next unmarked paragraph continues the list.
  const opening: ReturnType<typeof paragraphs> = [];
  let listGoesOn = false;
  for (const p of paragraphs(head.slice(titleIdx >= 0 ? titleIdx : 0))) {
    const open: boolean = isOpening(p.text) || (listGoesOn && !startsWithMarker(p.text) && opensWithInstrument(p.text) && findDocNumbers(p.text).length > 0);
    if (open) opening.push(p);
    // OCR reads ";" as ":" as often as not.
    listGoesOn = open && /[;:]\s*$/.test(p.text);
  }
  const seen = new Set<string>();
  for (const p of opening) {
    const text = p.text;
    for (const n of findDocNumbers(text)) {
      const lead = n.number.split(/[/-]/)[0];
      if (seen.has(lead) || seen.has(n.number)) continue;
      seen.add(lead);
      seen.add(n.number);
      const basis: LegalBasis = { number: n.number };
      const before = text.slice(Math.max(0, n.start - 40), n.start);
      const km = /((?:Quyết định|Nghị quyết|Nghị định|Chỉ thị|Kế hoạch|Thông tư|Chương trình|Đề án|Công văn|Văn bản|Luật|Hướng dẫn|Kết luận|Thông báo))\s*(?:số)?\s*$/i.exec(before);
      const typeCode = n.code.split(/[-/]/)[0];
      const kind = km ? titleCase(km[1].toLowerCase()) : TYPE_BY_CODE[typeCode];
      if (kind) basis.kind = kind;
      const after = text.slice(n.end, n.end + 160);
      const dm = /^\s*,?\s*(ng\S{0,2}y\s+[^;]{0,30}?\d{4})/.exec(after);
      const date = dm ? parseVnDate(dm[1]) : undefined;
      if (date) basis.date = date;
      const issuerCode = n.code.split(/[-/]/).slice(1).join('-');
      const im = /^\s*,?\s*(?:ng\S{0,2}y\s+[^;]{0,30}?\d{4})?\s*(?:của|cua|ctia|caa|cta)\s+([^,;()]+?)(?=\s+(?:về|phê duyệt|ban hành|quy định|hướng dẫn|ve|phe duyet|ban hanh)(?![\p{L}])|[,;(]|$)/u.exec(after);
      const issuer = ISSUER_BY_CODE[issuerCode] ?? (im ? im[1].trim() : undefined);
      if (issuer) basis.issuer = issuer;
      const first = p.lines.find((l) => l.end >= p.lines[0].start) ?? p.lines[0];
      basis.span = spanOfLines(doc, first.index, p.endLine);
      meta.legalBases.push(basis);
    }
  }

  // Signer: the title line and the name after the body, before any appendix.
  const signer = findSigner(lines.slice(bodyEnd, appendixStart > 0 ? appendixStart - 1 : lines.length)) ?? findSigner(head);
  if (signer) meta.signer = signer;
  const firstHead = head.find((l) => l.text.trim());
  if (firstHead) meta.span = spanOfLines(doc, firstHead.index, head[head.length - 1]?.index ?? firstHead.index);
  return meta;
}

/** The signer's title ("PHÓ CHỦ TỊCH") and name in a signature block, OCR-tolerant. */
function findSigner(tail: Line[]): DocumentMetadata['signer'] | undefined {
  let meta: { signer?: { name?: string; title?: string } } = {};
  let titleAt = -1;
  tail.forEach((l, i) => {
    for (const c of cells(l.text)) {
      const loose = foldLoose(c);
      if (/\bpho ch\S{0,2} tich\b/.test(loose) && !/^(kt|tm)\b/.test(loose)) {
        meta.signer = { ...meta.signer, title: 'Phó Chủ tịch' };
        titleAt = i;
      } else if (/\bch\S{0,2} tich\b/.test(loose) && !meta.signer?.title?.startsWith('Phó')) {
        meta.signer = { ...meta.signer, title: 'Chủ tịch' };
        titleAt = i;
      } else if (/\bpho giam doc\b/.test(loose) && !/^(kt|tm)\b/.test(loose)) {
        meta.signer = { ...meta.signer, title: 'Phó Giám đốc' };
        titleAt = i;
      } else if (/\bgiam doc\b/.test(loose) && !meta.signer?.title) {
        meta.signer = { ...meta.signer, title: 'Giám đốc' };
        titleAt = i;
      }
    }
  });
  if (titleAt >= 0) {
    for (let i = titleAt + 1; i < tail.length; i++) {
      const cs = cells(tail[i].text);
      const name = cs.reverse().find((c) => /^(?:\p{Lu}[\p{Ll}]*\s+){1,4}\p{Lu}[\p{Ll}]*$/u.test(c) && !/^(Nơi|Noi|Lưu|Luu|Sở|Ủy|Bộ|Ban|Báo|Đài)(?![\p{L}])/u.test(c));
      if (name) {
        meta.signer = { ...meta.signer, name };
        break;
      }
    }
  }
  return meta.signer?.title || meta.signer?.name ? meta.signer : undefined;
}

/** A paragraph that opens with an instrument's name ("Chương trình hành động số…"), not with "Xét đề nghị…". */
function opensWithInstrument(text: string): boolean {
  const loose = foldLoose(text).split(' ').slice(0, 3).join(' ');
  return ['quyet dinh', 'nghi quyet', 'nghi dinh', 'chi thi', 'chuong trinh', 'ke hoach', 'thong tu', 'luat', 'cong van', 'ket luan', 'de an', 'huong dan', 'thong bao', 'van ban'].some((k) => findPhrase(loose, k) === 0);
}

function isOpening(text: string): boolean {
  const loose = foldLoose(text).split(' ').slice(0, 3).join(' ');
  return findPhrase(loose, 'thuc hien') === 0 || findPhrase(loose, 'can cu') === 0;
}
