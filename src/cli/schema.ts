import { Command } from 'commander';
import { planJsonSchema } from '../schema/index.js';

/** `vnplan schema`: prints the JSON Schema of the output, generated from the zod schema. */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('Print the JSON Schema (draft 2020-12) that every vnplan JSON output validates against')
    .action(() => {
      process.stdout.write(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
    });
}
