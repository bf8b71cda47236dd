import type { PlanDocument } from '../schema/index.js';

/** What every stage may use besides the document: a place to log and a way to be cancelled. */
export interface StageContext {
  signal?: AbortSignal;
  /** Debug logging; silent unless the CLI is run with --verbose. */
  log?: (message: string) => void;
}

/**
 * A pipeline stage: takes the document, returns it extended. Built from options once (options are
 * checked then), run once per document.
 *
 * @example
 * const stage: Stage = async (doc) => ({ ...doc, sections: findSections(doc) });
 */
export type Stage = (doc: PlanDocument, ctx: StageContext) => Promise<PlanDocument>;
