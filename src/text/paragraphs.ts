import type { Line } from '../schema/index.js';

/**
 * Logical paragraphs from physical lines: OCR wraps a sentence over several lines and page breaks add
 * blank lines inside it, while clean text puts one paragraph on one line. A line starts a new
 * paragraph when it begins with a list marker ("-", "+", "1.", "a)", "II."), or follows a blank line
 * after a finished sentence, or follows a short line (a heading) with a capital letter.
 *
 * @example
 * { lines: [l40, l41], text: '- Trên 65% cơ quan báo chí của tỉnh đưa nội dung…', startLine: 40, endLine: 41 }
 */
export interface Paragraph {
  /** The lines (non-blank) that make up the paragraph, in order. */
  lines: Line[];
  /** The lines joined with single spaces, trimmed. */
  text: string;
  /** 1-based document line numbers of the first and last line. */
  startLine: number;
  endLine: number;
}

const MARKER = /^\s*(?:[-–—+•*·▪]\s*|\(?\d{1,2}\s*[.)](?!\d)|\(?[a-zđ¢]\s*\)|[IVXLivxl1|]{1,6}\s*[.:](?!\d)|(?:PH[ẦA]N|Ph[ầa]n|ĐIỀU|Điều|ĐIEU|Dieu)\s)/;

/**
 * True when a line opens a list item or a numbered heading.
 *
 * @example
 * startsWithMarker('- 67% cơ quan báo chí tỉnh…') // true
 */
export function startsWithMarker(text: string): boolean {
  return MARKER.test(text);
}

/**
 * Groups lines into logical paragraphs (see {@link Paragraph}).
 *
 * @example
 * paragraphs(lines).map((p) => p.text) // ['1. Mục tiêu đến năm 2025:', '- 67% cơ quan báo chí tỉnh…']
 */
export function paragraphs(lines: readonly Line[]): Paragraph[] {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const lengths = nonBlank.map((l) => l.text.trim().length).sort((a, b) => a - b);
  // A "full" line is one that reaches near the usual right margin: typical of wrapped OCR text.
  const p80 = lengths.length ? lengths[Math.floor(lengths.length * 0.8)] : 80;
  const fullWidth = Math.max(40, Math.min(p80, 120) * 0.8);
  const out: Paragraph[] = [];
  let cur: Line[] = [];
  let blankBefore = false;
  const flush = () => {
    if (cur.length) {
      out.push({
        lines: cur,
        text: cur.map((l) => l.text.trim()).join(' ').replace(/\s+/g, ' ').trim(),
        startLine: cur[0].index,
        endLine: cur[cur.length - 1].index,
      });
    }
    cur = [];
  };
  for (const line of lines) {
    const t = line.text.trim();
    if (!t) {
      blankBefore = true;
      continue;
    }
    if (cur.length === 0) {
      cur.push(line);
      blankBefore = false;
      continue;
    }
    const prev = cur[cur.length - 1].text.trim();
    const prevEnds = /[.;:!?]["”)]?$|\/\.?$/.test(prev);
    const startsLower = /^[a-zđàáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ(,]/.test(t);
    const prevFull = prev.length >= fullWidth;
    let continues: boolean;
    // A year range wrapped at its dash ("giai đoạn 2016" / "- 2020."): the dash opens no bullet.
    if (/(?:^|[\s(])(?:19|20)\d\d$/.test(prev) && /^[-–]\s*(?:19|20)\d\d(?![\d%]|\s*:)/.test(t)) continues = true;
    else if (startsWithMarker(t)) continues = false;
    // A clause closed by ";" and a line going on in lower case: one item wrapped after its semicolon
    // ("… tòa soạn hội tụ;" / "phát triển cơ quan …"); a new item opens with a marker or a capital.
    else if (prevEnds && !(/;$/.test(prev) && startsLower)) continues = false;
    else if (startsLower) continues = true;
    else if (blankBefore) continues = false;
    // A numbered heading alone ("2. Thúc đẩy thương mại điện tử…") that stops short of the margin is
    // a heading, not a wrapped sentence, even when long: the next capitalised line starts the text.
    // (A wrapped line loses at most a word to the margin, so it reaches ~90% of the usual width.)
    else if (cur.length === 1 && startsWithMarker(prev) && prev.length < Math.min(p80, 120) * 0.88) continues = /[,(\-–]$/.test(prev);
    else continues = prevFull || /[,(\-–]$/.test(prev);
    if (!continues) flush();
    cur.push(line);
    blankBefore = false;
  }
  flush();
  return out;
}
