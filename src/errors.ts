/**
 * Why an input could not be read. Bad input is not a bug: it prints as one line naming the file,
 * e.g. `plans/a.pdf: cannot read PDF: file is truncated`, and the batch goes on.
 */
export type InputErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'unsupported-format'
  | 'bad-encoding'
  | 'bad-pdf'
  | 'encrypted-pdf'
  | 'bad-image'
  | 'bad-docx'
  | 'ocr-failed'
  | 'bad-json';

/**
 * An input vnplan cannot read, with a code for programs and a one-line message for people.
 *
 * @example
 * new InputError('bad-pdf', 'plans/a.pdf', 'cannot read PDF: file is truncated').toString()
 * // 'plans/a.pdf: cannot read PDF: file is truncated'
 */
export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly file: string;

  constructor(code: InputErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
    this.code = code;
    this.file = file;
  }

  override toString(): string {
    return `${this.file}: ${this.message}`;
  }
}

/** True for errors that describe bad input rather than a bug in vnplan. */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}

/** One line for an input error; the whole stack for anything else (that is a bug worth reporting). */
export function describeError(error: unknown): string {
  if (isInputError(error)) return error.toString();
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
