import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { loadDocuments } from '../batch/load.js';
import { diffDocuments, DIFF_DEFAULTS, onlyChanges } from '../diff/index.js';
import { isInputError } from '../errors.js';
import { DIFF_FORMATS, renderDiff, type DiffFormat } from '../report/diff.js';

/**
 * Parses a similarity threshold in (0, 1].
 *
 * @example
 * unitInterval('0.6') // 0.6; unitInterval('2') throws
 */
export function unitInterval(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('expected a number in (0, 1], e.g. 0.5');
  return n;
}

/**
 * Runs `fn`, turning bad input into one line on stderr and exit code 1 (a bug still throws).
 *
 * @example
 * await reportInputErrors(() => loadDocument('a.json'))
 */
export async function reportInputErrors(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!isInputError(error)) throw error;
    console.error(`vnplan: ${error.toString()}`);
    process.exitCode = 1;
  }
}

/**
 * Writes to a file when `-o` is given, else to stdout.
 *
 * @example
 * await emit('# Lâm Đồng ↔ Sóc Trăng\n', 'so-sanh.md')
 */
export async function emit(text: string, out?: string): Promise<void> {
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

/**
 * `vnplan diff <a> <b>`: what changed between two plans.
 *
 * @example
 * program.addCommand(diffCommand()) // vnplan diff lam-dong.json soc-trang.json --format md
 */
export function diffCommand(): Command {
  return new Command('diff')
    .description('Compare two plans: targets aligned by horizon and indicator (figures changed, only in A, only in B), bodies and their roles')
    .argument('<a>', 'a plan: JSON written by `vnplan extract`, or a source file (.txt .pdf .docx, scan) extracted on the fly')
    .argument('<b>', 'the other plan')
    .addOption(new Option('--format <format>', 'text (aligned table), md, json or html (self-contained page with both source texts, every figure linked to its passage)').choices([...DIFF_FORMATS]).default('text'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--changes-only', 'leave out targets whose figures and bodies whose roles are the same (still counted in the summary)')
    .option('--threshold <x>', `minimum indicator similarity to pair two targets (default ${DIFF_DEFAULTS.targetThreshold})`, unitInterval)
    .option('--restore <mode>', 'for source files: diacritic restoration auto, always or never', 'auto')
    .option('--lang <lang>', 'for scans: OCR language', 'vie')
    .addHelpText(
      'after',
      `
Targets of the same horizon are paired by how alike their indicators read (diacritics, case and OCR slips
do not matter); a pair is "changed" when its figures differ ("67%" vs "> 65%"). A target left alone that
resembles one already paired is flagged "merged?": the other plan folded two indicators into one bullet.
Bodies are paired by name or alias; "role changed" when lead/coordinate differ.
Exit codes: 0 done, 1 an input could not be read (one line naming it), 2 usage error.

Examples:
  vnplan diff output/lam-dong-4423-KH-UBND-2023.json output/soc-trang-chuyen-doi-so-bao-chi-2023.ocr.json
  vnplan diff corpus/a.txt corpus/b.pdf --format html -o a-vs-b.html
  vnplan diff a.json b.json --changes-only           only what differs
  vnplan diff a.json b.json --format json | jq '.targets.matched[] | select(.status == "changed")'`,
    )
    .action(async (a: string, b: string, opts: { format: DiffFormat; out?: string; threshold?: number; restore: string; lang: string; changesOnly?: boolean }) =>
      reportInputErrors(async () => {
        const [da, db] = await loadDocuments([a, b], { restore: opts.restore as 'auto', ocr: { lang: opts.lang } });
        let diff = diffDocuments(da, db, { targetThreshold: opts.threshold });
        if (opts.changesOnly) diff = onlyChanges(diff);
        diff.a.path = a;
        diff.b.path = b;
        await emit(renderDiff(diff, opts.format, process.stdout.columns || 120, { a: da, b: db }), opts.out);
      }),
    );
}
