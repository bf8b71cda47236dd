import data from '../../dictionaries/bodies.json' with { type: 'json' };
import type { BodyKind } from '../schema/index.js';
import { editDistance, findPhrase, foldLoose } from '../text/fold.js';
import { newStyleTones } from '../text/tone.js';

/**
 * One entry of `dictionaries/bodies.json`.
 *
 * @example
 * { name: 'Sở Kế hoạch và Đầu tư', kind: 'department', aliases: [], successor: { name: 'Sở Tài chính', date: '2025-03-01' } }
 */
export interface BodyEntry {
  name: string;
  kind: BodyKind;
  aliases: string[];
  successor?: { name: string; date: string; note?: string };
}

const ENTRIES = data.bodies as BodyEntry[];
const ABBREVIATIONS = Object.entries(data.abbreviations as Record<string, string>).sort((a, b) => b[0].length - a[0].length);
const ABBREV_RE = new RegExp(
  `(^|[\\s(,;])(${ABBREVIATIONS.map(([k]) => k.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`).replace(/ /g, '\\s*')).join('|')})(?=$|[\\s),;.:])`,
  'gu',
);
const ABBREV_MAP = new Map(ABBREVIATIONS.map(([k, v]) => [k.replace(/\s+/g, ''), v]));

/**
 * Expands the abbreviations plans use in body names ("Sở TT&TT" → "Sở Thông tin và Truyền thông",
 * "UBND" → "Ủy ban nhân dân", "Đài PT-TH" → "Đài Phát thanh và Truyền hình") and writes tone marks in
 * the new style ("Uỷ" → "Ủy").
 *
 * @example
 * expandAbbreviations('UBND các huyện') // 'Ủy ban nhân dân các huyện'
 */
export function expandAbbreviations(name: string): string {
  let out = newStyleTones(name.normalize('NFC'));
  for (let pass = 0; pass < 2; pass++) {
    out = out.replace(ABBREV_RE, (_all, pre: string, abbr: string) => `${pre}${ABBREV_MAP.get(abbr.replace(/\s+/g, '')) ?? abbr}`);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Repairs one OCR-damaged abbreviation in a name ("Sở TITT" → "Sở TTTT"): a capital token of four or
 * more characters the table does not know, one edit away from exactly one abbreviation of the same
 * length. Short tokens are left alone: at two or three letters too many abbreviations are one edit apart.
 */
function repairAbbreviation(name: string): string | undefined {
  let changed = false;
  const out = name.replace(/(?<=^|[\s(,;])[\p{Lu}&Đ-]{4,}(?=$|[\s),;.:])/gu, (token) => {
    if (ABBREV_MAP.has(token)) return token;
    const near = [...ABBREV_MAP.keys()].filter((k) => k.length === token.length && editDistance(k, token, 1) === 1);
    if (near.length !== 1) return token;
    changed = true;
    return near[0];
  });
  return changed ? out : undefined;
}

interface Key {
  entry: BodyEntry;
  key: string;
  words: number;
}

const KEYS: Key[] = ENTRIES.flatMap((e) =>
  [e.name, ...e.aliases].map((form) => {
    const key = foldLoose(expandAbbreviations(form));
    return { entry: e, key, words: key.split(' ').length };
  }),
);
const EXACT = new Map(KEYS.map((k) => [k.key, k.entry]));

/** Words that may follow a known body's name without making it another body. */
const TRAILING_OK = /^(?:tinh|cua tinh|thuoc tinh|cap tinh|tren dia ban tinh|tinh [a-z]+(?: [a-z]+){0,2}|theo doi|chu tri|phoi hop|thuc hien|lam dau moi|la co quan thuong truc|co trach nhiem|cac cap)$/;

/**
 * Finds the dictionary entry for a body name as written (after abbreviation expansion), exactly, with
 * a trailing qualifier ("Sở TT&TT theo dõi", "Sở Tài chính tỉnh Lâm Đồng"), or approximately for OCR
 * damage ("S¢ Tai chinh"). Returns undefined for names the dictionary does not know.
 *
 * @example
 * lookupBody('Sở TTTT')?.name // 'Sở Thông tin và Truyền thông'
 */
export function lookupBody(name: string, fuzzy = true): BodyEntry | undefined {
  const expanded = expandAbbreviations(name);
  const key = foldLoose(expanded);
  const exact = EXACT.get(key);
  if (exact) return exact;
  if (fuzzy) {
    const repaired = repairAbbreviation(name);
    if (repaired) return lookupBody(repaired, false);
  }
  const words = key.split(' ');
  let best: { entry: BodyEntry; score: number; words: number } | undefined;
  for (const k of KEYS) {
    if (words.length < k.words) continue;
    const head = words.slice(0, k.words).join(' ');
    const rest = words.slice(k.words).join(' ');
    if (rest && !TRAILING_OK.test(rest)) continue;
    // A group ("Các sở …") never matches one body.
    if (words[0] === 'cac' || words[0] === 'nhung') continue;
    const max = fuzzy ? Math.max(1, Math.round(k.key.length * 0.2)) : 0;
    if (Math.abs(head.length - k.key.length) > max) continue;
    const d = head === k.key ? 0 : max === 0 ? 1 : editDistance(head, k.key, max);
    if (d > max) continue;
    const score = 1 - d / Math.max(head.length, k.key.length) + (rest ? 0 : 0.01) + k.words * 0.001;
    if (!best || score > best.score) best = { entry: k.entry, score, words: k.words };
  }
  return best?.entry;
}

/**
 * Guesses what sort of body a name is from its head word, for names the dictionary does not know.
 *
 * @example
 * kindOf('Các cơ quan báo chí tỉnh') // 'group'
 */
export function kindOf(name: string): BodyKind {
  let k = foldLoose(name).replace(/^c[a-z0-9]?c /, 'cac ');
  if (findPhrase(k.split(' ').slice(0, 4).join(' '), 'uy ban nhan dan') === 0) k = k.replace(/^\S+ \S+ \S+ \S+/, 'uy ban nhan dan');
  if (/^(?:uy ban nhan dan|ubnd)\b.*\b(?:cap huyen|cac huyen|huyen|thi xa|thanh pho)\b/.test(k) && !/\bcap xa\b|\bcac xa\b/.test(k)) return 'district';
  if (/^(?:uy ban nhan dan|ubnd)\b.*\b(?:cap xa|cac xa|xa|phuong|thi tran|dac khu)\b/.test(k)) return 'commune';
  if (/^(?:uy ban nhan dan|ubnd)\b.*\btinh\b/.test(k) || k === 'uy ban nhan dan') return 'people-committee';
  if (/^(?:cac|nhung) (?:co quan bao chi|bao|dai|co quan chu quan bao chi)/.test(k)) return 'group';
  if (/^(?:cac|nhung)\b/.test(k)) return 'group';
  if (/^(?:so|van phong|thanh tra)\b/.test(k)) return 'department';
  if (/^(?:bao|dai|tap chi|cong thong tin|co quan bao chi)\b/.test(k)) return 'press';
  if (/\b(?:tinh uy|huyen uy|thanh uy|dang uy)$/.test(k) || /^(?:tinh uy|dang uy)\b/.test(k)) return 'party';
  if (/^(?:uy ban mat tran|mat tran|hoi|doan|tinh doan|lien doan|lien minh|to chuc chinh tri)\b/.test(k)) return 'union';
  if (/^(?:cong an|bo chi huy|cuc|chi cuc|kho bac|bao hiem|ngan hang|trung tam|bo|vien|truong|benh vien|hai quan|thue)\b/.test(k)) return 'agency';
  return 'other';
}
