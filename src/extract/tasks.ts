import { allLines, spanOfLines, warn } from '../document/index.js';
import type { Line, PlanDocument, Section, Task, Timeframe } from '../schema/index.js';
import { findPhrase, fold, foldLoose } from '../text/fold.js';
import { paragraphs, type Paragraph } from '../text/paragraphs.js';
import { BodyCollector, isCatchAll as isCatchAllName, isCleanMode, looksLikeBody, splitBodyList } from './bodies.js';

/**
 * What a "label: value" line under a task gives.
 *
 * @example
 * parseField('- Đơn vị phối hợp: Sở Tư pháp')?.kind // 'coordinate'
 */
export type FieldKind = 'lead' | 'coordinate' | 'timeframe' | 'output';

/**
 * Reads a field line under a task: "Đơn vị chủ trì thực hiện: …" (lead), "Đơn vị phối hợp: …"
 * (coordinate), "Thời gian thực hiện: …", "Sản phẩm: …"; OCR-tolerant ("Pon vi phéi hop:").
 *
 * @example
 * parseField('- Đơn vị phối hợp: Sở Tư pháp.') // { kind: 'coordinate', value: 'Sở Tư pháp.', valueAt: 20 }
 */
export function parseField(text: string): { kind: FieldKind; value: string; valueAt: number; label: string } | undefined {
  const m = /^(\s*(?:[-+•*]\s*)?)([^:]{3,48}):\s*/.exec(text);
  if (!m) return undefined;
  const label = foldLoose(m[2]);
  const words = label.split(' ');
  if (words.length > 7) return undefined;
  const opener = ['don vi', 'co quan', 'chu tri', 'phoi hop', 'thoi gian', 'tien do', 'san pham', 'ket qua', 'trach nhiem', 'thuc hien', 'dau moi', 'thoi han'].some(
    (p) => findPhrase(words.slice(0, 2).join(' '), p) === 0,
  );
  if (!opener) return undefined;
  const value = text.slice(m[0].length);
  const valueAt = m[0].length;
  const rawLabel = m[2];
  const has = (p: string) => findPhrase(label, p) >= 0;
  if (has('phoi hop')) return { kind: 'coordinate', value, valueAt, label: rawLabel };
  if (has('chu tri') || has('thuc hien') && (has('don vi') || has('co quan')) || has('dau moi')) return { kind: 'lead', value, valueAt, label: rawLabel };
  if (has('thoi gian') || has('tien do') || has('thoi han')) return { kind: 'timeframe', value, valueAt, label: rawLabel };
  if (has('san pham') || has('ket qua')) return { kind: 'output', value, valueAt, label: rawLabel };
  return undefined;
}

/**
 * Reads every field of a line: one per line usually, or several in one parenthesised line
 * "(Cơ quan chủ trì: Sở TT&TT; cơ quan phối hợp: Sở Xây dựng; thời gian thực hiện: 2024 - 2025)".
 * A ";" that does not open a new label belongs to the value (body lists use it).
 *
 * @example
 * parseFields('(Cơ quan chủ trì: Sở Công Thương; thời gian thực hiện: hằng năm)').map((f) => f.kind) // ['lead', 'timeframe']
 */
export function parseFields(text: string): { kind: FieldKind; value: string; label?: string }[] {
  const t = text.trim().replace(/^[-+•]\s*/, '').replace(/^\((.*)\)[.;]?$/s, '$1');
  const out: { kind: FieldKind; value: string; label?: string }[] = [];
  for (const seg of t.split(';')) {
    const f = parseField(seg);
    if (f) out.push({ kind: f.kind, value: f.value, label: f.label });
    else if (out.length) out[out.length - 1].value += `;${seg}`;
    else return [];
  }
  return out;
}

/**
 * Reads when a task runs: "2023 - 2025" → from 2023 to 2025; "Năm 2024 và những năm tiếp theo" → from
 * 2024; "Thường xuyên" → the text only.
 *
 * @example
 * parseTimeframe('2022-2025') // { from: 2022, to: 2025, text: '2022-2025' }
 */
export function parseTimeframe(text: string, completion = false): Timeframe {
  const t = text.trim().replace(/[.;]+$/, '');
  const years = [...t.matchAll(/(?<!\d)(19\d\d|20\d\d)(?!\d)/g)].map((m) => +m[1]);
  const tf: Timeframe = { text: t };
  // A range whose first year OCR garbled ("7023- 2025"): only the end is known.
  const broken = /(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)/.exec(t);
  if (broken && years.length === 1 && !/^(?:19|20)\d\d$/.test(broken[1])) {
    tf.to = years[0];
    return tf;
  }
  if (years.length >= 2) {
    tf.from = Math.min(...years);
    tf.to = Math.max(...years);
  } else if (years.length === 1) {
    // A completion date ("Thời gian hoàn thành: Quý IV/2024") bounds the end only.
    if (!completion) tf.from = years[0];
    if (!/tiep theo|tro di|hang nam|cac nam/.test(fold(t))) tf.to = years[0];
  }
  return tf;
}

/** True for a time label or column that gives a deadline ("Thời gian hoàn thành", "Thời hạn"). */
function isCompletion(label: string): boolean {
  const loose = foldLoose(label);
  return findPhrase(loose, 'hoan thanh') >= 0 || findPhrase(loose, 'thoi han') >= 0;
}

function sectionsUnder(doc: PlanDocument, root: Section): Section[] {
  const byId = new Map(doc.sections.map((s) => [s.id, s]));
  return doc.sections.filter((s) => {
    let cur: Section | undefined = s;
    while (cur?.parent) {
      if (cur.parent === root.id) return true;
      cur = byId.get(cur.parent);
    }
    return false;
  });
}

/**
 * Tasks of the tasks sections: one per innermost numbered or lettered item, with the bodies named by its
 * "Đơn vị chủ trì / phối hợp" lines, its timeframe and output.
 *
 * @example
 * tasksFromSections(doc, bodies)[0] // { title: 'Công khai thông tin', lead: ['b1', 'b2'], coordinate: ['b4'], timeframe: { text: 'Hằng năm' }, … }
 */
export function tasksFromSections(doc: PlanDocument, bodies: BodyCollector): Task[] {
  const lines = allLines(doc);
  const out: Task[] = [];
  for (const root of doc.sections.filter((s) => s.level === 1 && s.kind === 'tasks')) {
    const under = sectionsUnder(doc, root);
    const leaves = under.filter((s) => s.kind === 'tasks' && !under.some((c) => c.parent === s.id));
    const units: { title: string; section?: Section; paras: Paragraph[]; startLine: number; endLine: number }[] = [];
    if (leaves.length) {
      for (const s of leaves) {
        units.push({ title: s.heading, section: s, paras: paragraphs(lines.slice(s.span.startLine - 1, s.span.endLine)).slice(1), startLine: s.span.startLine, endLine: s.span.endLine });
      }
    } else {
      // A tasks section with plain bullets: each bullet is a task.
      for (const p of paragraphs(lines.slice(root.span.startLine, root.span.endLine))) {
        if (!/^\s*[-+•]/.test(p.text) || parseField(p.text)) continue;
        units.push({ title: p.text.replace(/^\s*[-+•]\s*/, ''), section: root, paras: [], startLine: p.startLine, endLine: p.endLine });
      }
    }
    for (const u of units) {
      const task: Task = {
        id: `k${out.length + 1}`,
        title: u.title.replace(/[.;:]$/, ''),
        lead: [],
        coordinate: [],
        ...(u.section ? { section: u.section.id } : {}),
        origin: 'section',
        span: spanOfLines(doc, u.startLine, u.endLine),
        confidence: 0.85,
      };
      for (const p of u.paras) {
        const fields = parseFields(p.text);
        for (const f of fields) applyField(doc, task, f, p, bodies);
        if (fields.length) continue;
        // Assignments written as prose: "Giao Sở X chủ trì, phối hợp với Y tổ chức. Thời gian: …".
        const prose = proseAssignment(p.text);
        if (prose.lead) applyField(doc, task, { kind: 'lead', value: prose.lead }, p, bodies);
        if (prose.coordinate) applyField(doc, task, { kind: 'coordinate', value: prose.coordinate }, p, bodies);
        if (prose.timeframe && !task.timeframe) task.timeframe = parseTimeframe(prose.timeframe, isCompletion(prose.timeframeLabel ?? ''));
      }
      out.push(task);
    }
  }
  return out;
}

function applyField(doc: PlanDocument, task: Task, f: { kind: FieldKind; value: string; label?: string }, p: Paragraph | { startLine: number; endLine: number }, bodies: BodyCollector): void {
  const span = spanOfLines(doc, p.startLine, p.endLine);
  if (f.kind === 'lead' || f.kind === 'coordinate') {
    for (const piece of splitBodyList(f.value)) {
      const id = bodies.add(piece.name, f.kind, span, [], piece.alias);
      const list = f.kind === 'lead' ? task.lead : task.coordinate;
      if (!list.includes(id)) list.push(id);
    }
  } else if (f.kind === 'timeframe') {
    task.timeframe = parseTimeframe(f.value, f.label ? isCompletion(f.label) : false);
  } else if (f.value.trim()) {
    task.output = f.value.trim().replace(/^[-+•]\s*/, '');
  }
}

/**
 * Bodies of "Tổ chức thực hiện": each numbered item names one or more bodies (all leads) and their
 * duties; each duty becomes a task of origin `implementation`.
 *
 * @example
 * tasksFromImplementation(doc, bodies)[0] // { title: 'Bố trí kinh phí thường xuyên…', lead: ['b5'], origin: 'implementation', … }
 */
export function tasksFromImplementation(doc: PlanDocument, bodies: BodyCollector): Task[] {
  const lines = allLines(doc);
  const out: Task[] = [];
  for (const root of doc.sections.filter((s) => s.level === 1 && s.kind === 'implementation')) {
    // Items naming bodies: the numbered items, or, under an item that names none ("1. Trách nhiệm
    // của các sở, ngành"), its lettered sub-items ("a) Sở Y tế").
    const items: Section[] = [];
    const visit = (parentId: string) => {
      const namesBody = (x: Section) => looksLikeBody(cutAtDuty(x.heading.split(':')[0]).split(';')[0]);
      for (const s of doc.sections.filter((x) => x.parent === parentId)) {
        const children = doc.sections.filter((x) => x.parent === s.id);
        if (children.some(namesBody)) visit(s.id);
        else items.push(s);
      }
    };
    visit(root.id);
    for (const item of items) {
      const paras = paragraphs(lines.slice(item.span.startLine - 1, item.span.endLine));
      const head = paras[0];
      if (!head) continue;
      const headText = head.text.replace(/^\s*\**\s*(?:\d{1,2}\s*[.)]|[a-zđ]\s*\))\s*/, '');
      let colon = headText.indexOf(':');
      // "Các sở: Sở Tài chính, Sở Kế hoạch và Đầu tư": the colon opens the list, not the duties.
      if (colon > 0 && /^\s*(?:các|cac)\s+\S+\s*$/i.test(headText.slice(0, colon)) && looksLikeBody(headText.slice(colon + 1).trim())) {
        const next = headText.indexOf(':', colon + 1);
        colon = next;
      }
      const namePart = cutAtDuty(colon > 0 && colon < 200 ? headText.slice(0, colon) : headText);
      if (!looksLikeBody(namePart.split(';')[0])) continue;
      const duties: string[] = [];
      if (colon > 0 && headText.slice(colon + 1).trim()) duties.push(headText.slice(colon + 1).trim());
      else if (namePart.length < headText.length - 3) duties.push(headText.slice(namePart.length).trim());
      for (const p of paras.slice(1)) {
        // The closing paragraph of the section ("Trong quá trình thực hiện…") is nobody's duty.
        if (/^(?:trong qua trinh|tren day|de nghi cac|yeu cau cac|thu truong cac)/.test(fold(p.text))) break;
        duties.push(p.text.replace(/^\s*[-+•]\s*/, ''));
      }
      const span = spanOfLines(doc, head.startLine, head.endLine);
      const ids: string[] = [];
      for (const piece of splitBodyList(namePart)) {
        const id = bodies.add(piece.name, 'lead', span, duties, piece.alias);
        if (!ids.includes(id)) ids.push(id);
      }
      if (!ids.length) continue;
      // "Chủ trì, phối hợp với Sở Công Thương …": a body named as partner in a duty coordinates.
      for (const d of duties) {
        for (const name of partnersIn(d)) bodies.add(name, 'coordinate', span);
      }
      for (const d of duties) {
        out.push({
          id: '',
          title: d.length > 300 ? `${d.slice(0, 300).replace(/\s+\S*$/, '')}…` : d,
          lead: ids,
          coordinate: [],
          section: item.id,
          origin: 'implementation',
          span: item.span,
          confidence: 0.7,
        });
      }
    }
  }
  return out;
}

// Verbs that end a body list in an assignment, matched on folded text so OCR without marks works too.
const ACTION_WORDS = [
  'tổ chức', 'thực hiện', 'triển khai', 'xây dựng', 'tham mưu', 'hướng dẫn', 'theo dõi', 'rà soát', 'kiểm tra', 'đánh giá', 'mở', 'đăng',
  'đăng tải', 'tuyên truyền', 'phát động', 'chuẩn bị', 'bố trí', 'cung cấp', 'vận động', 'phổ biến', 'biên soạn', 'ban hành', 'báo cáo',
  'tổng hợp', 'quản lý', 'hỗ trợ', 'nghiên cứu', 'đề xuất', 'lựa chọn', 'phát hành', 'sản xuất', 'duy trì', 'nâng cấp', 'cập nhật',
  'phối hợp', 'chủ động', 'đẩy mạnh', 'tăng cường', 'thiết kế', 'vận hành', 'giám sát', 'thẩm định', 'nhân rộng', 'xử lý',
  'đấu tranh', 'bảo đảm', 'đảm bảo', 'trong', 'để', 'kịp thời', 'thường xuyên',
].map((w) => fold(w));

/**
 * A folded phrase as a pattern whose vowels may be any OCR reading of a vowel ("chu tri" also matches
 * "cha tri", "phoi hop" also "phdi hop"): one-syllable words stay exact, they are too easy to confuse.
 */
function skeleton(phrase: string): string {
  if (!phrase.includes(' ')) return phrase;
  return phrase.replace(/[aeiouy]+/g, '[aeiouydb0-9¢€&@]{1,3}');
}
const ACTION = `(?:${ACTION_WORDS.map(skeleton).join('|')})(?![a-z0-9])`;
const CHU = skeleton('chu tri');
const PHOI_HOP_VOI = `${skeleton('phoi hop')}(?:\\s+${skeleton('chat che')})?\\s+v[aeiouydb0-9¢€&@]{1,3}`;
const CHU_TRI = new RegExp(String.raw`^(?:\s*[-+•]\s*)?(?:(?:giao|${skeleton('de nghi')})\s+)?(.{3,200}?)\s+(?:lam dau moi\s+)?${CHU}(?![a-z0-9])\s*,?\s*(?:(?:va\s+)?${PHOI_HOP_VOI}\s+(.+?)(?=\s+${ACTION}|[.;(]|$))?`, 'd');
const SUBJECT_VERB = new RegExp(String.raw`^(.{3,200}?)\s+${ACTION}`, 'd');

/** Runs a regex on the folded text (same length) and returns the groups cut from the original. */
function execFolded(re: RegExp, text: string): (string | undefined)[] | undefined {
  const m = re.exec(fold(text)) as (RegExpExecArray & { indices?: ([number, number] | undefined)[] }) | null;
  if (!m || !m.indices) return undefined;
  return m.indices.map((r) => (r ? text.slice(r[0], r[1]) : undefined));
}

/**
 * Reads an assignment written as prose in a task: "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp
 * với Văn phòng Ủy ban nhân dân tỉnh tổ chức. Thời gian: sáng ngày 10/10/2024." An unbulleted sentence
 * that opens with bodies and a verb ("Báo Thái Bình, Đài … mở chuyên mục…") names leads too.
 *
 * @example
 * proseAssignment('Tỉnh đoàn chủ trì, phối hợp với Sở Giáo dục và Đào tạo xây dựng thể lệ.')
 * // { lead: 'Tỉnh đoàn', coordinate: 'Sở Giáo dục và Đào tạo' }
 */
export function proseAssignment(text: string): { lead?: string; coordinate?: string; timeframe?: string; timeframeLabel?: string } {
  const out: { lead?: string; coordinate?: string; timeframe?: string; timeframeLabel?: string } = {};
  let t = text.trim();
  const TG = `${skeleton('thoi gian')}(?:\\s+(?:${skeleton('thuc hien')}|${skeleton('hoan thanh')}))?|${skeleton('thoi han')}(?:\\s+${skeleton('hoan thanh')})?`;
  const tm = new RegExp(`(?:^|[.;]\\s*)(${TG})\\s*:\\s*(.+?)\\.?\\s*$`, 'd').exec(fold(t)) as (RegExpExecArray & { indices: [number, number][] }) | null;
  if (tm) {
    out.timeframe = t.slice(tm.indices[2][0], tm.indices[2][1]);
    if (/h[a-z0-9¢€&@]{1,3}n th[a-z0-9¢€&@]{1,3}nh|h[a-z0-9¢€&@]{1,2}n$/.test(tm[1])) out.timeframeLabel = t.slice(tm.indices[1][0], tm.indices[1][1]);
    t = t.slice(0, tm.index).trim();
  }
  for (const sentence of t.split(/(?<=[.;])\s+(?=\p{Lu})/u)) {
    const m = execFolded(CHU_TRI, sentence);
    if (m && m[1]) {
      const leads = splitBodyList(m[1]).filter((p) => looksLikeBody(p.name));
      if (leads.length && leads.length === splitBodyList(m[1]!).length) {
        out.lead = [out.lead, m[1]].filter(Boolean).join('; ');
        if (m[2]) out.coordinate = [out.coordinate, m[2]].filter(Boolean).join('; ');
      }
      continue;
    }
    // Subject-verb sentences only in clean text, and only with proper names ("Báo Thái Bình, Đài …"):
    // damaged text turns too many words into look-alike heads.
    if (/^\s*[-+•]/.test(sentence) || !isCleanMode()) continue;
    const sv = execFolded(SUBJECT_VERB, sentence);
    // The verb is written in lower case: "Cổng Thông tin…" is a name, "mở chuyên mục" a verb.
    if (sv && sv[1] && /^\p{Ll}/u.test(sentence.slice(sv[1].length).trim())) {
      const pieces = splitBodyList(sv[1]);
      const proper = (n: string) => /^\p{Lu}\p{Ll}*\s+\p{Lu}/u.test(n) && !/[()\d]/.test(n);
      if (pieces.length && pieces.every((p) => looksLikeBody(p.name) && proper(p.name))) out.lead = [out.lead, sv[1]].filter(Boolean).join('; ');
    }
  }
  return out;
}

const PARTNER = new RegExp(String.raw`${PHOI_HOP_VOI}\s+(.+?)(?=\s+${ACTION}|[;:.(]|$)`, 'gd');

/**
 * Specific bodies a duty names as partners ("phối hợp với Sở Công Thương xây dựng…"); groups and
 * catch-alls ("các đơn vị liên quan") are left out.
 *
 * @example
 * partnersIn('Chủ trì, phối hợp với Sở Công Thương xây dựng mô hình') // ['Sở Công Thương']
 */
export function partnersIn(duty: string): string[] {
  const out: string[] = [];
  PARTNER.lastIndex = 0;
  const folded = fold(duty);
  let m: (RegExpExecArray & { indices?: [number, number][] }) | null;
  while ((m = PARTNER.exec(folded) as typeof m)) {
    const [a, b] = m.indices![1];
    for (const p of splitBodyList(duty.slice(a, b))) {
      if (/^(?:các|cac|những)\s/i.test(p.name) || !looksLikeBody(p.name) || p.name.split(/\s+/).length > 12) continue;
      out.push(p.name);
    }
  }
  return out;
}

const DUTY_VERBS = /\s(?:chủ trì|phối hợp|căn cứ|có trách nhiệm|chịu trách nhiệm|triển khai|xây dựng|theo dõi|hướng dẫn|tham mưu|bố trí|thực hiện|chỉ đạo|chủ động|tăng cường|quan tâm|đảm bảo|bảo đảm)(?![\p{L}\p{N}])/iu;

/** Cuts "Các sở, ban, ngành căn cứ chức năng…" to the body's name when the item has no colon. */
function cutAtDuty(text: string): string {
  const t = text.trim();
  if (t.split(/\s+/).length <= 14) return t.replace(/[.;]$/, '');
  const m = DUTY_VERBS.exec(t);
  return (m && m.index > 3 ? t.slice(0, m.index) : t).trim();
}

const COLUMN_RULES: [keyof Columns, string[]][] = [
  ['lead', ['chu tri']],
  ['coordinate', ['phoi hop']],
  ['timeframe', ['thoi gian', 'tien do', 'thoi han']],
  ['output', ['san pham', 'ket qua']],
  ['title', ['nhiem vu', 'noi dung', 'ten nhiem vu', 'giai phap', 'hoat dong', 'ten de an', 'du an']],
  ['number', ['tt', 'stt']],
];

interface Columns {
  number?: number;
  title?: number;
  lead?: number;
  coordinate?: number;
  output?: number;
  timeframe?: number;
}

function readHeader(cells: string[]): Columns | undefined {
  const cols: Columns = {};
  cells.forEach((c, i) => {
    const loose = foldLoose(c);
    for (const [key, phrases] of COLUMN_RULES) {
      if (cols[key] !== undefined) continue;
      if (phrases.some((p) => (p.length <= 3 ? loose === p : findPhrase(loose, p) >= 0))) {
        cols[key] = i;
        break;
      }
    }
  });
  return cols.lead !== undefined && cols.title !== undefined ? cols : undefined;
}

/**
 * Tasks of appendix tables (TT | Nhiệm vụ | Chủ trì | Phối hợp | Sản phẩm | Thời gian) written with tabs,
 * as text extraction gives them. Group rows (a title and no other cell) title the rows under them.
 *
 * @example
 * tasksFromTables(doc, bodies)[0] // { title: 'Phát triển các sản phẩm báo chí số…', lead: ['b1'], coordinate: ['b2'], timeframe: { from: 2022, to: 2025, … } }
 */
export function tasksFromTables(doc: PlanDocument, bodies: BodyCollector): Task[] {
  const lines = allLines(doc);
  const out: Task[] = [];
  for (const app of doc.sections.filter((s) => s.kind === 'appendix' || (s.level === 1 && s.kind === 'tasks'))) {
    const region = lines.slice(app.span.startLine - 1, app.span.endLine);
    let cols: Columns | undefined;
    let found = false;
    let completionColumn = false;
    for (const line of region) {
      if (!line.text.includes('\t') && !/\s{3,}\S+\s{3,}/.test(line.text)) continue;
      const cells = splitCells(line.text);
      if (!cols || (readHeader(cells) && cells.length >= 3)) {
        const h = readHeader(cells);
        if (h) {
          cols = h;
          found = true;
          completionColumn = h.timeframe !== undefined && isCompletion(cells[h.timeframe] ?? '');
          continue;
        }
      }
      if (!cols) continue;
      const get = (k: keyof Columns) => (cols![k] !== undefined ? (cells[cols![k]!] ?? '').trim() : '');
      const title = get('title');
      const leadText = get('lead');
      const coordText = get('coordinate');
      if (!title || (!leadText && !coordText && !get('output') && !get('timeframe'))) continue;
      const task: Task = { id: '', title, lead: [], coordinate: [], section: app.id, origin: 'appendix', span: spanOfLines(doc, line.index, line.index), confidence: 0.85 };
      const fake = { startLine: line.index, endLine: line.index };
      if (leadText) applyField(doc, task, { kind: 'lead', value: leadText }, fake, bodies);
      if (coordText) applyField(doc, task, { kind: 'coordinate', value: coordText }, fake, bodies);
      if (get('output')) task.output = get('output').replace(/^[-+•]\s*/, '');
      if (get('timeframe')) task.timeframe = parseTimeframe(get('timeframe'), completionColumn);
      out.push(task);
    }
    if (!found && app.kind === 'appendix') {
      const interleaved = tasksFromUntabbedTable(doc, region, app, bodies);
      if (interleaved.length) out.push(...interleaved);
      else if (region.some((l) => findPhrase(foldLoose(l.text), 'chu tri') >= 0)) warn(doc, `Không đọc được bảng trong ${app.label}`, { ruleId: 'extract:unreadable-table', span: app.span });
    }
  }
  return out;
}

function splitCells(text: string): string[] {
  return text.includes('\t') ? text.split('\t') : text.split(/\s{3,}/);
}

/**
 * Cuts the next cell off a body's name in a gridless row: a name is closed by "(có) liên quan" or by an
 * abbreviation ("Bộ TT&TT"), so a capitalised word after either starts the next cell ("… có liên quan
 * Xây dựng Kế hoạch hằng năm", "Bộ TT&TT Ứng dụng nền tảng số").
 *
 * @example
 * cutCellTail('Các đơn vị có liên quan Xây dựng Kế hoạch') // 'Các đơn vị có liên quan'
 */
export function cutCellTail(name: string): string {
  // Matched on the folded text, which keeps offsets; the capital is checked in the original.
  for (const m of fold(name).matchAll(/(?<![\p{L}&])(?:lien ?quan|\p{L}*&\p{L}+)(?=\s+\S)/gu)) {
    const end = m.index + m[0].length;
    if (/^\s+\p{Lu}\p{Ll}/u.test(name.slice(end))) return name.slice(0, end);
  }
  return name;
}

/** A timeframe cell of a table row: a year range, a year, a quarter, a month, "Thường xuyên", "Hằng năm", "Sau khi có…". */
const TIMEFRAME_CELL = /((?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|(?:Qu[ýy]\s+[IV]+\s*\/\s*|[Nn]ăm\s+|Nam\s+)?(?:19|20)\d\d|(?:Tháng|Thang)\s+\d{1,2}(?:\s*\/\s*(?:19|20)\d\d|\s+(?:hằng|hàng|hang)\s+(?:năm|nam))?(?![\d/])|Thường xuyên|Thuong xuyen|Hằng năm|Hàng năm|Hang nam|Hằng quý|Hàng quý|Định kỳ|(?:Sau khi|Khi) có\s)/u;

const HEADS_AT = ['Sở', 'Ban', 'Công an', 'Bộ Chỉ huy', 'Bộ', 'Ủy ban', 'UBND', 'HĐND', 'Báo', 'Đài', 'Tạp chí', 'Các', 'Cục', 'Chi cục', 'Văn phòng', 'Hội', 'Tỉnh đoàn', 'Liên đoàn', 'Liên minh', 'Bảo hiểm', 'Kho bạc', 'Ngân hàng', 'Trung tâm', 'Cổng'];
/** Where a body's name starts in a row: a head word, then a space and more. */
const HEAD_AT = new RegExp(`(?:^|[\\s;,])(?=(?:${HEADS_AT.join('|')})(?:\\s\\S|[;,]))`, 'gu');
/**
 * The same on folded text (lower case, no marks); the caller checks the capital in the original. "Cổng"
 * folds like "Công" (Sở Công Thương): only "Cổng thông tin" then. "Báo cáo" (a report) names no newspaper.
 */
const HEAD_AT_FOLDED = new RegExp(
  `(?:^|[\\s;,])(?=(?:${[...new Set(HEADS_AT.map((h) => (h === 'Cổng' ? 'cong thong' : fold(h))))].join('|')}|s&)(?:\\s\\S|[;,]))(?!bao cao)`,
  'gu',
);
/** Words that fold like a head word but are common nouns: "Sổ tay" is a handbook, not a "Sở". */
const NOT_HEADS = new Set(['sổ']);

/**
 * A table OCR'd without its grid: cells run together on lines and a row's cells wrap over several
 * lines, interleaved. Rows start with their number; within a row, bodies are found by their names
 * (first one named = lead, the others coordinate), the timeframe by its years or "Thường xuyên".
 */
function tasksFromUntabbedTable(doc: PlanDocument, region: Line[], app: Section, bodies: BodyCollector): Task[] {
  const header = region.findIndex((l) => findPhrase(foldLoose(l.text), 'chu tri') >= 0);
  if (header < 0) return [];
  // "Thời gian hoàn thành" in the header (which may wrap onto a second line): a year is a deadline.
  const completion = region.slice(header, header + 2).some((l) => isCompletion(l.text));
  const rows: Line[][] = [];
  const rowText = (row: Line[]) => row.map((l) => l.text.trim()).join(' ');
  for (const l of region.slice(header + 1)) {
    const t = l.text.trim();
    if (/^\s*\d{1,2}\s*[.)]?\s+\S/.test(l.text)) rows.push([l]);
    else if (rows.length && t) {
      // A row without a number (a second task under one TT): a capitalised line after a row that has
      // already given its timeframe. Kept only if it gives a timeframe of its own (below), so an output
      // cell wrapped onto its own line ("Nghị quyết của HĐND tỉnh") goes back to its row.
      const cur = rows[rows.length - 1];
      const prev = cur[cur.length - 1].text.trim();
      if (/^\p{Lu}/u.test(t) && !/[,;]$/.test(prev) && TIMEFRAME_CELL.test(rowText(cur))) rows.push([l]);
      else cur.push(l);
    }
  }
  for (let i = rows.length - 1; i > 0; i--) {
    if (!/^\s*\d/.test(rows[i][0].text) && !TIMEFRAME_CELL.test(rowText(rows[i]))) rows[i - 1].push(...rows.splice(i, 1)[0]);
  }
  const out: Task[] = [];
  for (const row of rows) {
    const text = rowText(row).replace(/^\d{1,2}\s*[.)]?\s+/, '');
    const tfm = TIMEFRAME_CELL.exec(text);
    // Bodies: each starts at a capitalised head word ("Sở", "Các", "UBND"…) and runs to the next one,
    // or to the timeframe; the text before the first is the task.
    const stop = tfm ? tfm.index : text.length;
    const heads: number[] = [];
    // Restored OCR keeps the letters of a head word but may misplace its marks ("Bổ đội" for "Bộ đội",
    // "Số KH&ĐT" for "Sở KH&ĐT"): match heads on the folded text then, still capitalised in the original.
    const clean = isCleanMode();
    const scan = clean ? text : fold(text);
    const headRe = clean ? HEAD_AT : HEAD_AT_FOLDED;
    headRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = headRe.exec(scan)) && m.index < stop) {
      const at = m.index + m[0].length;
      if (!clean && (!/\p{Lu}/u.test(text[at] ?? '') || NOT_HEADS.has(text.slice(at).split(/\s/)[0].toLowerCase()))) {
        headRe.lastIndex = m.index + Math.max(1, m[0].length);
        continue;
      }
      heads.push(m.index + (m[0].length ? m[0].length : 0));
      headRe.lastIndex = m.index + Math.max(1, m[0].length);
    }
    const found = heads
      .filter((h, i) => h > 0 && (i === 0 || h > heads[i - 1]))
      .map((h, i, all) => ({ name: cutCellTail(text.slice(h, i + 1 < all.length ? all[i + 1] : stop)).replace(/[\s;,.]+$/, '').trim(), at: h }))
      .filter((f) => f.name.split(/\s+/).length >= 2 && !isCatchAllName(f.name));
    if (!found.length) continue;
    const title = text.slice(0, found[0].at).trim();
    const task: Task = { id: '', title: title || text.slice(0, 120), lead: [], coordinate: [], section: app.id, origin: 'appendix', span: spanOfLines(doc, row[0].index, row[row.length - 1].index), confidence: 0.5 };
    const span = task.span;
    found.forEach((f, i) => {
      for (const piece of splitBodyList(f.name)) {
        const id = bodies.add(piece.name, i === 0 ? 'lead' : 'coordinate', span);
        const list = i === 0 ? task.lead : task.coordinate;
        if (!list.includes(id)) list.push(id);
      }
    });
    if (tfm) task.timeframe = parseTimeframe(tfm[1], completion);
    out.push(task);
  }
  return out;
}
