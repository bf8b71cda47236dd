import { Command, InvalidArgumentError } from 'commander';

/** Parses a positive integer option such as `--jobs 4`. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

/** `vnplan extract <inputs...> --out <dir>` */
export function extractCommand(): Command {
  return new Command('extract')
    .description('Extract plans into <out>/<name>.json (structured data) and <out>/<name>.txt (the text spans point into)')
    .argument('<inputs...>', 'files (.txt .pdf .png .jpg .tif .docx) or folders (searched recursively)')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-j, --jobs <n>', 'files processed at once, and OCR workers (default: CPU cores)', positiveInt)
    .option('--lang <lang>', 'OCR language: vie, eng or vie+eng', 'vie')
    .option('--restore <mode>', 'diacritic restoration: auto (when the text needs it), always, never', 'auto')
    .addHelpText(
      'after',
      `
Each input gives <out>/<name>.json, validated against \`vnplan schema\`, and <out>/<name>.txt; line numbers
and offsets in the JSON point into the .txt. <out>/index.json lists every input with its status.
A file that cannot be read is reported on one line and skipped; the others are still processed (exit 1).

Examples:
  vnplan extract corpus --out output
  vnplan extract plans/ --jobs 2 --restore always`,
    )
    .action(async (inputs: string[], opts: { out: string; jobs?: number; lang: string; restore: string }) => {
      if (!['auto', 'always', 'never'].includes(opts.restore)) {
        throw new InvalidArgumentError(`--restore must be auto, always or never (got "${opts.restore}")`);
      }
      // Loaded here, not at the top, so `--help` and other commands start without the pipeline.
      const { collectInputs, runBatch } = await import('../batch/index.js');
      const items = await collectInputs(inputs);
      if (items.length === 0) {
        console.error(`vnplan: no supported files found in ${inputs.join(', ')}`);
        process.exitCode = 1;
        return;
      }
      const results = await runBatch(items, {
        out: opts.out,
        jobs: opts.jobs,
        restore: opts.restore as 'auto' | 'always' | 'never',
        ocr: { lang: opts.lang, jobs: opts.jobs },
        onResult: (r) => {
          if (r.status === 'failed') console.error(r.error);
        },
      });
      const failed = results.filter((r) => r.status === 'failed').length;
      console.error(`vnplan: ${results.length - failed} of ${results.length} written to ${opts.out}/${failed ? `, ${failed} failed` : ''}`);
      if (failed) process.exitCode = 1;
    });
}
