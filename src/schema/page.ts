import { z } from 'zod';

/**
 * How a page's text was obtained: `text` (a text file or .docx), `text-layer` (a PDF's own text),
 * `ocr` (rendered page or image recognised by tesseract).
 */
export const PageMethod = z.enum(['text', 'text-layer', 'ocr']).meta({ id: 'PageMethod' });
export type PageMethod = z.infer<typeof PageMethod>;

/**
 * One line of a page. `start`/`end` are UTF-16 offsets into the document text; `index` is the
 * 1-based line number in the document's `.txt`.
 *
 * @example
 * { index: 37, page: 1, text: 'II. MỤC TIÊU', start: 2811, end: 2823 }
 */
export const Line = z
  .object({
    index: z.number().int().positive(),
    page: z.number().int().positive(),
    text: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    ocrConfidence: z.number().min(0).max(100).optional(),
  })
  .meta({ id: 'Line' });
export type Line = z.infer<typeof Line>;

/**
 * One page of the source, with its lines. `ocrConfidence` is tesseract's mean word confidence (0–100).
 *
 * @example
 * { index: 1, method: 'ocr', ocrConfidence: 91.5, start: 0, end: 2890, lines: [...] }
 */
export const Page = z
  .object({
    index: z.number().int().positive(),
    method: PageMethod,
    ocrConfidence: z.number().min(0).max(100).optional(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    lines: z.array(Line),
  })
  .meta({ id: 'Page' });
export type Page = z.infer<typeof Page>;
