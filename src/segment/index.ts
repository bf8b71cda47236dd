import type { Stage } from '../document/index.js';

// PLACEHOLDER until the segment issue lands: passes the document through unchanged.
export function segmentStage(_options: Record<string, unknown> = {}): Stage {
  return async (doc) => doc;
}
