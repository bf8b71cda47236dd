import type { PageText } from '../document/index.js';
import { InputError } from '../errors.js';
import { decodeLegacy, repairMojibake } from './legacy.js';

/** What a text file decoded to: its pages, the encoding found, and a note when it was not UTF. */
export interface DecodedText {
  pages: PageText[];
  encoding: string;
  note?: string;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with a BOM, or — for old Word exports —
 * the legacy Vietnamese encodings TCVN3 (ABC), VNI-Windows and Windows-1258, chosen by which gives
 * real Vietnamese syllables. UTF-8 text that is legacy mojibake ("KÕ ho¹ch") is repaired the same
 * way. A form feed starts a new page, as pdftotext writes them. Bytes that decode to nothing
 * convincing are refused with a clear error rather than guessed.
 *
 * @example
 * readTxt(Buffer.from('KẾ HOẠCH\fPHỤ LỤC'), 'a.txt').pages.length // 2
 */
export function readTxt(bytes: Buffer, file: string): DecodedText {
  const decoded = decodeText(bytes, file);
  if (decoded.text.trim() === '') throw new InputError('empty', file, 'file has no text');
  return {
    pages: decoded.text.split('\f').map((pageText) => ({ method: 'text' as const, text: pageText })),
    encoding: decoded.encoding,
    ...(decoded.note ? { note: decoded.note } : {}),
  };
}

/**
 * The text of a text file's bytes (the encodings of {@link readTxt}); throws an InputError for bytes
 * that are no text (NUL bytes, invalid UTF-8 that no legacy encoding explains).
 *
 * @example
 * decodeText(Buffer.from([0xff, 0xfe, 0x4b, 0x00]), 'a.txt').text // 'K'
 */
export function decodeText(bytes: Buffer, file: string): { text: string; encoding: string; note?: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    throw new InputError('bad-encoding', file, 'not a text file (contains NUL bytes; UTF-16 needs a byte-order mark)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (error) {
    const legacy = decodeLegacy(body);
    if (legacy) {
      return { text: legacy.text, encoding: legacy.encoding, note: `decoded from the legacy ${legacy.encoding.toUpperCase()} encoding` };
    }
    throw new InputError(
      'bad-encoding',
      file,
      'not valid UTF-8, and not recognisable TCVN3, VNI or Windows-1258 Vietnamese; convert it to UTF-8 first',
      { cause: error },
    );
  }
  const repaired = repairMojibake(text);
  if (repaired) {
    return {
      text: repaired.text,
      encoding: `utf-8+${repaired.encoding}`,
      note: `repaired ${repaired.encoding.toUpperCase()} mojibake (legacy text once read as Windows-1252)`,
    };
  }
  return { text, encoding: 'utf-8' };
}
