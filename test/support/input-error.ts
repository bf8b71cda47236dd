import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ingestFile } from '../../src/ingest/index.js';

/** Ingests a file that must be refused, and returns the InputError it was refused with. */
export async function ingestFailure(file: string): Promise<InputError> {
  const error = await ingestFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}
