import type { Stage } from '../document/index.js';

// PLACEHOLDER until the restore issue lands: passes the document through unchanged.
export function restoreStage(_options: Record<string, unknown> = {}): Stage {
  return async (doc) => doc;
}
