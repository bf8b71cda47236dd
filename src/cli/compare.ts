import { Command, Option } from 'commander';
import { expandPlanInputs, loadDocumentsSettled } from '../batch/load.js';
import { buildMatrix } from '../diff/matrix.js';
import { describeError, isInputError } from '../errors.js';
import { COMPARE_FORMATS, renderMatrix, type CompareFormat } from '../report/compare.js';
import type { PlanDocument } from '../schema/index.js';
import { emit, unitInterval } from './diff.js';

/**
 * `vnplan compare <inputs...>`: the targets of many plans in one matrix.
 *
 * @example
 * program.addCommand(compareCommand()) // vnplan compare output/ --format csv --bom
 */
export function compareCommand(): Command {
  return new Command('compare')
    .description('Targets of many plans side by side: one row per indicator and horizon, one column per province')
    .argument('<inputs...>', 'JSON files from `vnplan extract`, a folder of them (e.g. output/), or source files/folders extracted on the fly')
    .addOption(new Option('--format <format>', 'csv, md, html (self-contained page) or json').choices([...COMPARE_FORMATS]).default('csv'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--bom', 'start the CSV with a UTF-8 byte-order mark (Excel needs it to show Vietnamese)')
    .option('--threshold <x>', 'minimum indicator similarity to put two targets in one row (default 0.5)', unitInterval)
    .option('--restore <mode>', 'for source files: diacritic restoration auto, always or never', 'auto')
    .addHelpText(
      'after',
      `
Each cell holds a plan's figures for that indicator ("67%", "≥ 20%", "—" when the target has no figure);
an empty cell means the plan has no such target. Inputs that cannot be read are reported and left out
(exit 1); the matrix is still written for the others.
Exit codes: 0 done, 1 an input could not be read (one line naming it), 2 usage error.

Examples:
  vnplan compare output/ --format md
  vnplan compare output/ --bom -o targets.csv
  vnplan compare corpus/ --format html -o targets.html`,
    )
    .action(async (inputs: string[], opts: { format: CompareFormat; out?: string; bom?: boolean; threshold?: number; restore: string }) => {
      const files = await expandPlanInputs(inputs);
      const loaded: { doc: PlanDocument; file: string }[] = [];
      const settled = await loadDocumentsSettled(files, { restore: opts.restore as 'auto' });
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') loaded.push({ doc: s.value, file: files[i] });
        else {
          if (!isInputError(s.reason)) throw s.reason;
          console.error(`vnplan: ${describeError(s.reason)}`);
          process.exitCode = 1;
        }
      });
      if (!loaded.length) {
        console.error('vnplan compare: no plan could be read');
        process.exitCode = 1;
        return;
      }
      const matrix = buildMatrix(
        loaded.map((l) => l.doc),
        { threshold: opts.threshold, paths: loaded.map((l) => l.file) },
      );
      await emit(renderMatrix(matrix, opts.format, { bom: opts.bom }), opts.out);
    });
}
