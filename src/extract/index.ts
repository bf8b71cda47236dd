import type { Stage } from '../document/index.js';

// PLACEHOLDER until the extract issue lands: passes the document through unchanged.
export function extractStage(_options: Record<string, unknown> = {}): Stage {
  return async (doc) => doc;
}
