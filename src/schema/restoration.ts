import { z } from 'zod';
import { Span, Confidence } from './span.js';

/**
 * One word the restorer changed, with its confidence and the runner-up readings.
 *
 * @example
 * { span: …, from: 'Chién', to: 'Chiến', confidence: 0.97, alternatives: [{ text: 'Chiên', score: 0.02 }] }
 */
export const RestoredWord = z
  .object({
    span: Span,
    from: z.string(),
    to: z.string(),
    confidence: Confidence,
    alternatives: z.array(z.object({ text: z.string(), score: z.number() })),
  })
  .meta({ id: 'RestoredWord' });
export type RestoredWord = z.infer<typeof RestoredWord>;

/** How restoration traded accuracy for speed: `accurate` (the default) or `fast` (see SPEED_PARAMS in src/restore/decode.ts). */
export const RestoreSpeed = z.enum(['accurate', 'fast']);
export type RestoreSpeed = z.infer<typeof RestoreSpeed>;

/**
 * Whether the text needed restoration, and what restoration did. Spans of `words` point into the
 * restored text.
 *
 * @example
 * { applied: true, invalidShareBefore: 0.61, invalidShareAfter: 0.02, speed: 'accurate', tokens: 4120, changed: 2511,
 *   meanConfidence: 0.93, words: [ … ] }
 */
export const Restoration = z
  .object({
    applied: z.boolean(),
    reason: z.string(),
    invalidShareBefore: z.number().min(0).max(1),
    invalidShareAfter: z.number().min(0).max(1).optional(),
    /** Present when applied: the speed the text was restored at. */
    speed: RestoreSpeed.optional(),
    tokens: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    meanConfidence: Confidence.optional(),
    words: z.array(RestoredWord),
  })
  .meta({ id: 'Restoration' });
export type Restoration = z.infer<typeof Restoration>;
