import { z } from 'zod';

/**
 * Where an item came from: UTF-16 offsets into the document's normalized `text` (end exclusive),
 * plus 1-based line numbers into the `.txt` written beside the JSON, and the page when known.
 *
 * @example
 * // "II. MỤC TIÊU" on line 37 of lam-dong.txt
 * { start: 2811, end: 2823, startLine: 37, endLine: 37, page: 1 }
 */
export const Span = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
    page: z.number().int().positive().optional(),
  })
  .meta({ id: 'Span' });
export type Span = z.infer<typeof Span>;

/** A confidence in [0, 1]: 1 means the stage is sure (e.g. a clean text-layer line). */
export const Confidence = z.number().min(0).max(1).meta({ id: 'Confidence' });
