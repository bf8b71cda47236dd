import type { PageText } from '../document/index.js';
import { InputError } from '../errors.js';

/**
 * Decodes a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM. A form feed starts a new
 * page, as pdftotext writes them. Anything else is refused with a clear error rather than guessed,
 * because a wrong guess silently corrupts every Vietnamese letter.
 *
 * @example
 * readTxt(Buffer.from('KẾ HOẠCH\fPHỤ LỤC'), 'a.txt').length // 2
 */
export function readTxt(bytes: Buffer, file: string): PageText[] {
  const text = decodeText(bytes, file);
  if (text.trim() === '') throw new InputError('empty', file, 'file has no text');
  return text.split('\f').map((pageText) => ({ method: 'text' as const, text: pageText }));
}

function decodeText(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    throw new InputError('bad-encoding', file, 'not a text file (contains NUL bytes; UTF-16 needs a byte-order mark)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (error) {
    throw new InputError(
      'bad-encoding',
      file,
      'not valid UTF-8 (legacy TCVN3/VNI or Windows-1258? convert it to UTF-8 first, e.g. with UniKey\'s converter)',
      { cause: error },
    );
  }
}
