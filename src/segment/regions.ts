import type { Line } from '../schema/index.js';
import { findPhrase, foldLoose } from '../text/fold.js';

const TYPE_TITLES = ['ke hoach', 'quyet dinh', 'chuong trinh', 'de an', 'phuong an', 'chi thi', 'ke hoach hanh dong', 'chuong trinh hanh dong'];

/**
 * True for a line that is only a document type in capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH:"), OCR-tolerant.
 *
 * @example
 * isTypeTitle('KE HOACH') // true
 */
export function isTypeTitle(text: string): boolean {
  const t = text.replace(/\*\*/g, '').trim();
  if (!t || t.length > 40) return false;
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (!letters || letters !== letters.toUpperCase()) return false;
  const loose = foldLoose(t);
  return TYPE_TITLES.some((p) => loose === p || (findPhrase(loose, p) === 0 && loose.split(' ').length === p.split(' ').length));
}

const MAX_TITLE_LINES = 5;
const BODY_OPENINGS = ['thuc hien', 'can cu', 'de trien khai', 'nham', 'tren co so', 'theo de nghi', 'xet de nghi', 'uy ban nhan dan'];

/** True for a line that starts the body after a title: the opening sentence or a numbered heading. */
function opensBody(text: string): boolean {
  const t = text.replace(/\*\*/g, '').trim();
  if (/^(?:[IVXL1|]{1,5}|\d{1,2})\s*[.)]\s/.test(t) || /^[-–+•]\s/.test(t)) return true;
  const loose = foldLoose(t);
  return BODY_OPENINGS.some((o) => findPhrase(loose, o) === 0);
}

/** True for "Điều 1." lines of a decision. */
function isArticle(text: string): boolean {
  return /^\s*(?:Điều|ĐIỀU|Dieu|DIEU|Đieu|Diéu)\s+\d+\s*[.:]/.test(text);
}

/**
 * True for the "Nơi nhận:" line (also OCR'd: "Noi nhén:") or a signature line ("TM. ỦY BAN NHÂN DÂN",
 * "KT. CHỦ TỊCH"), which end the body of a plan.
 *
 * @example
 * isBodyEnd('Noi nhén: TM. UY BAN NHAN DAN') // true
 */
export function isBodyEnd(text: string): boolean {
  const t = text.replace(/\*\*/g, '').trim();
  if (!t) return false;
  const loose = foldLoose(t);
  const head = loose.split(' ').slice(0, 2).join(' ');
  if (findPhrase(head, 'noi nhan') === 0) return true;
  return /^(?:TM|KT|TL|TUQ|Q)\s*\.\s*(?:\p{Lu}{2,})/u.test(t) && t.length < 60;
}

/**
 * The lines that hold the plan's body, 1-based inclusive: after the title block (and, for a Quyết định
 * that issues a plan, after the decision and the attached plan's title) and before "Nơi nhận" or the
 * signature.
 *
 * @example
 * findBodyRange(allLines(doc)) // { start: 10, end: 158 }
 */
export function findBodyRange(lines: readonly Line[]): { start: number; end: number } {
  let start = 1;
  let lastArticle = -1;
  lines.forEach((l, i) => {
    if (isArticle(l.text)) lastArticle = i;
  });
  let titleAt = -1;
  for (let i = lastArticle + 1; i < lines.length; i++) {
    if (isTypeTitle(lines[i].text)) {
      titleAt = i;
      break;
    }
    // Do not look for a title deep inside a body that has none.
    if (i > lastArticle + 60) break;
  }
  if (titleAt >= 0) {
    // The title runs from the line after the type to a blank line, or — in a PDF text layer or OCR
    // with no blank lines — to the opening sentence ("Thực hiện…", "Căn cứ…") or a numbered heading.
    // A title is a few lines at most, so a long run without either ends after MAX_TITLE_LINES.
    let j = titleAt + 1;
    while (j < lines.length && lines[j].text.trim() === '') j++;
    const titleStart = j;
    while (j < lines.length && lines[j].text.trim() !== '' && !(j > titleStart && opensBody(lines[j].text)) && j - titleStart < MAX_TITLE_LINES) j++;
    start = (lines[j]?.index ?? lines[lines.length - 1].index) as number;
  } else if (lastArticle >= 0) {
    start = lines[lastArticle].index + 1;
  }
  let end = lines[lines.length - 1].index;
  for (let i = start - 1; i < lines.length; i++) {
    if (i > start + 2 && isBodyEnd(lines[i].text)) {
      end = lines[i].index - 1;
      break;
    }
  }
  return { start: Math.min(start, end), end };
}
