import type { Stage } from '../document/index.js';

// PLACEHOLDER until the normalize issue lands: passes the document through unchanged.
export function normalizeStage(_options: Record<string, unknown> = {}): Stage {
  return async (doc) => doc;
}
