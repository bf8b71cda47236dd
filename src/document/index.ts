import type { Line, Message, Page, PageMethod, PlanDocument, Source, Span } from '../schema/index.js';
import { SCHEMA_NAME, SCHEMA_VERSION } from '../schema/index.js';

/** The text of one page as a reader or OCR produced it, before it joins the document. */
export interface PageText {
  method: PageMethod;
  text: string;
  ocrConfidence?: number;
  /** Per-line OCR confidences (0–100), aligned with the page's lines when known. */
  lineConfidences?: (number | undefined)[];
}

/**
 * Invisible formatting characters that PDF text layers and web pages put inside words: soft
 * hyphen, zero-width space, non-joiner and joiner, word joiner, and a BOM past the start. Left in,
 * they cut a word in two ("chí\u00ADnh" would be "chí" + "nh" to every later stage).
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Removes the characters of {@link INVISIBLE}.
 *
 * @example
 * withoutInvisibles('Sở Tài chí\u00ADnh') // 'Sở Tài chính'
 */
export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Normalizes text the way every span expects: NFC, `\n` line ends, no BOM, no NUL, no invisible
 * characters inside words (see INVISIBLE), and the Icelandic eth (Ð ð), which OCR and some fonts
 * put for the Vietnamese Đ đ it looks identical to, made Đ đ. NFC matters because "hoà" typed as
 * o + combining grave would otherwise never match "hoà".
 *
 * @example
 * normalizeText('Lâm \u0110o\u0302\u0300ng\r\n') // 'Lâm Đồng\n'
 * normalizeText('Sở LÐTB&XH') // 'Sở LĐTB&XH'
 */
export function normalizeText(text: string): string {
  return withoutInvisibles(text)
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .replace(/\u00D0/g, '\u0110')
    .replace(/\u00F0/g, '\u0111')
    .normalize('NFC');
}

/**
 * Builds the document model from page texts: joins pages with a newline, numbers lines from 1 and
 * records every line's offsets so later stages can cite positions.
 *
 * @example
 * buildDocument(source, [{ method: 'text', text: 'KẾ HOẠCH\nTriển khai…' }]).pages[0].lines[1].index // 2
 */
export function buildDocument(source: Source, pageTexts: PageText[]): PlanDocument {
  const pages: Page[] = [];
  const parts: string[] = [];
  let offset = 0;
  let lineNo = 1;
  pageTexts.forEach((pt, i) => {
    const text = normalizeText(pt.text).replace(/\n+$/, '');
    const lines: Line[] = [];
    let lineStart = offset;
    text.split('\n').forEach((lineText, j) => {
      const conf = pt.lineConfidences?.[j];
      lines.push({
        index: lineNo++,
        page: i + 1,
        text: lineText,
        start: lineStart,
        end: lineStart + lineText.length,
        ...(conf === undefined ? {} : { ocrConfidence: conf }),
      });
      lineStart += lineText.length + 1;
    });
    pages.push({
      index: i + 1,
      method: pt.method,
      ...(pt.ocrConfidence === undefined ? {} : { ocrConfidence: pt.ocrConfidence }),
      start: offset,
      end: offset + text.length,
      lines,
    });
    parts.push(text);
    offset += text.length + 1;
  });
  return {
    schema: SCHEMA_NAME,
    version: SCHEMA_VERSION,
    source: { ...source, pageCount: pageTexts.length },
    text: parts.join('\n'),
    pages,
    sections: [],
    targets: [],
    tasks: [],
    bodies: [],
    warnings: [],
  };
}

/**
 * Replaces the text of every page (e.g. after restoration) and rebuilds line offsets. Page count and
 * line count per page must stay the same, so line numbers cited before and after agree.
 *
 * @example
 * withPageTexts(doc, ['Chiến lược chuyển đổi số']).text // 'Chiến lược chuyển đổi số'
 */
export function withPageTexts(doc: PlanDocument, pageTexts: string[]): PlanDocument {
  if (pageTexts.length !== doc.pages.length) throw new Error(`withPageTexts: expected ${doc.pages.length} pages, got ${pageTexts.length}`);
  const rebuilt = buildDocument(
    doc.source,
    doc.pages.map((p, i) => ({
      method: p.method,
      text: pageTexts[i],
      ocrConfidence: p.ocrConfidence,
      lineConfidences: p.lines.map((l) => l.ocrConfidence),
    })),
  );
  rebuilt.pages.forEach((p, i) => {
    if (p.lines.length !== doc.pages[i].lines.length) {
      throw new Error(`withPageTexts: page ${i + 1} had ${doc.pages[i].lines.length} lines, now ${p.lines.length}`);
    }
  });
  return { ...doc, text: rebuilt.text, pages: rebuilt.pages };
}

/**
 * Every line of the document in order. Kept per pages array (a document's pages are never changed
 * in place: stages build new ones), because spanOf runs per extracted item and per restored word,
 * and flattening the pages each time made a long document's restoration quadratic (a 166 KB text:
 * 26 s, most of it here).
 */
export function allLines(doc: PlanDocument): readonly Line[] {
  let lines = linesByPages.get(doc.pages);
  if (!lines) linesByPages.set(doc.pages, (lines = doc.pages.flatMap((p) => p.lines)));
  return lines;
}

const linesByPages = new WeakMap<readonly Page[], readonly Line[]>();

/**
 * Turns offsets into a {@link Span} with 1-based line numbers and the page. Binary search over lines,
 * so extractors can call it per item.
 *
 * @example
 * spanOf(doc, 2811, 2823) // { start: 2811, end: 2823, startLine: 37, endLine: 37, page: 1 }
 */
export function spanOf(doc: PlanDocument, start: number, end: number): Span {
  const lines = allLines(doc);
  const s = Math.max(0, Math.min(start, doc.text.length));
  const e = Math.max(s, Math.min(end, doc.text.length));
  const first = lineAt(lines, s);
  const last = lineAt(lines, Math.max(s, e - 1));
  return {
    start: s,
    end: e,
    startLine: first?.index ?? 1,
    endLine: last?.index ?? first?.index ?? 1,
    ...(first ? { page: first.page } : {}),
  };
}

/** The span of whole lines `fromLine`..`toLine` (1-based, inclusive). */
export function spanOfLines(doc: PlanDocument, fromLine: number, toLine: number): Span {
  const lines = allLines(doc);
  const a = lines[Math.max(0, fromLine - 1)];
  const b = lines[Math.min(lines.length - 1, toLine - 1)];
  if (!a || !b) return { start: 0, end: 0, startLine: 1, endLine: 1 };
  return { start: a.start, end: b.end, startLine: a.index, endLine: b.index, page: a.page };
}

function lineAt(lines: readonly Line[], offset: number): Line | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = lines[mid];
    if (offset < l.start) hi = mid - 1;
    else if (offset > l.end) lo = mid + 1;
    else return l;
  }
  return lines[Math.max(0, Math.min(lines.length - 1, lo))];
}

/**
 * Records a message on the document (vfile's `file.message()`): stages report, never print.
 *
 * @example
 * warn(doc, 'Không tìm thấy mục "Mục tiêu"', { ruleId: 'segment:no-objectives' })
 */
export function warn(
  doc: PlanDocument,
  reason: string,
  options: { ruleId: string; span?: Span; cause?: string; severity?: Message['severity'] },
): void {
  doc.warnings.push({
    severity: options.severity ?? 'warning',
    ruleId: options.ruleId,
    reason,
    ...(options.span ? { span: options.span } : {}),
    ...(options.cause ? { cause: options.cause } : {}),
  });
}

export type { Stage, StageContext } from './stage.js';
