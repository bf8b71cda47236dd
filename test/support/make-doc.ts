import { buildDocument } from '../../src/document/index.js';
import type { PageMethod, PlanDocument } from '../../src/schema/index.js';

/** A one-page document built from text in memory, as a stage test needs it. */
export function docOf(text: string, method: PageMethod = 'text', path = 't.txt'): PlanDocument {
  return buildDocument({ path, sha256: '0'.repeat(64), format: 'txt', bytes: text.length, pageCount: 1 }, [{ method, text }]);
}
