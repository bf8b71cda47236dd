import { z } from 'zod';
import { Span, Confidence } from './span.js';

/** How a figure relates to the goal: "tối thiểu 20%" is `>=`, "trên 65%" is `>`, "5-10%" is `range`. */
export const Comparator = z.enum(['=', '>=', '>', '<=', '<', 'range']).meta({ id: 'Comparator' });
export type Comparator = z.infer<typeof Comparator>;

/**
 * One figure of a target. `unit` is "%", "count", or the noun counted ("doanh nghiệp").
 *
 * @example
 * { value: 5, max: 10, unit: '%', comparator: 'range', raw: '5-10%' }
 */
export const Metric = z
  .object({
    value: z.number(),
    max: z.number().optional(),
    unit: z.string(),
    comparator: Comparator,
    raw: z.string().optional(),
    span: Span.optional(),
  })
  .meta({ id: 'Metric' });
export type Metric = z.infer<typeof Metric>;

/**
 * One bullet of the objectives: a horizon year, the whole bullet on one line, the indicator phrase
 * without its figures, and the figures. An unquantified objective has `metrics: []`.
 *
 * @example
 * { id: 't1', horizon: 2025, text: '67% cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số…',
 *   subject: 'cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số…',
 *   metrics: [{ value: 67, unit: '%', comparator: '=' }], section: 'II.1', span: …, confidence: 0.9 }
 */
export const Target = z
  .object({
    id: z.string(),
    horizon: z.number().int().optional(),
    text: z.string(),
    subject: z.string(),
    metrics: z.array(Metric),
    section: z.string().optional(),
    span: Span,
    confidence: Confidence,
  })
  .meta({ id: 'Target' });
export type Target = z.infer<typeof Target>;
