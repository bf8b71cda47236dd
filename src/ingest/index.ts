import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PageText } from '../document/index.js';
import { InputError } from '../errors.js';
import type { Source, SourceFormat } from '../schema/index.js';
import { readDocx } from './docx.js';
import { readImage } from './image.js';
import { readPdf } from './pdf.js';
import { readTxt } from './txt.js';
import { SUPPORTED_EXTENSIONS, formatOf } from './formats.js';

/** A page as ingest hands it on: text already, or an image that OCR must read. */
export type RawPage = { kind: 'text'; page: PageText } | { kind: 'image'; image: Buffer; pageIndex: number };

/** What a format backend returns: the pages of one file, in order. */
export interface IngestResult {
  source: Source;
  pages: RawPage[];
  /** Things the reader repaired or doubts (legacy encoding, …): they become the document's warnings. */
  notes: { ruleId: string; reason: string }[];
}

// The extension table lives in its own light module so batch can walk folders without loading the
// format backends (PDF, Word, image readers).
export { SUPPORTED_EXTENSIONS, formatOf } from './formats.js';

/**
 * Reads one file into pages. Text-bearing formats give text pages; scans give images for OCR,
 * decided per page for PDFs. Throws {@link InputError} for anything it cannot read.
 *
 * @example
 * const { source, pages } = await ingestFile('corpus/lam-dong-4423-KH-UBND-2023.txt');
 * source.format // 'txt'
 */
export async function ingestFile(file: string): Promise<IngestResult> {
  const format = formatOf(file);
  if (!format) {
    throw new InputError(
      'unsupported-format',
      file,
      `unsupported file type "${path.extname(file) || '(none)'}": vnplan reads ${Object.keys(SUPPORTED_EXTENSIONS).join(' ')}`,
    );
  }
  const bytes = await readBytes(file);
  const source: Source = {
    path: file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format,
    bytes: bytes.length,
    pageCount: 0,
  };
  const { pages, encoding, notes } = await readByFormat(format, bytes, file);
  if (pages.length === 0) throw new InputError('empty', file, 'no pages found');
  return { source: { ...source, pageCount: pages.length, ...(encoding ? { encoding } : {}) }, pages, notes };
}

async function readByFormat(
  format: SourceFormat,
  bytes: Buffer,
  file: string,
): Promise<{ pages: RawPage[]; encoding?: string; notes: IngestResult['notes'] }> {
  switch (format) {
    case 'txt': {
      const decoded = readTxt(bytes, file);
      return {
        pages: decoded.pages.map((page) => ({ kind: 'text', page })),
        encoding: decoded.encoding,
        notes: decoded.note ? [{ ruleId: 'ingest:legacy-encoding', reason: decoded.note }] : [],
      };
    }
    case 'docx':
      return { pages: (await readDocx(bytes, file)).map((page) => ({ kind: 'text', page })), notes: [] };
    case 'image':
      return { pages: [{ kind: 'image', image: readImage(bytes, file), pageIndex: 1 }], notes: [] };
    case 'pdf':
      return { pages: await readPdf(bytes, file), notes: [] };
  }
}

async function readBytes(file: string): Promise<Buffer> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('not-found', file, 'no such file', { cause: error });
    throw new InputError('unreadable', file, `cannot read: ${code ?? String(error)}`, { cause: error });
  }
  if (info.isDirectory()) throw new InputError('unreadable', file, 'is a folder, expected a file');
  if (info.size === 0) throw new InputError('empty', file, 'file is empty');
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
    throw new InputError('unreadable', file, `cannot read: ${why}`, { cause: error });
  }
}
