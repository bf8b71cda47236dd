import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { OcrEngine } from '../ocr/index.js';
import type { PipelineOptions } from '../pipeline.js';
import { PlanDocument } from '../schema/index.js';
import { collectInputs, INDEX_FILE } from './index.js';

/**
 * Reads a plan for diff, compare or report: a `.json` written by `vnplan extract` is validated and
 * used as is; any other input (text, PDF, scan, Word) is extracted on the fly.
 *
 * @example
 * const doc = await loadDocument('output/lam-dong-4423-KH-UBND-2023.json');
 * doc.document?.province // 'Lâm Đồng'
 */
export async function loadDocument(file: string, options: PipelineOptions = {}, ctx: { ocr?: OcrEngine } = {}): Promise<PlanDocument> {
  if (!isJson(file)) {
    const { processFile } = await import('../pipeline.js'); // only sources need the pipeline
    return processFile(file, options, ctx);
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('not-found', file, 'no such file');
    if (code) throw new InputError('unreadable', file, `cannot read: ${code}`);
    throw new InputError('bad-json', file, `not valid JSON: ${(error as Error).message}`);
  }
  const schema = (data as { schema?: unknown })?.schema;
  if (schema === 'vnplan/batch-index') throw new InputError('bad-json', file, 'this is a batch index; pass the folder or one of the document JSON files it lists');
  const parsed = PlanDocument.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError('bad-json', file, `not a vnplan document (${issue.path.join('.') || 'root'}: ${issue.message}); run \`vnplan extract\` on the source first`);
  }
  return parsed.data;
}

/**
 * Expands files and folders into plan files for compare: a folder of `vnplan extract` output gives
 * its document JSON files; a folder of sources gives its supported files, extracted on the fly.
 *
 * @example
 * await expandPlanInputs(['output']) // ['output/lai-chau-3430-KH-UBND-2023.ocr.json', 'output/lam-dong-4423-KH-UBND-2023.json', …]
 */
export async function expandPlanInputs(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info?.isDirectory()) {
      files.push(p);
      continue;
    }
    const jsons = await documentJsons(p);
    if (jsons.length) files.push(...jsons);
    else files.push(...(await collectInputs([p])).map((i) => i.input));
  }
  return files;
}

async function documentJsons(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await documentJsons(full)));
    else if (e.isFile() && e.name.endsWith('.json') && e.name !== INDEX_FILE) {
      // Only JSON that vnplan wrote: peek at the schema name, not the whole validation.
      const head = (await readFile(full, 'utf8').catch(() => '')).slice(0, 200);
      if (head.includes('"vnplan/plan-document"')) out.push(full);
    }
  }
  return out;
}

const isJson = (file: string) => path.extname(file).toLowerCase() === '.json';

/**
 * Loads many plans with one shared OCR pool (scans are OCR'd once each, in parallel); each input
 * succeeds or fails on its own, so one unreadable plan does not sink a comparison of twenty.
 *
 * @example
 * const settled = await loadDocumentsSettled(['output/a.json', 'corpus/b.txt']);
 * settled.filter((s) => s.status === 'fulfilled').length // 2
 */
export async function loadDocumentsSettled(files: string[], options: PipelineOptions = {}): Promise<PromiseSettledResult<PlanDocument>[]> {
  const ocr = files.some((f) => !isJson(f)) ? new (await import('../ocr/index.js')).OcrEngine(options.ocr) : undefined;
  try {
    return await Promise.allSettled(files.map((f) => loadDocument(f, options, { ocr })));
  } finally {
    await ocr?.close();
  }
}

/**
 * Loads many plans; throws the first failure (for `vnplan diff`, where both sides are needed).
 *
 * @example
 * const [a, b] = await loadDocuments(['output/a.json', 'output/b.json']);
 */
export async function loadDocuments(files: string[], options: PipelineOptions = {}): Promise<PlanDocument[]> {
  const settled = await loadDocumentsSettled(files, options);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<PlanDocument>).value);
}
