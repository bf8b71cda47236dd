import { PlanDocument, type RestoreSpeed } from './schema/index.js';
import { buildDocument, warn, type Stage, type StageContext } from './document/index.js';
import { ingestFile } from './ingest/index.js';
import { OcrEngine, type OcrOptions } from './ocr/index.js';
import { restoreStage } from './restore/index.js';
import { segmentStage } from './segment/index.js';
import { extractStage } from './extract/index.js';
import { normalizeStage } from './normalize/index.js';

/** Options for turning one file into a {@link PlanDocument}. */
export interface PipelineOptions {
  /** `auto` restores only text that needs it (decided from the share of invalid syllables). */
  restore?: 'auto' | 'always' | 'never';
  /** `accurate` (default) or `fast` restoration (see SPEED_PARAMS). */
  restoreSpeed?: RestoreSpeed;
  ocr?: OcrOptions;
}

/**
 * The stage order, in one list: everything after ingest and OCR works on the document model alone.
 */
export function buildStages(options: PipelineOptions = {}): Stage[] {
  return [restoreStage({ mode: options.restore ?? 'auto', speed: options.restoreSpeed }), segmentStage(), extractStage(), normalizeStage()];
}

/**
 * Reads a file, OCRs pages without text, and runs every stage. Throws `InputError` for bad input.
 * Pass one {@link OcrEngine} to many calls so a batch shares one worker pool.
 *
 * @example
 * const doc = await processFile('corpus/lam-dong-4423-KH-UBND-2023.txt');
 * doc.document?.number // '4423/KH-UBND'
 */
export async function processFile(
  file: string,
  options: PipelineOptions = {},
  ctx: StageContext & { ocr?: OcrEngine } = {},
): Promise<PlanDocument> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const raw = await ingestFile(file);
  timings.ingest = performance.now() - t;

  t = performance.now();
  const needsOcr = raw.pages.some((p) => p.kind === 'image');
  const ownEngine = needsOcr && !ctx.ocr ? new OcrEngine(options.ocr) : undefined;
  const engine = ctx.ocr ?? ownEngine;
  let pageTexts;
  try {
    pageTexts = await Promise.all(raw.pages.map((p) => (p.kind === 'text' ? p.page : engine!.recognizePage(p.image, file))));
  } finally {
    await ownEngine?.close();
  }
  if (needsOcr) timings.ocr = performance.now() - t;

  let doc = buildDocument(raw.source, pageTexts);
  for (const note of raw.notes) warn(doc, note.reason, { ruleId: note.ruleId, severity: 'info' });
  doc = await runStages(doc, buildStages(options), ctx, timings);
  doc.timings = timings;
  return PlanDocument.parse(doc);
}

/**
 * Runs stages on a document already built (e.g. from text in memory), recording time per stage.
 */
export async function runStages(
  doc: PlanDocument,
  stages: Stage[],
  ctx: StageContext = {},
  timings: Record<string, number> = {},
): Promise<PlanDocument> {
  for (const [i, stage] of stages.entries()) {
    const t = performance.now();
    doc = await stage(doc, ctx);
    timings[STAGE_NAMES[i] ?? `stage${i}`] = performance.now() - t;
  }
  return doc;
}

const STAGE_NAMES = ['restore', 'segment', 'extract', 'normalize'];
