import { z } from 'zod';
import { Span, Confidence } from './span.js';

/**
 * When a task runs: years when the text gives them ("2023 - 2025"), the text otherwise ("Thường xuyên").
 *
 * @example
 * { from: 2023, to: 2025, text: '2023 - 2025' }
 */
export const Timeframe = z
  .object({ from: z.number().int().optional(), to: z.number().int().optional(), text: z.string() })
  .meta({ id: 'Timeframe' });
export type Timeframe = z.infer<typeof Timeframe>;

/**
 * A task from the tasks section, "Đơn vị chủ trì / phối hợp" lines, or an appendix table row.
 * `lead` and `coordinate` hold body ids.
 *
 * @example
 * { id: 'k3', title: 'Phát triển các sản phẩm báo chí số', lead: ['b2'], coordinate: ['b1'],
 *   output: 'Xây dựng Kế hoạch hàng năm', timeframe: { from: 2022, to: 2025, text: '2022-2025' }, … }
 */
export const Task = z
  .object({
    id: z.string(),
    title: z.string(),
    lead: z.array(z.string()),
    coordinate: z.array(z.string()),
    output: z.string().optional(),
    timeframe: Timeframe.optional(),
    section: z.string().optional(),
    origin: z.enum(['section', 'appendix', 'implementation']),
    span: Span,
    confidence: Confidence,
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;
