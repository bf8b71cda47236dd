import { allLines, spanOfLines } from '../document/index.js';
import type { Metric, PlanDocument, Section, Target } from '../schema/index.js';
import { findPhrase, fold, foldLoose } from '../text/fold.js';
import { paragraphs, type Paragraph } from '../text/paragraphs.js';
import { findFigures } from './figures.js';

const BULLET = /^\s*(?:[-–—+•*·▪]|\(\d{1,2}\)|\d{1,2}\)|[a-zđ]\))\s*/;

/**
 * The horizon year a heading or a bullet opens with: "Mục tiêu đến năm 2025", "Đến năm 2030:",
 * "giai đoạn 2021 - 2025" (the end year), "Định hướng đến năm 2030".
 *
 * @example
 * horizonOf('1. Mục tiêu đến năm 2025:') // 2025
 */
export function horizonOf(text: string): number | undefined {
  const f = fold(text);
  let m = /(?:den|toi|trong|den het|cuoi|truoc)\s+(?:nam\s+|n\S{1,2}m\s+)?(20\d\d|19\d\d)/.exec(f);
  if (m) return +m[1];
  m = /giai doan\s+(?:20\d\d)\s*[-–]\s*(20\d\d)/.exec(f);
  if (m) return +m[1];
  m = /^(?:\s*(?:\d{1,2}[.)]|[a-z]\)|[-+])?\s*)?nam\s+(20\d\d)/.exec(f);
  if (m) return +m[1];
  return undefined;
}

/** A bullet that only opens a horizon ("- Đến năm 2025:"), not a target itself. */
function isHorizonMarker(text: string): boolean {
  const body = text.replace(BULLET, '').trim();
  return body.length <= 60 && horizonOf(body) !== undefined && (/:$/.test(body) || !/\d+\s*%/.test(body)) && findFigures(body).length === 0 && /^(?:phấn đấu\s+)?(?:đến|tới|trong|giai đoạn|năm|den|toi|trong|giai doan|nam)\b/i.test(fold(body));
}

/** A sub-heading that holds targets rather than being one: names a horizon or an aim, ends with ":", or has bullets under it. */
function isContainer(text: string, hasBullets: boolean): boolean {
  const body = text.replace(/^\s*(?:\d{1,2}\s*[.)]|[a-zđ]\s*\))\s*/, '').trim();
  if (hasBullets || /:$/.test(body)) return true;
  if (findFigures(body).length > 0) return false;
  const loose = foldLoose(body).split(' ').slice(0, 4).join(' ');
  if (['muc tieu', 'chi tieu', 'dinh huong', 'tam nhin', 'quan diem', 'den nam', 'giai doan', 'nhiem vu'].some((k) => findPhrase(loose, k) === 0)) return true;
  return body.length < 40 && findFigures(body).length === 0;
}

/** Sub-sections whose text is a general aim, not measurable targets ("Mục tiêu chung", "Quan điểm"). */
function isGeneralAim(heading: string): boolean {
  const loose = foldLoose(heading).split(' ').slice(0, 4).join(' ');
  return ['muc tieu chung', 'muc tieu tong quat', 'quan diem', 'muc tieu tong the'].some((p) => findPhrase(loose, p) === 0);
}

/**
 * The indicator phrase of a target: its text without figures, comparators, horizon or asides.
 *
 * @example
 * subjectOf('67% cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số', [{ start: 0, end: 3 }]) // 'cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số'
 */
export function subjectOf(text: string, metrics: { start: number; end: number; unit?: string }[]): string {
  let s = '';
  let at = 0;
  for (const m of [...metrics].sort((a, b) => a.start - b.start)) {
    s += `${text.slice(at, m.start)} `;
    // A counted noun that opens the sentence is its subject ("Ít nhất một cơ quan báo chí…" → "cơ quan
    // báo chí…"); elsewhere it is the unit of the figure ("đạt 75 tuổi") and goes with it.
    const keepsNoun = m.unit && m.unit !== '%' && m.start === 0 && text.slice(m.start, m.end).endsWith(m.unit);
    at = keepsNoun ? m.end - m.unit!.length : m.end;
  }
  s += text.slice(at);
  s = s
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^\s*(?:phấn đấu|phan dau)\s*/i, '')
    .replace(/^\s*(?:đến|tới|den|toi)\s+(?:năm|nam)\s+\d{4}\s*,?\s*/i, '')
    .replace(/\s+([,.;])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const semi = s.indexOf(';');
  if (semi > 20) s = s.slice(0, semi);
  s = s.replace(/(^|\s)\/\s*\p{L}+/gu, '$1').replace(/\s+(?:đạt|chiếm|là)(?=\s*[,;])/gu, '').replace(/\s+([,.;])/g, '$1').replace(/\s+/g, ' ');
  s = s.replace(/^[,;:\-\s]+|[,;:.\s]+$/g, '').trim();
  // The verb that led to the removed figure ("… đạt", "… chiếm") closes nothing.
  for (let i = 0; i < 3; i++) s = s.replace(/\s+(?:đạt|chiếm|là|ở mức|khoảng|tăng|giảm|còn|đạt mức|dat|chiem|la)$/iu, '').replace(/[,;:.\s]+$/, '');
  return s;
}

/**
 * Extracts targets: every bullet (or numbered item) of the objectives sections, and of "Chỉ tiêu"
 * sub-sections elsewhere, with its horizon, figures and subject. "Mục tiêu chung" paragraphs are aims,
 * not targets; horizon-only bullets ("- Đến năm 2025:") set the horizon of the bullets under them.
 *
 * @example
 * extractTargets(doc)[0] // { horizon: 2025, text: '67% cơ quan báo chí tỉnh…', metrics: [{ value: 67, unit: '%', … }] }
 */
export function extractTargets(doc: PlanDocument): Target[] {
  const lines = allLines(doc);
  const byId = new Map(doc.sections.map((s) => [s.id, s]));
  const roots = doc.sections.filter((s) => s.kind === 'objectives' && (!s.parent || byId.get(s.parent)?.kind !== 'objectives'));
  const out: Target[] = [];
  const titleHorizon = doc.document?.title ? horizonOf(doc.document.title) : undefined;
  for (const root of roots) {
    const inside = doc.sections.filter((s) => isWithin(s, root, byId));
    const region = paragraphs(lines.slice(root.span.startLine - 1, root.span.endLine));
    let horizon = horizonOf(root.heading);
    let markerHorizon: number | undefined;
    let sectionOf: Section = root;
    for (const p of region) {
      const heading = inside.find((s) => s.span.startLine === p.startLine);
      if (heading) {
        sectionOf = heading;
        markerHorizon = undefined;
        // A numbered item that is itself a target ("1. 100% xã có trạm y tế đạt chuẩn.") rather than a
        // sub-heading ("1. Mục tiêu đến năm 2025:") is read as a bullet.
        const hasChildren = inside.some((c) => c.parent === heading.id);
        if (hasChildren || isContainer(p.text, lines.slice(heading.span.startLine, heading.span.endLine).some((l) => BULLET.test(l.text)))) {
          horizon = horizonChain(heading, byId, root) ?? horizonOf(root.heading);
          continue;
        }
        horizon = horizonChain(byId.get(heading.parent ?? '') ?? root, byId, root) ?? horizonOf(root.heading);
      }
      if (p.startLine === root.span.startLine) continue;
      if (chainHas(sectionOf, byId, root, isGeneralAim)) continue;
      // The tasks part of a mixed "MỤC TIÊU, NHIỆM VỤ" section holds no targets.
      if (sectionOf.kind !== 'objectives') continue;
      if (isHorizonMarker(p.text)) {
        markerHorizon = horizonOf(p.text);
        continue;
      }
      const marked = BULLET.test(p.text) || Boolean(heading);
      const text = p.text.replace(BULLET, '').replace(/^\s*\d{1,2}\s*[.)]\s*/, '').replace(/\*\*/g, '').trim();
      if (!text) continue;
      const figures = findFigures(text);
      if (!marked && figures.length === 0) continue;
      if (/:$/.test(text) && figures.length === 0) continue;
      const own = /^(?:phấn đấu\s+)?(?:đến|tới|trong)\s+năm\s+\d{4}/i.test(text) || /^(?:phan dau\s+)?(?:den|toi|trong)\s+nam\s+\d{4}/.test(fold(text)) ? horizonOf(text) : undefined;
      const metrics: Metric[] = figures.map((f) => ({ value: f.value, ...(f.max !== undefined ? { max: f.max } : {}), unit: f.unit, comparator: f.comparator, raw: f.raw }));
      const h = own ?? markerHorizon ?? horizon ?? titleHorizon;
      out.push({
        id: `t${out.length + 1}`,
        ...(h !== undefined ? { horizon: h } : {}),
        text,
        subject: subjectOf(text, figures),
        metrics,
        section: sectionOf.id,
        span: spanOfLines(doc, p.startLine, p.endLine),
        confidence: confidenceOf(p, figures.length > 0),
      });
    }
  }
  return out;
}

function confidenceOf(p: Paragraph, hasFigures: boolean): number {
  const ocr = p.lines.map((l) => l.ocrConfidence).filter((c): c is number => c !== undefined);
  const base = hasFigures ? 0.9 : 0.8;
  return ocr.length ? Math.min(base, ocr.reduce((a, b) => a + b, 0) / ocr.length / 100) : base;
}

function isWithin(s: Section, root: Section, byId: Map<string, Section>): boolean {
  let cur: Section | undefined = s;
  while (cur) {
    if (cur.id === root.id) return s.id !== root.id;
    cur = cur.parent ? byId.get(cur.parent) : undefined;
  }
  return false;
}

function chainHas(s: Section, byId: Map<string, Section>, root: Section, pred: (h: string) => boolean): boolean {
  let cur: Section | undefined = s;
  while (cur && cur.id !== root.id) {
    if (pred(cur.heading)) return true;
    cur = cur.parent ? byId.get(cur.parent) : undefined;
  }
  return false;
}

function horizonChain(s: Section, byId: Map<string, Section>, root: Section): number | undefined {
  let cur: Section | undefined = s;
  while (cur) {
    const h = horizonOf(cur.heading);
    if (h !== undefined) return h;
    if (cur.id === root.id) break;
    cur = cur.parent ? byId.get(cur.parent) : undefined;
  }
  return undefined;
}
