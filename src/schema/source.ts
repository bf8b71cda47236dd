import { z } from 'zod';

/** Input formats vnplan reads. `image` covers png, jpg, tif. */
export const SourceFormat = z.enum(['txt', 'pdf', 'image', 'docx']).meta({ id: 'SourceFormat' });
export type SourceFormat = z.infer<typeof SourceFormat>;

/**
 * The file a document was read from.
 *
 * @example
 * { path: 'corpus/lam-dong-4423-KH-UBND-2023.txt', sha256: '…', format: 'txt', bytes: 20365, pageCount: 1 }
 */
export const Source = z
  .object({
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: SourceFormat,
    bytes: z.number().int().nonnegative(),
    pageCount: z.number().int().nonnegative(),
    /** How a text file was decoded: utf-8, utf-16le/be, tcvn3, vni, windows-1258, or utf-8+<legacy> for repaired mojibake. */
    encoding: z.string().optional(),
  })
  .meta({ id: 'Source' });
export type Source = z.infer<typeof Source>;
