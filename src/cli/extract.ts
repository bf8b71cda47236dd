import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import path from 'node:path';
import type { BatchResult } from '../batch/index.js';
import { RestoreSpeed } from '../schema/index.js';

/**
 * Parses a positive integer option such as `--jobs 4`.
 *
 * @example
 * positiveInt('4') // 4; positiveInt('0') throws 'expected a whole number ≥ 1'
 */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

interface ExtractOptions {
  out: string;
  jobs?: number;
  lang: string;
  restore: string;
  restoreSpeed: RestoreSpeed;
  force?: boolean;
  format: 'json' | 'ndjson' | 'html';
  progress: boolean;
}

/** A progress bar on stderr, only for a person watching: never when piped, never in CI. */
function progressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY || process.env.CI) return undefined;
  return new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {value}/{total} | ok {ok} · cached {cached} · failed {failed} | {file}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
}

/**
 * One line per failed input; a bug shows its first line and points at the stack in index.json.
 *
 * @example
 * failureLine({ input: 'plans/rỗng.txt', status: 'failed', error: 'plans/rỗng.txt: file is empty', … }) // '  plans/rỗng.txt: file is empty'
 */
export function failureLine(r: BatchResult): string {
  if (!r.bug) return `  ${r.error}`;
  return `  ${r.input}: unexpected error (a vnplan bug, please report it): ${(r.error ?? '').split('\n')[0]}`;
}

/**
 * `vnplan extract <inputs...> --out <dir>`
 *
 * @example
 * program.addCommand(extractCommand()) // vnplan extract corpus --out output
 */
export function extractCommand(): Command {
  return new Command('extract')
    .description('Extract plans into <out>/<name>.json (structured data) and <out>/<name>.txt (the text spans point into)')
    .argument('<inputs...>', 'files (.txt .pdf .png .jpg .tif .docx) or folders (searched recursively)')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-j, --jobs <n>', 'files processed at once, and OCR workers (default: CPU cores)', positiveInt)
    .option('--lang <lang>', 'OCR language: vie, eng or vie+eng', 'vie')
    .option('--restore <mode>', 'diacritic restoration: auto (when the text needs it), always, never', 'auto')
    .addOption(
      new Option('--restore-speed <speed>', 'how to restore: accurate, or fast (about 1.3 times as fast, about a sixth more wrong words; see vnplan restore --help)')
        .choices(RestoreSpeed.options)
        .default('accurate'),
    )
    .option('-f, --force', 'process every input again, even those unchanged since the last run')
    .addOption(
      new Option('--format <format>', 'json: files in <out>; html: also <out>/<name>.html, a report linking every item to its source text; ndjson: one JSON document per line on stdout (files only with an explicit --out)')
        .choices(['json', 'ndjson', 'html'])
        .default('json'),
    )
    .option('--no-progress', 'no progress bar (it is shown only on a terminal, never when piped or with CI=true)')
    .addHelpText(
      'after',
      `
Each input gives <out>/<name>.json, validated against \`vnplan schema\`, and <out>/<name>.txt; line numbers
and offsets in the JSON point into the .txt. <out>/index.json lists every input: status (ok, cached,
failed), error, timings, output paths and sha256.

A re-run skips inputs whose content, vnplan version and options are unchanged (status "cached");
--force redoes them. The index is updated while the batch runs, so an interrupted run resumes;
Ctrl-C finishes the files in progress, writes the index and exits 130 (twice: quit at once).
A file that cannot be read is reported (one line each, at the end) and skipped; the others are still
processed. vnplan refuses an --out folder where outputs would overwrite inputs.

Exit codes: 0 all inputs done, 1 some inputs failed, 2 usage error, 130 interrupted.

Examples:
  vnplan extract corpus --out output
  vnplan extract plans/ --jobs 2 --restore always
  vnplan extract ocr-text/ --restore-speed fast       many text files from an OCR without Vietnamese
  vnplan extract plans/ --format html                 also output/<name>.html, to read and check
  vnplan extract plans/ --format ndjson | jq -c '{p: .document.province, n: (.targets | length)}'`,
    )
    .action(async (inputs: string[], opts: ExtractOptions, cmd: Command) => {
      if (!['auto', 'always', 'never'].includes(opts.restore)) {
        throw new InvalidArgumentError(`--restore must be auto, always or never (got "${opts.restore}")`);
      }
      // Loaded here, not at the top: `vnplan --help` and the other commands need none of it.
      const { BatchUsageError, checkOutFolder, checkOutputs, collectInputs, INDEX_FILE, runBatch } = await import('../batch/index.js');
      const ndjson = opts.format === 'ndjson';
      // With ndjson the documents go to stdout; files are written only when --out is given explicitly.
      const out = ndjson && cmd.getOptionValueSource('out') === 'default' ? undefined : opts.out;
      let items;
      try {
        if (out) await checkOutFolder(inputs, out);
        items = await collectInputs(inputs, { exclude: out ? [out] : [] });
        if (items.length === 0) {
          console.error(`vnplan: no supported files found in ${inputs.join(', ')}`);
          process.exitCode = 1;
          return;
        }
        if (out) await checkOutputs(inputs, items, out, opts.format === 'html');
      } catch (error) {
        if (error instanceof BatchUsageError) {
          console.error(`vnplan extract: ${error.message}`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }

      if (ndjson) process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error; // `| head` closing the pipe is not an error
      });
      // Ctrl-C once: finish the files in progress, write the index, exit 130 (a re-run resumes).
      // Ctrl-C twice: quit at once.
      const controller = new AbortController();
      const onSigint = () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
        bar?.stop();
        console.error('vnplan: interrupted; finishing the files in progress (Ctrl-C again to quit now)');
      };
      process.on('SIGINT', onSigint);
      const bar = progressBar(opts.progress);
      const counts = { ok: 0, cached: 0, failed: 0 };
      const started = performance.now();
      const results = await runBatch(items, {
        out,
        jobs: opts.jobs,
        force: opts.force,
        html: opts.format === 'html',
        restore: opts.restore as 'auto' | 'always' | 'never',
        restoreSpeed: opts.restoreSpeed,
        ocr: { lang: opts.lang, jobs: opts.jobs },
        onStart: (total) => bar?.start(total, 0, { ...counts, file: '' }),
        onResult: (r) => {
          counts[r.status]++;
          bar?.increment({ ...counts, file: path.basename(r.input) });
        },
        signal: controller.signal,
        onDocument: ndjson
          ? async (doc) => {
              if (!process.stdout.write(`${JSON.stringify(doc)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
            }
          : undefined,
      });
      bar?.stop();
      process.off('SIGINT', onSigint);

      const failed = results.filter((r) => r.status === 'failed');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const parts = [`${counts.ok} extracted`, ...(counts.cached ? [`${counts.cached} unchanged (cached)`] : []), ...(failed.length ? [`${failed.length} failed`] : [])];
      const where = out ? ` → ${path.join(out, INDEX_FILE)}` : '';
      console.error(`vnplan: ${results.length} input${results.length === 1 ? '' : 's'} in ${seconds} s: ${parts.join(', ')}${where}`);
      if (failed.length) {
        console.error('failed:');
        for (const r of failed) console.error(failureLine(r));
        process.exitCode = 1;
      }
      if (controller.signal.aborted) {
        console.error(`vnplan: interrupted after ${results.length} of ${items.length} inputs; run the same command again to continue`);
        process.exitCode = 130;
      }
    });
}
