#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isInputError } from '../errors.js';
import { extractCommand } from './extract.js';
import { ocrCommand } from './ocr.js';
import { schemaCommand } from './schema.js';
import { diffCommand } from './diff.js';
import { compareCommand } from './compare.js';
import { reportCommand } from './report.js';
import { restoreCommand } from './restore.js';

/** Exit codes: 0 all good, 1 some inputs failed (the others were still processed), 2 usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The `vnplan` program. Each command lives in its own file and only parses arguments; the work is
 * done by the library (batch, pipeline, stages).
 */
export function buildProgram(): Command {
  const program = new Command('vnplan')
    .description(
      'Turn Vietnamese provincial plans (Kế hoạch UBND tỉnh) — text, PDF, scans, Word — into structured JSON:\n' +
        'sections, targets, tasks and responsible bodies, each with its source position and a confidence.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  vnplan extract corpus --out output          every plan in corpus/ → output/<name>.json + .txt
  vnplan extract ke-hoach.pdf scan.png -o out  PDFs (text layer or OCR per page) and images
  vnplan ocr scan.pdf                          print the OCR text of a scan (Vietnamese, offline)
  vnplan restore garbled.txt --explain         restore diacritics in OCR text, each change explained
  vnplan diff a.json b.json --format md        what changed between two provinces' plans
  vnplan compare output/ --format csv          targets of many plans side by side
  vnplan report output/plan.json -o plan.html  one plan as an HTML page linked to its source text
  vnplan schema > vnplan.schema.json           the JSON Schema every output validates against

Exit codes: 0 all inputs done, 1 some inputs failed (the others are still written), 2 usage error.`,
    );
  program.addCommand(extractCommand());
  program.addCommand(ocrCommand());
  for (const command of [restoreCommand, diffCommand, compareCommand, reportCommand, schemaCommand]) program.addCommand(command());
  return program;
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      // Errors thrown from an action (not from parsing) have not been printed yet.
      if (error.code === 'commander.invalidArgument' && !error.message.startsWith('error:')) console.error(`vnplan: ${error.message}`);
      return EXIT.usage;
    }
    // Bad input is one line naming the file; anything else is a bug and keeps its stack.
    if (isInputError(error)) {
      console.error(error.toString());
      return EXIT.failed;
    }
    throw error;
  }
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isEntry) {
  main(process.argv).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(70);
    },
  );
}
