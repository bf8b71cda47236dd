/**
 * vnplan as a library: the same pipeline the CLI runs, one function per job.
 *
 * @example
 * import { processFile } from 'vnplan';
 * const doc = await processFile('ke-hoach-144-KH-UBND.pdf');
 * doc.targets.map((t) => `${t.horizon}: ${t.text}`) // ['2025: 100% cơ quan báo chí…', …]
 */
export * from './schema/index.js';
export { buildDocument, spanOf, spanOfLines, normalizeText, withPageTexts, warn } from './document/index.js';
export type { Stage, StageContext, PageText } from './document/index.js';
export { processFile, runStages, buildStages, type PipelineOptions } from './pipeline.js';
export { ingestFile, formatOf, SUPPORTED_EXTENSIONS, type IngestResult, type RawPage } from './ingest/index.js';
export { OcrEngine, type OcrOptions } from './ocr/index.js';
export { writeOutputs, toJson, writeFileAtomic } from './export/index.js';
export { collectInputs, runBatch, type BatchResult, type BatchOptions } from './batch/index.js';
export { InputError, isInputError, describeError, type InputErrorCode } from './errors.js';
export { restoreText, needsRestoration, invalidShare, type RestoreOptions, type RestoreResult } from './restore/index.js';
export { diffDocuments, onlyChanges, type DiffOptions } from './diff/index.js';
export type { PlanDiff } from './diff/types.js';
export { buildMatrix } from './diff/matrix.js';
export { renderDiff, DIFF_FORMATS, type DiffFormat } from './report/diff.js';
export { renderMatrix, COMPARE_FORMATS, type CompareFormat } from './report/compare.js';
export { renderDocumentHtml } from './report/document.js';
export { loadDocument, loadDocuments } from './batch/load.js';
