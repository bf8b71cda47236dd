import path from 'node:path';
import type { SourceFormat } from '../schema/index.js';

/**
 * File extensions vnplan reads, by format (docling's `supported_formats`).
 *
 * @example
 * SUPPORTED_EXTENSIONS['.docx'] // 'docx'
 */
export const SUPPORTED_EXTENSIONS: Record<string, SourceFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.pdf': 'pdf',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.tif': 'image',
  '.tiff': 'image',
  '.docx': 'docx',
};

/**
 * The format of a path by its extension, or undefined when vnplan does not read it.
 *
 * @example
 * formatOf('ke-hoach-Sóc-Trăng.PDF') // 'pdf'; formatOf('ghi-chú.odt') // undefined
 */
export function formatOf(file: string): SourceFormat | undefined {
  return SUPPORTED_EXTENSIONS[path.extname(file).toLowerCase()];
}
