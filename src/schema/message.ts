import { z } from 'zod';
import { Span } from './span.js';

/**
 * Something a stage wants the user to know: what could not be parsed, a low-confidence restoration,
 * an OCR page with poor quality. `ruleId` is `<stage>:<kebab-case-rule>`.
 *
 * @example
 * { severity: 'warning', ruleId: 'segment:no-objectives', reason: 'Không tìm thấy mục "Mục tiêu"' }
 */
export const Message = z
  .object({
    severity: z.enum(['error', 'warning', 'info']),
    ruleId: z.string().regex(/^[a-z]+:[a-z0-9-]+$/),
    reason: z.string(),
    span: Span.optional(),
    cause: z.string().optional(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;
