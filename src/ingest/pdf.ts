import { InputError } from '../errors.js';
import type { RawPage } from './index.js';
import { repairMojibake } from './legacy.js';
import { spliceTables } from './pdf-tables.js';

/** OCR resolution for pages without a usable text layer: 300 dpi, the scanning standard. */
const OCR_DPI = 300;

/**
 * Reads a PDF page by page: a page whose text layer looks like real text keeps it (a legacy-font
 * layer of TCVN3/VNI mojibake is repaired first); a page with no text or garbage text (a scan) is
 * rendered at 300 dpi and handed to OCR.
 *
 * @example
 * const pages = await readPdf(await readFile('ke-hoach-144.pdf'), 'ke-hoach-144.pdf');
 * pages.map((p) => p.kind) // ['text', 'text', 'image'] — the last page was a scanned appendix
 */
export async function readPdf(bytes: Buffer, file: string): Promise<RawPage[]> {
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    throw new InputError('bad-pdf', file, 'cannot read PDF: not a PDF file (no %PDF header)');
  }
  // Loaded on first use: pdf.js costs ~140 MB of memory and most of a start-up, and a batch of
  // text files or scans never needs it.
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const text = await parser.getText({ pageJoiner: '', cellSeparator: '\t', lineEnforce: true });
    const tables = await parser.getTable().catch(() => undefined);
    const pages: RawPage[] = [];
    for (const p of text.pages) {
      // A legacy .Vn-font PDF has a text layer of TCVN3/VNI mojibake: repairing it beats OCR.
      const layer = isUsableTextLayer(p.text) ? p.text : repairMojibake(p.text)?.text;
      if (layer !== undefined && isUsableTextLayer(layer)) {
        const pageTables = tables?.pages.find((t) => t.num === p.num)?.tables ?? [];
        pages.push({ kind: 'text', page: { method: 'text-layer', text: spliceTables(layer, pageTables) } });
      } else {
        const shot = await parser.getScreenshot({
          partial: [p.num],
          scale: OCR_DPI / 72,
          imageDataUrl: false,
          imageBuffer: true,
        });
        const data = shot.pages[0]?.data;
        if (!data) throw new InputError('bad-pdf', file, `cannot render page ${p.num} for OCR`);
        pages.push({ kind: 'image', image: Buffer.from(data), pageIndex: p.num });
      }
    }
    return pages;
  } catch (error) {
    throw toInputError(error, file);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

function toInputError(error: unknown, file: string): InputError {
  if (error instanceof InputError) return error;
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as { message?: string })?.message ?? String(error);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new InputError('encrypted-pdf', file, 'cannot read PDF: encrypted (password-protected)', { cause: error });
  }
  const why = /Invalid PDF|xref|startxref|trailer|Unexpected end|bad XRef/i.test(message)
    ? 'file is damaged or truncated'
    : message.split('\n')[0];
  return new InputError('bad-pdf', file, `cannot read PDF: ${why}`, { cause: error });
}

// Letters a Vietnamese text layer is made of; mojibake from TCVN3/VNI fonts falls outside it.
const VIETNAMESE_LETTER =
  /[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]/u;

/**
 * Whether a page's text layer is worth keeping: enough characters, and mostly letters of the
 * Vietnamese alphabet, digits and ordinary punctuation.
 *
 * @example
 * isUsableTextLayer('KẾ HOẠCH Triển khai Chiến lược chuyển đổi số…') // true
 * isUsableTextLayer('KÕ HO¹CH TriÓn khai') // false — TCVN3 mojibake
 */
export function isUsableTextLayer(text: string): boolean {
  const chars = [...text.normalize('NFC').replace(/\s+/g, '')];
  if (chars.length < 20) return false;
  let letters = 0;
  let ordinary = 0;
  let foreignLetters = 0;
  for (const c of chars) {
    if (VIETNAMESE_LETTER.test(c)) {
      letters++;
      ordinary++;
    } else if (/\p{L}/u.test(c)) foreignLetters++;
    else if (/[0-9.,;:!?()\[\]"'“”‘’\/%&*+=<>≥≤–—_#@§°-]/.test(c)) ordinary++;
  }
  return letters / chars.length > 0.5 && ordinary / chars.length > 0.9 && foreignLetters / Math.max(1, letters) < 0.05;
}
