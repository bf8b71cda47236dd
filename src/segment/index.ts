import type { Stage } from '../document/index.js';
import { allLines, spanOfLines, warn } from '../document/index.js';
import type { Line, PlanDocument, Section, SectionKind } from '../schema/index.js';
import { paragraphs, type Paragraph } from '../text/paragraphs.js';
import { parseOcrRoman, toRoman } from '../text/roman.js';
import { editDistance, findPhrase, fold, foldLoose } from '../text/fold.js';
import { classifyHeading, classifySubHeading } from './kinds.js';
import { findBodyRange } from './regions.js';

export { classifyHeading, classifySubHeading } from './kinds.js';
export { findBodyRange } from './regions.js';

interface TopCandidate {
  para: Paragraph;
  label: string;
  heading: string;
  kind: SectionKind;
  scheme: 'roman' | 'letter' | 'part' | 'caps' | 'appendix';
  confidence: number;
  /** Last line of the heading itself (a heading may run over two lines). */
  headingEnd: number;
}

// H is OCR's reading of II in a blurred "III" ("IH."): only with I or V before it.
const ROMAN_HEAD = /^\s*\**\s*([IVXLivxl1|!]{1,6}|[IVl1|][IVl1|]?H)\s*[.:)\-–]\s*(.+)$/;
const PART_HEAD = /^\s*\**\s*(?:PH[ẦÂA]N|Ph[ầâa]n|PHAN|Phan)\s+(TH[ỨU]\s+\S+|th[ứu]\s+\S+|[IVXLivxl1]{1,6}|\d{1,2})\s*[.:\-–]?\s*(.*)$/;
const LETTER_HEAD = /^\s*\**\s*([A-HĐ])\s*[.)/]\s+(.+)$/;
// Restoration or OCR may turn a letter label into a syllable ("Ở." for "D.", "Cứ." for "C."): accepted only with a
// capital heading that names a section kind.
const ANY_LETTER_HEAD = /^\s*\**\s*(\p{Lu}\p{Ll}{0,2})\s*[.)]\s+(.+)$/u;
const ARABIC_HEAD = /^\s*\**\s*(\d{1,2})\s*[.)](?![\d/])\s*(.*)$/;
// "a)"; OCR and restoration sometimes turn the letter into a syllable ("Bổ)" for "b)"): the order check
// in itemsOf keeps such readings honest.
const LETTER_SUB = /^\s*([a-zđ¢]|[A-ZĐa-zđ][^\s()]{0,2}(?=\)))\s*\)\s*(.*)$/u;

/**
 * Share of letters that are upper case (ignores digits and punctuation).
 *
 * @example
 * upperShare('MỤC TIÊU') // 1
 */
export function upperShare(text: string): number {
  let up = 0;
  let letters = 0;
  for (const ch of text) {
    const lo = ch.toLowerCase();
    const hi = ch.toUpperCase();
    if (lo === hi) continue;
    letters++;
    if (ch === hi) up++;
  }
  return letters ? up / letters : 0;
}

function isCaps(text: string): boolean {
  return upperShare(text) >= 0.75;
}

/**
 * Splits a document into its section tree: top-level sections (I, II… / Phần I / A, B / unnumbered
 * capital headings / PHỤ LỤC), numbered sub-sections (1., 2.) and lettered ones (a), b)).
 * Works on OCR-damaged text: labels like "I1." or "I11." are read as II and III, headings are
 * classified on folded words. Ids are positional ("II.1" is the first numbered item of the second
 * top-level section) so they stay unique when the source misnumbers; `label` keeps what was printed.
 *
 * @example
 * segmentDocument(doc).map((s) => s.id) // ['I', 'I.1', 'II', 'II.1', 'II.2', …, 'PL1']
 */
export function segmentDocument(doc: PlanDocument): Section[] {
  const lines = allLines(doc);
  if (!lines.length) return [];
  const range = findBodyRange(lines);
  const appendixHeads = findAppendices(lines, range.start);
  if (appendixHeads.length && appendixHeads[0].line <= range.end) range.end = appendixHeads[0].line - 1;
  const paras = paragraphs(lines.slice(range.start - 1, range.end));
  const tops: TopCandidate[] = [];

  for (let i = 0; i < paras.length; i++) {
    const c = topCandidate(paras[i]);
    if (!c) continue;
    // A capital heading split over two lines ("NHIỆM VỤ VÀ GIẢI PHÁP / CHỦ YẾU").
    const next = paras[i + 1];
    if (next && isCaps(c.heading) && next.lines.length === 1 && isCaps(next.text) && next.text.length < 60 && !topCandidate(next) && !ARABIC_HEAD.test(next.text) && next.startLine === c.headingEnd + 1) {
      c.heading = `${c.heading} ${next.text.trim()}`;
      c.headingEnd = next.endLine;
      c.kind = classifyHeading(c.heading) ?? c.kind;
      i++;
    }
    tops.push(c);
  }
  // One numbering scheme for top-level: the one that comes first among those used at least twice
  // ("A. … I. … II. … B." is lettered with Roman subsections; "Phần I" likewise).
  const firstOf = (sch: TopCandidate['scheme']) => {
    const list = tops.filter((t) => t.scheme === sch);
    return list.length >= 2 ? list[0].para.startLine : Infinity;
  };
  const ranked = (['roman', 'part', 'letter'] as const).map((sch) => ({ sch, at: firstOf(sch) })).sort((a, b) => a.at - b.at);
  const primary: TopCandidate['scheme'] = ranked[0].at < Infinity ? ranked[0].sch : tops.some((t) => t.scheme === 'roman') ? 'roman' : tops.some((t) => t.scheme === 'part') ? 'part' : tops.some((t) => t.scheme === 'letter') ? 'letter' : 'caps';
  const accepted = tops.filter((t) => t.scheme === primary || (t.scheme === 'caps' && t.kind !== 'other' && primary === 'roman'));
  const childSchemes: ChildScheme[] = primary === 'roman' ? ['arabic', 'lettersub'] : ['roman', 'arabic', 'lettersub'];

  const sections: Section[] = [];
  accepted.forEach((t, idx) => {
    const endLine = idx + 1 < accepted.length ? accepted[idx + 1].para.startLine - 1 : range.end;
    const id = primary === 'roman' || primary === 'caps' ? toRoman(idx + 1) : primary === 'part' ? `P${idx + 1}` : LETTERS[idx] ?? `L${idx + 1}`;
    sections.push(makeSection(doc, lines, { id, label: t.label, level: 1, heading: t.heading, kind: t.kind, startLine: t.para.startLine, endLine, headingEnd: t.headingEnd, confidence: t.confidence }));
    const inner = paras.filter((p) => p.startLine > t.headingEnd && p.endLine <= endLine);
    addChildren(doc, lines, sections, id, t.kind, inner, endLine, 2, childSchemes);
  });

  // Appendices after the body.
  appendixHeads.forEach((a, idx) => {
    const endLine = idx + 1 < appendixHeads.length ? appendixHeads[idx + 1].line - 1 : lines.length;
    sections.push(makeSection(doc, lines, { id: `PL${idx + 1}`, label: a.label, level: 1, heading: a.heading, kind: 'appendix', startLine: a.line, endLine, headingEnd: a.headingEnd, confidence: 0.9 }));
  });
  return sections;
}

function topCandidate(p: Paragraph): TopCandidate | undefined {
  const first = p.lines[0].text.replace(/\*\*/g, '');
  const text = p.text.replace(/\*\*/g, '');
  if (text.length > 220) return undefined;
  let m = PART_HEAD.exec(first);
  if (m && (m[2] === '' || /^\p{Lu}/u.test(m[2]))) {
    const heading = text.replace(PART_HEAD, '$2').trim();
    return { para: p, label: `Phần ${m[1]}`, heading, kind: classifyHeading(heading) ?? 'other', scheme: 'part', confidence: 0.9, headingEnd: p.endLine };
  }
  m = ROMAN_HEAD.exec(first);
  if (m) {
    const n = parseOcrRoman(m[1]);
    const heading = text.replace(/^\s*\S+?\s*[.:)\-–]\s*/, '').trim();
    if (n !== undefined && /^\p{Lu}/u.test(heading) && n <= 20) {
      const kind = classifyHeading(heading);
      if (isCaps(heading) || kind) {
        const clean = /^[IVXL]+$/.test(m[1]);
        return { para: p, label: m[1], heading, kind: kind ?? 'other', scheme: 'roman', confidence: clean ? (kind ? 1 : 0.85) : 0.75, headingEnd: p.endLine };
      }
    }
  }
  m = /^\s*(\d{2,3})\s*[.:]\s*(.+)$/.exec(first);
  if (m && /^1+$/.test(m[1])) {
    // "11." / "111." printed for II / III by OCR: only with a capital heading that names a section kind.
    const heading = text.replace(/^\s*\d+\s*[.:]\s*/, '').trim();
    const kind = classifyHeading(heading);
    if (isCaps(heading) && kind) return { para: p, label: m[1], heading, kind, scheme: 'roman', confidence: 0.6, headingEnd: p.endLine };
  }
  m = LETTER_HEAD.exec(first) ?? ANY_LETTER_HEAD.exec(first);
  if (m && !/^[A-HĐ]$/.test(m[1]) && !(isCaps(m[2]) && classifyHeading(m[2]))) m = null;
  if (m) {
    const heading = text.replace(/^\s*\S\s*[.)/]\s+/, '').trim();
    const kind = classifyHeading(heading);
    if (isCaps(heading) && heading.length < 120) return { para: p, label: m[1], heading, kind: kind ?? 'other', scheme: 'letter', confidence: kind ? 0.9 : 0.7, headingEnd: p.endLine };
  }
  if (isCaps(text) && text.length < 90 && !/^\s*[-+•(\d]/.test(text)) {
    const kind = classifyHeading(text);
    if (kind && kind !== 'appendix') return { para: p, label: '', heading: text.trim(), kind, scheme: 'caps', confidence: 0.6, headingEnd: p.endLine };
  }
  return undefined;
}

type ChildScheme = 'roman' | 'arabic' | 'lettersub';

const LETTERS = ['A', 'B', 'C', 'D', 'Đ', 'E', 'G', 'H', 'I', 'K', 'L', 'M', 'N'];
const SUB_LETTERS = 'abcdđeghiklmnopqrstuvxy';

/** The numbered items of one scheme among paragraphs, in order ("a)" before "b)"; I before II). */
function itemsOf(inner: Paragraph[], scheme: ChildScheme): { p: Paragraph; label: string; heading: string }[] {
  const out: { p: Paragraph; label: string; heading: string }[] = [];
  let expect = 0;
  for (const p of inner) {
    const first = p.lines[0].text;
    if (scheme === 'arabic') {
      const m = ARABIC_HEAD.exec(first);
      if (m) out.push({ p, label: `${m[1]}.`, heading: p.text.replace(/^\s*\**\s*\d{1,2}\s*[.)]\s*/, '') });
    } else if (scheme === 'roman') {
      const m = ROMAN_HEAD.exec(first);
      const n = m ? parseOcrRoman(m[1]) : undefined;
      if (m && n !== undefined && /^\p{Lu}/u.test(m[2]) && (n === expect + 1 || n === 1 || n === expect)) {
        out.push({ p, label: `${m[1]}.`, heading: p.text.replace(/^\s*\**\s*\S+?\s*[.:)\-–]\s*/, '') });
        expect = n;
      }
    } else {
      const m = LETTER_SUB.exec(first);
      if (!m) continue;
      const letter = fold(m[1].replace('¢', 'c'))[0] === 'd' && /^[Đđ]/.test(m[1]) ? 'đ' : fold(m[1].replace('¢', 'c'))[0];
      const idx = SUB_LETTERS.indexOf(letter);
      // Letters run in order from a) (đ may be skipped): a stray "c)" in a sentence is not a sub-section.
      if (idx === expect || (idx === expect + 1 && SUB_LETTERS[expect] === 'đ')) {
        out.push({ p, label: `${letter})`, heading: p.text.replace(/^\s*\S{1,3}?\s*\)\s*/, '') });
        expect = idx + 1;
      } else if (idx === 0 && out.length) break;
    }
  }
  return out;
}

function addChildren(doc: PlanDocument, lines: readonly Line[], sections: Section[], parentId: string, parentKind: SectionKind, inner: Paragraph[], endLine: number, level: number, schemes: ChildScheme[]): void {
  for (let k = 0; k < schemes.length; k++) {
    const items = itemsOf(inner, schemes[k]);
    if (!items.length) continue;
    items.forEach((it, idx) => {
      const childEnd = idx + 1 < items.length ? items[idx + 1].p.startLine - 1 : endLine;
      const heading = headingOf(it.heading);
      const kind = classifySubHeading(heading) ?? parentKind;
      const id = schemes[k] === 'lettersub' ? `${parentId}.${String.fromCharCode(97 + idx)}` : `${parentId}.${idx + 1}`;
      sections.push(makeSection(doc, lines, { id, label: it.label, level, heading, kind, parent: parentId, startLine: it.p.startLine, endLine: childEnd, headingEnd: it.p.endLine, confidence: schemes[k] === 'lettersub' ? 0.85 : 0.9 }));
      const sub = inner.filter((q) => q.startLine > it.p.endLine && q.endLine <= childEnd);
      addChildren(doc, lines, sections, id, kind, sub, childEnd, level + 1, schemes.slice(k + 1));
    });
    return;
  }
}

/** A heading is the item's text up to its first colon, or its first sentence when it runs long. */
function headingOf(text: string): string {
  const t = text.trim();
  const colon = t.indexOf(':');
  if (colon > 0 && colon <= 160) return t.slice(0, colon).trim();
  if (t.length <= 200) return t.replace(/[.;]$/, '');
  const stop = t.search(/[.;](\s|$)/);
  return (stop > 0 && stop < 200 ? t.slice(0, stop) : `${t.slice(0, 200).replace(/\s+\S*$/, '')}…`).trim();
}

function makeSection(
  doc: PlanDocument,
  lines: readonly Line[],
  s: { id: string; label: string; level: number; heading: string; kind: SectionKind; parent?: string; startLine: number; endLine: number; headingEnd: number; confidence: number },
): Section {
  let end = Math.max(s.startLine, s.endLine);
  while (end > s.startLine && lines[end - 1].text.trim() === '') end--;
  return {
    id: s.id,
    label: s.label,
    level: s.level,
    heading: s.heading.replace(/\s+/g, ' ').replace(/[:\s]+$/, '').trim(),
    kind: s.kind,
    ...(s.parent ? { parent: s.parent } : {}),
    span: spanOfLines(doc, s.startLine, end),
    headingSpan: spanOfLines(doc, s.startLine, Math.min(s.headingEnd, end)),
    confidence: s.confidence,
  };
}

interface AppendixHead {
  line: number;
  label: string;
  heading: string;
  headingEnd: number;
}

/** "PHỤ LỤC" / "Phụ lục I" / "PHỤ LỤC 01: …" lines standing alone, after the body. */
/** True when a "(Kèm theo …)" line or a tab-separated table row comes within the next few lines. */
function appendixFollows(lines: readonly Line[], i: number): boolean {
  for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
    const t = lines[j].text.trim();
    if (t.startsWith('(') && foldLoose(t).startsWith('kem theo')) return true;
    if (t.split('\t').length >= 3) return true;
  }
  return false;
}

function findAppendices(lines: readonly Line[], after: number): AppendixHead[] {
  const out: AppendixHead[] = [];
  for (let i = after; i < lines.length; i++) {
    const raw = lines[i].text.replace(/\*\*/g, '').trim();
    if (!raw || raw.length > 160) continue;
    const loose = foldLoose(raw);
    const firstTwo = loose.split(' ').slice(0, 2).join(' ');
    // OCR damages the short capital heading easily ("PHÙ TÙU"): a near miss counts when an appendix
    // really follows — a "(Kèm theo …)" line or a table within the next lines.
    const exact = findPhrase(firstTwo, 'phu luc') === 0;
    if (!exact && !(isCaps(raw) && editDistance(firstTwo, 'phu luc') <= 2 && appendixFollows(lines, i))) continue;
    if (!isCaps(raw.split(/[:.]/)[0]) && !/^Phụ lục\s+([IVX\d]+|số)/i.test(raw)) continue;
    const m = /^(\S+\s+\S+(?:\s+(?:[IVXL]+|\d{1,2}|số\s*\d+))?)\s*[:.\-–]?\s*(.*)$/.exec(raw);
    const label = (m?.[1] ?? raw).trim();
    let heading = (m?.[2] ?? '').trim();
    let headingEnd = lines[i].index;
    if (!heading) {
      // The heading is the next lines up to a blank line or the "(Kèm theo …)" line.
      const parts: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j].text.trim() === '' && j < i + 3) j++;
      // A capital line is still heading even when OCR split it with tabs; a table's header row is not capitals.
      while (j < lines.length && lines[j].text.trim() !== '' && !/^\s*\(/.test(lines[j].text) && (!/\t/.test(lines[j].text) || isCaps(lines[j].text)) && parts.length < 4) {
        parts.push(lines[j].text.trim().replace(/\s*\t\s*/g, ' '));
        headingEnd = lines[j].index;
        j++;
      }
      heading = parts.join(' ');
    }
    out.push({ line: lines[i].index, label, heading: heading || label, headingEnd });
  }
  return out;
}

/**
 * The segment stage: fills `doc.sections` and warns when the plan has no objectives or no sections.
 *
 * @example
 * const doc2 = await segmentStage()(doc, {}); doc2.sections[1].kind // 'objectives'
 */
export function segmentStage(_options: Record<string, unknown> = {}): Stage {
  return async (doc) => {
    const out: PlanDocument = { ...doc, warnings: [...doc.warnings] };
    out.sections = segmentDocument(out);
    const top = out.sections.filter((s) => s.level === 1);
    if (top.length === 0) warn(out, 'Không tìm thấy mục nào (I, II, III…)', { ruleId: 'segment:no-sections' });
    else if (!out.sections.some((s) => s.kind === 'objectives')) warn(out, 'Không tìm thấy mục "Mục tiêu"', { ruleId: 'segment:no-objectives' });
    const body = top.filter((s) => s.kind !== 'appendix');
    const romans = body.map((s) => parseOcrRoman(s.label, true));
    romans.forEach((n, i) => {
      // Misnumbered: not one more than the heading before it ("II." printed twice).
      const prev = i === 0 ? 0 : romans[i - 1];
      if (n !== undefined && prev !== undefined && n !== prev + 1) {
        const s = body[i];
        warn(out, `Mục "${s.label}. ${s.heading}" được đánh số lệch (vị trí ${toRoman(i + 1)})`, { ruleId: 'segment:misnumbered', span: s.headingSpan ?? s.span, severity: 'info' });
      }
    });
    return out;
  };
}
