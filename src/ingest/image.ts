import { InputError } from '../errors.js';

const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { name: 'tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

/**
 * Checks that bytes really are an image tesseract can read (by magic number, not extension), so a
 * renamed or truncated file fails here with a clear message rather than deep inside OCR.
 *
 * @example
 * readImage(await readFile('scan-trang-1.png'), 'scan-trang-1.png') // the same bytes
 */
export function readImage(bytes: Buffer, file: string): Buffer {
  const kind = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (!kind) throw new InputError('bad-image', file, 'not a PNG, JPEG or TIFF image (unknown file signature)');
  if (kind.name === 'png' && bytes.length < 60) throw new InputError('bad-image', file, 'PNG is truncated');
  return bytes;
}
