import { z } from 'zod';
import { Source } from './source.js';
import { Page } from './page.js';
import { Message } from './message.js';
import { DocumentMetadata } from './metadata.js';
import { Section } from './section.js';
import { Target } from './target.js';
import { Task } from './task.js';
import { Body } from './body.js';
import { Restoration } from './restoration.js';

export const SCHEMA_NAME = 'vnplan/plan-document';
export const SCHEMA_VERSION = '1.1.0';

/**
 * The one document model every stage reads and extends (vfile meets DoclingDocument). `text` is the
 * NFC text that every span points into; it is also written beside the JSON as `<name>.txt`.
 *
 * @example
 * { schema: 'vnplan/plan-document', version: '1.1.0', source: { path: 'corpus/lam-dong….txt', … },
 *   text: 'Số: 4423 /KH-UBND\n…', pages: [ … ], document: { number: '4423/KH-UBND', … },
 *   sections: [ … ], targets: [ … ], tasks: [ … ], bodies: [ … ], warnings: [] }
 */
export const PlanDocument = z
  .object({
    schema: z.literal(SCHEMA_NAME),
    version: z.string(),
    source: Source,
    text: z.string(),
    pages: z.array(Page),
    restoration: Restoration.optional(),
    document: DocumentMetadata.optional(),
    sections: z.array(Section),
    targets: z.array(Target),
    tasks: z.array(Task),
    bodies: z.array(Body),
    /** What stages could not parse or are unsure of, with spans: the vfile `messages` of vnplan. */
    warnings: z.array(Message),
    /** Milliseconds per stage, for benchmarks and the batch index. */
    timings: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: 'PlanDocument', title: 'vnplan plan document' });
export type PlanDocument = z.infer<typeof PlanDocument>;
