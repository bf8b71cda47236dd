import { z } from 'zod';
import { PlanDocument } from './document.js';

export * from './span.js';
export * from './message.js';
export * from './source.js';
export * from './page.js';
export * from './metadata.js';
export * from './section.js';
export * from './target.js';
export * from './task.js';
export * from './body.js';
export * from './restoration.js';
export * from './document.js';

/**
 * The JSON Schema of vnplan's output, generated from the zod schema (the single source of truth).
 *
 * @example
 * planJsonSchema().$defs.Target // { type: 'object', properties: { horizon: … } }
 */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlanDocument, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
