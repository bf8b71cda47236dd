import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { describeError, isInputError } from '../errors.js';
import { writeFileAtomic, writeOutputs, type OutputPaths } from '../export/index.js';
import { formatOf } from '../ingest/index.js';
import { OcrEngine } from '../ocr/index.js';
import { processFile, type PipelineOptions } from '../pipeline.js';
import type { PlanDocument } from '../schema/index.js';

/** One input of a batch and where its outputs go. */
export interface BatchItem {
  input: string;
  /** Output name without extension, relative to the output folder (subfolders mirrored). */
  name: string;
}

/** What happened to one input. */
export interface BatchResult {
  input: string;
  status: 'ok' | 'failed';
  error?: string;
  /** Set when the failure was not bad input but an unexpected error (a vnplan bug). */
  bug?: boolean;
  outputs?: OutputPaths;
  ms: number;
  doc?: PlanDocument;
}

export interface BatchOptions extends PipelineOptions {
  out: string;
  jobs?: number;
  onStart?: (total: number) => void;
  onResult?: (result: BatchResult) => void;
}

/**
 * Expands files and folders (recursively) into batch items. Files named explicitly are kept whatever
 * their extension, so an unsupported one is reported rather than silently skipped; inside folders only
 * supported formats are taken.
 *
 * @example
 * await collectInputs(['corpus']) // [{ input: 'corpus/lam-dong-4423-KH-UBND-2023.txt', name: 'lam-dong-4423-KH-UBND-2023' }, …]
 */
export async function collectInputs(paths: string[]): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const file of await walk(p)) {
        if (formatOf(file)) items.push({ input: file, name: stripExt(path.relative(p, file)) });
      }
    } else items.push({ input: p, name: stripExt(path.basename(p)) });
  }
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item.name) ?? 0) + 1;
    seen.set(item.name, n);
    return n === 1 ? item : { ...item, name: `${item.name}-${n}` };
  });
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(full)));
    else if (e.isFile()) files.push(full);
  }
  return files;
}

function stripExt(file: string): string {
  return file.slice(0, file.length - path.extname(file).length);
}

/**
 * Processes many inputs concurrently, isolating failures: one bad file never stops the others.
 * Writes each document's JSON and text, then `index.json` listing every input's status.
 *
 * @example
 * const results = await runBatch(await collectInputs(['corpus']), { out: 'output' });
 * results.filter((r) => r.status === 'failed').length // 0
 */
export async function runBatch(items: BatchItem[], options: BatchOptions): Promise<BatchResult[]> {
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const ocr = new OcrEngine({ ...options.ocr, jobs: options.ocr?.jobs ?? jobs });
  const limit = pLimit(jobs);
  options.onStart?.(items.length);
  try {
    const results = await Promise.all(
      items.map((item) =>
        limit(async (): Promise<BatchResult> => {
          const t = performance.now();
          let result: BatchResult;
          try {
            const doc = await processFile(item.input, options, { ocr });
            const outputs = await writeOutputs(doc, options.out, item.name);
            result = { input: item.input, status: 'ok', outputs, ms: performance.now() - t, doc };
          } catch (error) {
            // Bugs are isolated too (with their stack), so one odd file never costs the user the rest.
            result = {
              input: item.input,
              status: 'failed',
              error: describeError(error),
              ...(isInputError(error) ? {} : { bug: true }),
              ms: performance.now() - t,
            };
          }
          options.onResult?.(result);
          return result;
        }),
      ),
    );
    await writeIndex(options.out, results);
    return results;
  } finally {
    await ocr.close();
  }
}

async function writeIndex(out: string, results: BatchResult[]): Promise<void> {
  const index = {
    schema: 'vnplan/batch-index',
    version: '1.0.0',
    generated: new Date().toISOString(),
    inputs: results.map(({ doc, ...r }) => ({ ...r, ms: Math.round(r.ms), sha256: doc?.source.sha256 })),
  };
  await writeFileAtomic(path.join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}
