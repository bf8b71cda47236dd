import { z } from 'zod';
import { Span, Confidence } from './span.js';

/** What sort of organisation a body is. */
export const BodyKind = z
  .enum(['department', 'agency', 'press', 'district', 'commune', 'people-committee', 'group', 'party', 'union', 'other'])
  .meta({ id: 'BodyKind' });
export type BodyKind = z.infer<typeof BodyKind>;

export const BodyRole = z.enum(['lead', 'coordinate']).meta({ id: 'BodyRole' });
export type BodyRole = z.infer<typeof BodyRole>;

/**
 * An organisation given a responsibility, under its full official name. `aliases` are the forms
 * seen in the text ("Sở TT&TT", "Sở TTTT"); `mentions` are where.
 *
 * @example
 * { id: 'b1', name: 'Sở Thông tin và Truyền thông', aliases: ['Sở TT&TT'], kind: 'department',
 *   roles: ['lead', 'coordinate'], duties: ['Chủ trì, theo dõi, đôn đốc…'], mentions: [ … ], confidence: 0.95 }
 */
export const Body = z
  .object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    kind: BodyKind,
    roles: z.array(BodyRole),
    duties: z.array(z.string()),
    /** Set when the body no longer exists under that name (e.g. merged on 1 July 2025). */
    successor: z.string().optional(),
    mentions: z.array(Span),
    confidence: Confidence,
  })
  .meta({ id: 'Body' });
export type Body = z.infer<typeof Body>;
