import { z } from 'zod';
import { Span, Confidence } from './span.js';

/** What a section is for, whatever its wording or numbering. */
export const SectionKind = z
  .enum(['purpose', 'requirements', 'objectives', 'tasks', 'funding', 'implementation', 'appendix', 'other'])
  .meta({ id: 'SectionKind' });
export type SectionKind = z.infer<typeof SectionKind>;

/**
 * A heading and the text under it up to the next heading of the same or a higher level.
 * Sections form a tree through `parent` (flat list, like DoclingDocument's `self_ref` links).
 *
 * @example
 * { id: 'II.1', label: '1.', level: 2, heading: 'Mục tiêu đến năm 2025', kind: 'objectives', parent: 'II', span: … }
 */
export const Section = z
  .object({
    id: z.string(),
    label: z.string(),
    level: z.number().int().positive(),
    heading: z.string(),
    kind: SectionKind,
    parent: z.string().optional(),
    span: Span,
    /** The heading line only. */
    headingSpan: Span.optional(),
    confidence: Confidence,
  })
  .meta({ id: 'Section' });
export type Section = z.infer<typeof Section>;
