import mammoth from 'mammoth';
import type { PageText } from '../document/index.js';
import { InputError } from '../errors.js';

/**
 * Reads a Word .docx into one text page. Paragraphs become lines; table rows become tab-separated
 * lines, the same shape as a PDF's table text, so the appendix reader handles both.
 *
 * @example
 * (await readDocx(await readFile('ke-hoach.docx'), 'ke-hoach.docx'))[0].text.split('\n')[0] // 'ỦY BAN NHÂN DÂN'
 */
export async function readDocx(bytes: Buffer, file: string): Promise<PageText[]> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw new InputError('bad-docx', file, 'cannot read DOCX: not a Word document (not a ZIP container)');
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch (error) {
    const why = (error as Error)?.message?.split('\n')[0] ?? String(error);
    throw new InputError('bad-docx', file, `cannot read DOCX: ${why}`, { cause: error });
  }
  const text = htmlToLines(html);
  if (text.trim() === '') throw new InputError('empty', file, 'document has no text');
  return [{ method: 'text', text }];
}

/** Flattens mammoth's simple HTML: block elements to lines, a table row to one line of tab-separated cells. */
export function htmlToLines(html: string): string {
  const CELL_END = '\u0001';
  const flat = html
    // A cell's own paragraphs become spaces, so one cell stays one field.
    .replace(/<t([dh])[^>]*>([\s\S]*?)<\/t\1>/g, (_m, _t, inner: string) => `${inner.replace(/<\/(p|h[1-6]|li)>/g, ' ').replace(/<[^>]+>/g, ' ')}${CELL_END}`)
    .replace(new RegExp(`${CELL_END}\\s*</tr>`, 'g'), '\n')
    .replace(new RegExp(CELL_END, 'g'), '\t')
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<\/(p|h[1-6]|li|tr|table)>/g, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(flat)
    .split('\n')
    .map((l) => l.replace(/[ \u00a0]+/g, ' ').replace(/ *\t */g, '\t').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}
