import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { describeError, InputError, isInputError } from '../errors.js';
import { writeFileAtomic, writeOutputs, type OutputPaths } from '../export/index.js';
import { formatOf } from '../ingest/formats.js';
import type { OcrEngine } from '../ocr/index.js';
import type { PipelineOptions, processFile as ProcessFile } from '../pipeline.js';
import { renderDocumentHtml } from '../report/document.js';
import { PlanDocument, SCHEMA_VERSION } from '../schema/index.js';

/**
 * vnplan's own version, part of the cache key: a new vnplan re-extracts everything.
 *
 * @example
 * VNPLAN_VERSION // '0.1.0'
 */
export const VNPLAN_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Name of the batch index written in the output folder.
 *
 * @example
 * path.join('output', INDEX_FILE) // 'output/index.json'
 */
export const INDEX_FILE = 'index.json';

/**
 * One input of a batch and where its outputs go.
 *
 * @example
 * { input: 'ke-hoach/so-trang/3430-KH-UBND.pdf', name: 'so-trang/3430-KH-UBND' }
 */
export interface BatchItem {
  input: string;
  /** Output name without extension, relative to the output folder (subfolders mirrored). */
  name: string;
}

/**
 * Where a document's outputs were written: JSON and text always, the HTML report when asked.
 *
 * @example
 * { json: 'output/lam-dong.json', txt: 'output/lam-dong.txt', html: 'output/lam-dong.html' }
 */
export type BatchOutputs = OutputPaths & { html?: string };

/**
 * What happened to one input. `cached`: unchanged since a previous run, outputs kept as they were.
 *
 * @example
 * { input: 'corpus/lam-dong.txt', name: 'lam-dong', status: 'cached', ms: 3, sha256: '77a8…', outputs: { … } }
 */
export interface BatchResult {
  input: string;
  name: string;
  status: 'ok' | 'failed' | 'cached';
  error?: string;
  /** Set when the failure was not bad input but an unexpected error (a vnplan bug). */
  bug?: boolean;
  outputs?: BatchOutputs;
  /** Wall time for this input, in milliseconds. */
  ms: number;
  /** Milliseconds per pipeline stage (from the document, also for cached inputs). */
  timings?: Record<string, number>;
  sha256?: string;
  bytes?: number;
  cacheKey?: string;
  /** The document, only with `keepDocs` (a batch of thousands must not hold them all). */
  doc?: PlanDocument;
}

/**
 * How {@link runBatch} runs: where outputs go, how many inputs at once, cache and report options.
 *
 * @example
 * await runBatch(items, { out: 'output', jobs: 2, force: false, html: true, restore: 'auto' })
 */
export interface BatchOptions extends PipelineOptions {
  /** Output folder. Without it nothing is written and nothing is cached (e.g. ndjson to stdout). */
  out?: string;
  jobs?: number;
  /** Redo every input, ignoring the cache. */
  force?: boolean;
  /** Also write `<name>.html`, the report linking every item to its source text. */
  html?: boolean;
  /** Keep each document on its result (tests, small batches). */
  keepDocs?: boolean;
  onStart?: (total: number) => void;
  onResult?: (result: BatchResult) => void;
  /** Called with each document as soon as it is ready (fresh or from the cache), in completion order. */
  onDocument?: (doc: PlanDocument, result: BatchResult) => void | Promise<void>;
  /** Stops starting new inputs (Ctrl-C): those in progress finish, the index is written as partial. */
  signal?: AbortSignal;
}

/**
 * A batch that must not start: its outputs would overwrite its inputs, or the output folder is an
 * input folder. The CLI prints the message and exits 2 (usage).
 *
 * @example
 * new BatchUsageError('--out corpus would overwrite the input corpus/lam-dong.txt').message
 */
export class BatchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchUsageError';
  }
}

/**
 * Expands files and folders (recursively) into batch items. Files named explicitly are kept whatever
 * their extension, so an unsupported one is reported rather than silently skipped; inside folders only
 * supported formats are taken. Hidden entries and the folders in `exclude` (the output folder when it
 * sits inside an input folder) are skipped.
 *
 * @example
 * await collectInputs(['corpus']) // [{ input: 'corpus/lam-dong-4423-KH-UBND-2023.txt', name: 'lam-dong-4423-KH-UBND-2023' }, …]
 */
export async function collectInputs(paths: string[], options: { exclude?: string[] } = {}): Promise<BatchItem[]> {
  const exclude = new Set((options.exclude ?? []).map((p) => path.resolve(p)));
  const items: BatchItem[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const file of await walk(p, exclude)) {
        if (formatOf(file)) items.push({ input: file, name: stripExt(path.relative(p, file)) });
      }
    } else items.push({ input: p, name: stripExt(path.basename(p)) });
  }
  // A file reached twice (named and inside a named folder, or named twice) is processed once.
  const unique = new Set<string>();
  const once = items.filter((item) => {
    const key = path.resolve(item.input);
    if (unique.has(key)) return false;
    unique.add(key);
    return true;
  });
  const seen = new Map<string, number>();
  return once.map((item) => {
    const n = (seen.get(item.name) ?? 0) + 1;
    seen.set(item.name, n);
    return n === 1 ? item : { ...item, name: `${item.name}-${n}` };
  });
}

async function walk(dir: string, exclude: Set<string>): Promise<string[]> {
  if (exclude.has(path.resolve(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(full, exclude)));
    else if (e.isFile()) files.push(full);
  }
  return files;
}

function stripExt(file: string): string {
  return file.slice(0, file.length - path.extname(file).length);
}

/**
 * The output paths of one item.
 *
 * @example
 * outputPathsOf('output', 'so-trang/3430-KH-UBND', true).html // 'output/so-trang/3430-KH-UBND.html'
 */
export function outputPathsOf(out: string, name: string, html = false): BatchOutputs {
  return {
    json: path.join(out, `${name}.json`),
    txt: path.join(out, `${name}.txt`),
    ...(html ? { html: path.join(out, `${name}.html`) } : {}),
  };
}

async function resolved(p: string): Promise<string> {
  return realpath(p).catch(() => path.resolve(p));
}

/**
 * Refuses a batch whose outputs would land on one of its inputs (`--out corpus` with
 * `corpus/x.ocr.txt` would write `corpus/x.ocr.txt`), or whose output folder is one of the input
 * folders (the next run would read its own outputs back as inputs).
 *
 * @example
 * await checkOutputs(['corpus'], items, 'corpus') // throws BatchUsageError
 */
export async function checkOutputs(inputs: string[], items: BatchItem[], out: string, html = false): Promise<void> {
  await checkOutFolder(inputs, out);
  const outDir = await resolved(out);
  const inputPaths = new Set(await Promise.all(items.map((i) => resolved(i.input))));
  for (const item of items) {
    const outputs = outputPathsOf(out, item.name, html);
    for (const file of [...Object.values(outputs), path.join(out, INDEX_FILE)]) {
      const target = path.join(outDir, path.relative(out, file));
      if (inputPaths.has(target) || inputPaths.has(await resolved(file))) {
        throw new BatchUsageError(`refusing to overwrite the input ${file} with an output of ${item.input}; choose another --out folder`);
      }
    }
  }
}

/**
 * Refuses an output folder that is one of the input folders: outputs would overwrite inputs or be
 * read back as inputs by the next run. (An output folder inside an input folder is fine: it is skipped.)
 *
 * @example
 * await checkOutFolder(['corpus'], 'corpus') // throws BatchUsageError
 */
export async function checkOutFolder(inputs: string[], out: string): Promise<void> {
  const outDir = await resolved(out);
  for (const p of inputs) {
    const info = await stat(p).catch(() => undefined);
    if (info?.isDirectory() && (await resolved(p)) === outDir) {
      throw new BatchUsageError(`--out ${out} is the input folder ${p}: outputs would overwrite inputs or be read back as inputs; choose another folder`);
    }
  }
}

/**
 * The cache key of one input: its content hash, vnplan's version, the schema version and every
 * option that changes the extraction. Same key, same JSON and text. (The HTML report is not part of
 * it: asked for later, it is rendered from the cached JSON.)
 *
 * @example
 * cacheKeyOf('9f2c…', { restore: 'auto' }) // 'c1d5…' (64 hex digits)
 */
export function cacheKeyOf(sha256: string, options: PipelineOptions): string {
  const relevant = { sha256, vnplan: VNPLAN_VERSION, schema: SCHEMA_VERSION, restore: options.restore ?? 'auto', restoreSpeed: options.restoreSpeed ?? 'accurate', lang: options.ocr?.lang ?? 'vie' };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex');
}

/**
 * One entry of `index.json`.
 *
 * @example
 * { input: 'plans/junk.pdf', name: 'junk', status: 'failed', error: 'plans/junk.pdf: cannot read PDF: not a PDF file', ms: 2 }
 */
export type IndexEntry = Omit<BatchResult, 'doc'>;

/**
 * The batch index written to `<out>/index.json`.
 *
 * @example
 * { schema: 'vnplan/batch-index', summary: { total: 8, ok: 3, cached: 0, failed: 5, ms: 6100 }, inputs: [ … ] }
 */
export interface BatchIndex {
  schema: 'vnplan/batch-index';
  version: string;
  vnplan: string;
  generated: string;
  /** True while the batch runs (the index is also written as results come, so a killed run resumes). */
  partial: boolean;
  options: { restore: string; restoreSpeed: string; lang: string; html: boolean; jobs: number; force: boolean };
  summary: { total: number; ok: number; cached: number; failed: number; ms: number };
  inputs: IndexEntry[];
}

/**
 * Reads a previous `index.json`, or nothing when it is missing or unreadable (then every input is
 * processed again, which is always safe).
 *
 * @example
 * (await readIndex('output'))?.inputs.length // 3
 */
export async function readIndex(out: string): Promise<BatchIndex | undefined> {
  try {
    const index = JSON.parse(await readFile(path.join(out, INDEX_FILE), 'utf8')) as BatchIndex;
    return index?.schema === 'vnplan/batch-index' && Array.isArray(index.inputs) ? index : undefined;
  } catch {
    return undefined;
  }
}

async function hashFile(file: string): Promise<{ sha256: string; bytes: number } | undefined> {
  try {
    const bytes = await readFile(file);
    return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  } catch {
    return undefined; // processFile reports why (missing, unreadable) as an InputError
  }
}

async function filesExist(files: string[]): Promise<boolean> {
  const infos = await Promise.all(files.map((f) => stat(f).catch(() => undefined)));
  return infos.every((i) => i?.isFile() && i.size > 0);
}

/**
 * Processes many inputs concurrently, isolating failures: one bad file never stops the others.
 * Writes each document's JSON and text (and HTML report with `html`), then `index.json` listing every
 * input with its status, error, timings, outputs and hash. An input whose content, vnplan version
 * and options are unchanged since the last run is not processed again (`cached`) unless `force`.
 *
 * @example
 * const results = await runBatch(await collectInputs(['corpus']), { out: 'output' });
 * results.map((r) => r.status) // ['ok', 'ok', 'ok']; a second run gives ['cached', 'cached', 'cached']
 */
export async function runBatch(items: BatchItem[], options: BatchOptions): Promise<BatchResult[]> {
  const started = performance.now();
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const html = Boolean(options.html);
  const out = options.out;
  const previous = out && !options.force ? await readIndex(out) : undefined;
  const cache = new Map((previous?.inputs ?? []).filter((e) => e.status !== 'failed').map((e) => [path.resolve(e.input), e]));
  // The pipeline (stages, dictionaries, OCR) loads only when an input must really be processed: a
  // re-run where everything is cached starts in a fraction of the time.
  let engine: Promise<{ processFile: typeof ProcessFile; ocr: OcrEngine }> | undefined;
  const pipeline = () =>
    (engine ??= Promise.all([import('../pipeline.js'), import('../ocr/index.js')]).then(([p, o]) => ({
      processFile: p.processFile,
      ocr: new o.OcrEngine({ ...options.ocr, jobs: options.ocr?.jobs ?? jobs }),
    })));
  const limit = pLimit(jobs);
  const results: (BatchResult | undefined)[] = new Array(items.length);
  const indexWriter = out ? new IndexWriter(out, () => buildIndex(results, options, jobs, performance.now() - started, true)) : undefined;
  options.onStart?.(items.length);

  const runOne = async (item: BatchItem): Promise<BatchResult> => {
    const t = performance.now();
    const hash = await hashFile(item.input);
    const cacheKey = hash ? cacheKeyOf(hash.sha256, options) : undefined;
    const base = { input: item.input, name: item.name, ...(hash ? { sha256: hash.sha256, bytes: hash.bytes, cacheKey } : {}) };

    const hit = cacheKey && out ? cache.get(path.resolve(item.input)) : undefined;
    const expected = out ? outputPathsOf(out, item.name, html) : undefined;
    if (hit && expected && hit.cacheKey === cacheKey && hit.outputs?.json === expected.json && (await filesExist([expected.json, expected.txt]))) {
      const result: BatchResult = { ...base, status: 'cached', outputs: expected, ms: 0, ...(hit.timings ? { timings: hit.timings } : {}) };
      // The report of a cached document is rendered from its JSON when asked for and missing.
      const needHtml = Boolean(expected.html) && !(await filesExist([expected.html!]));
      if (options.onDocument || options.keepDocs || needHtml) {
        const doc = await readDocument(expected.json);
        if (needHtml) await writeFileAtomic(expected.html!, renderDocumentHtml(doc));
        await options.onDocument?.(doc, result);
        if (options.keepDocs) result.doc = doc;
      }
      result.ms = performance.now() - t;
      return result;
    }

    try {
      const { processFile, ocr } = await pipeline();
      const doc = await processFile(item.input, options, { ocr });
      let outputs: BatchOutputs | undefined;
      if (out) {
        outputs = await writeOutputs(doc, out, item.name);
        if (html) {
          outputs.html = outputPathsOf(out, item.name, true).html;
          await writeFileAtomic(outputs.html!, renderDocumentHtml(doc));
        }
      }
      const result: BatchResult = { ...base, status: 'ok', ...(outputs ? { outputs } : {}), ms: performance.now() - t, ...(doc.timings ? { timings: roundTimings(doc.timings) } : {}) };
      await options.onDocument?.(doc, result);
      if (options.keepDocs) result.doc = doc;
      return result;
    } catch (error) {
      // Bugs are isolated too (with their stack), so one odd file never costs the user the rest.
      return { ...base, status: 'failed', error: describeError(error), ...(isInputError(error) ? {} : { bug: true }), ms: performance.now() - t };
    }
  };

  try {
    await Promise.all(
      items.map((item, i) =>
        limit(async () => {
          if (options.signal?.aborted) return;
          const result = await runOne(item);
          results[i] = result;
          options.onResult?.(result);
          indexWriter?.schedule();
        }),
      ),
    );
  } finally {
    if (engine) await (await engine).ocr.close();
  }
  // Interrupted: the inputs never started are left out of the index, which stays marked partial.
  const interrupted = results.filter((r) => r !== undefined).length < items.length; // (results is sparse)
  if (out) {
    await indexWriter!.close();
    await writeFileAtomic(path.join(out, INDEX_FILE), `${JSON.stringify(buildIndex(results, options, jobs, performance.now() - started, interrupted), null, 2)}\n`);
  }
  return results.filter((r): r is BatchResult => r !== undefined);
}

async function readDocument(file: string): Promise<PlanDocument> {
  try {
    return PlanDocument.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new InputError('bad-json', file, `cached output is not a valid vnplan document: ${(error as Error).message.split('\n')[0]}`);
  }
}

function roundTimings(t: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}

function buildIndex(results: (BatchResult | undefined)[], options: BatchOptions, jobs: number, ms: number, partial: boolean): BatchIndex {
  const done = results.filter((r): r is BatchResult => r !== undefined);
  return {
    schema: 'vnplan/batch-index',
    version: '1.2.0',
    vnplan: VNPLAN_VERSION,
    generated: new Date().toISOString(),
    partial,
    options: { restore: options.restore ?? 'auto', restoreSpeed: options.restoreSpeed ?? 'accurate', lang: options.ocr?.lang ?? 'vie', html: Boolean(options.html), jobs, force: Boolean(options.force) },
    summary: {
      total: results.length,
      ok: done.filter((r) => r.status === 'ok').length,
      cached: done.filter((r) => r.status === 'cached').length,
      failed: done.filter((r) => r.status === 'failed').length,
      ms: Math.round(ms),
    },
    inputs: done.map(({ doc: _doc, ...r }) => ({ ...r, ms: Math.round(r.ms) })),
  };
}

/**
 * Writes the partial index at most once a second while a batch runs, so a run killed halfway keeps
 * what it finished: the next run finds those inputs in the cache.
 */
class IndexWriter {
  private last = 0;
  private timer?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly out: string,
    private readonly build: () => BatchIndex,
  ) {}

  schedule(): void {
    if (this.closed || this.timer) return;
    const wait = Math.max(0, 1000 - (Date.now() - this.last));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.last = Date.now();
      const index = this.build();
      this.chain = this.chain.then(() => writeFileAtomic(path.join(this.out, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`)).catch(() => {});
    }, wait);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
  }
}
