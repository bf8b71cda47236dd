import { Command } from 'commander';
import { loadDocument } from '../batch/load.js';
import { renderDocumentHtml } from '../report/document.js';
import { emit, reportInputErrors } from './diff.js';

/**
 * `vnplan report <input>`: one document's extraction as a self-contained HTML page.
 *
 * @example
 * program.addCommand(reportCommand()) // vnplan report output/lam-dong.json -o lam-dong.html
 */
export function reportCommand(): Command {
  return new Command('report')
    .description('One plan as a self-contained HTML page: sections, targets, bodies, tasks, each linked to its source text (highlighted)')
    .argument('<input>', 'a JSON written by `vnplan extract`, or a source file extracted on the fly')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--restore <mode>', 'for source files: diacritic restoration auto, always or never', 'auto')
    .addHelpText(
      'after',
      `
The page needs no network and no other file: open it in any browser, mail it, archive it. Click a
line reference (L37) to see the passage highlighted in the source text; the address (#span-2811-2823)
can be shared. \`vnplan extract --format html\` writes the same page for every document of a batch.
Exit codes: 0 done, 1 the input could not be read (one line naming it), 2 usage error.

Examples:
  vnplan report output/lam-dong-4423-KH-UBND-2023.json -o lam-dong.html
  vnplan report corpus/lam-dong-4423-KH-UBND-2023.txt > lam-dong.html`,
    )
    .action(async (input: string, opts: { out?: string; restore: string }) =>
      reportInputErrors(async () => {
        const doc = await loadDocument(input, { restore: opts.restore as 'auto' });
        await emit(renderDocumentHtml(doc), opts.out);
      }),
    );
}
