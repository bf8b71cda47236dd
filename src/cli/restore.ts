import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { withoutInvisibles } from '../document/index.js';
import { decodeText } from '../ingest/txt.js';
import { restoreText } from '../restore/index.js';
import { RestoreSpeed } from '../schema/index.js';

/**
 * The text to restore, decoded as `extract` decodes a text file (UTF-8, UTF-16 with a BOM, legacy
 * TCVN3/VNI/Windows-1258): a binary file is refused with a clear error instead of restoring the
 * replacement characters its bytes decode to. Invisible characters inside words (soft hyphens,
 * zero-width spaces) are dropped, as extract drops them.
 */
async function readInput(file: string): Promise<string> {
  const name = file === '-' ? '(standard input)' : file;
  const { text, note } = decodeText(await readBytes(file), name);
  if (note) process.stderr.write(`vnplan restore: ${name}: ${note}\n`);
  return withoutInvisibles(text);
}

async function readBytes(file: string): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('not-found', file, 'no such file');
    throw new InputError('unreadable', file, `cannot read: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * `vnplan restore <file|->`: prints the text with Vietnamese diacritics and OCR confusions
 * restored; `--explain` lists every change with its confidence and alternatives.
 *
 * @example
 * // $ echo 'Chién lwgc chuyén ddi sé' | vnplan restore - --mode always
 * // Chiến lược chuyển đổi số
 */
export function restoreCommand(): Command {
  return new Command('restore')
    .description('Restore Vietnamese diacritics and fix OCR letter confusions (text from an OCR engine without Vietnamese)')
    .argument('<file>', 'a UTF-8 text file, or - for standard input')
    .addOption(
      new Option('-m, --mode <mode>', 'auto: only if the text looks garbled; always; never').choices(['auto', 'always', 'never']).default('auto'),
    )
    .addOption(
      new Option('-s, --speed <speed>', 'accurate, or fast (about 1.3 times as fast, about a sixth more wrong words)')
        .choices(RestoreSpeed.options)
        .default('accurate'),
    )
    .option('-e, --explain', 'after the text, list each change: line, before → after, confidence, alternatives', false)
    .option('--min-confidence <n>', 'with --explain, list only changes below this confidence', parseFloat)
    .option('--json', 'print the result as JSON (text, figures, every word with its confidence)', false)
    .addHelpText(
      'after',
      `
How it works: every word is matched against all valid Vietnamese syllables through an OCR
confusion model learned from synthetic scans (ư→w, ộ→6, đ→d/P, ủ→ti…), and a syllable trigram
language model picks the reading that fits the sentence. Case, numbers, punctuation, URLs and
line breaks are kept. In auto mode clean Vietnamese is printed unchanged.

Speed: accurate (the default) reads each document twice, the first time to learn the words it
uses; fast reads it once, learning them as it goes, and searches fewer readings. On held-out
synthetic scans (npm run bench:restore, which also prints both speeds' syllables a second):
accurate gets 98.3% of words right, fast 98.1% at about 1.3 to 1.4 times the speed.
OCR is far slower than either: fast pays off on large batches of text that was OCR'd already.

Examples:
  vnplan restore soc-trang.ocr.txt > soc-trang.txt
  vnplan restore soc-trang.ocr.txt --explain --min-confidence 0.8   review the uncertain changes
  vnplan restore big-batch.ocr.txt --speed fast > big-batch.txt
  echo 'Thuc hién Quyét dinh s6 348/QD-TTg' | vnplan restore - --mode always
      → Thực hiện Quyết định số 348/QĐ-TTg`,
    )
    .action(async (file: string, opts: { mode: 'auto' | 'always' | 'never'; speed: RestoreSpeed; explain: boolean; minConfidence?: number; json: boolean }) => {
      const text = await readInput(file);
      const r = restoreText(text, { mode: opts.mode, speed: opts.speed });
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...r, words: r.words.filter((w) => w.changed) }, null, 2) + '\n');
        return;
      }
      process.stdout.write(r.text.endsWith('\n') ? r.text : `${r.text}\n`);
      if (!opts.explain) return;
      const lineStarts = [0];
      for (let i = 0; i < r.text.length; i++) if (r.text[i] === '\n') lineStarts.push(i + 1);
      const lineOf = (off: number) => {
        let lo = 0;
        let hi = lineStarts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (lineStarts[mid] <= off) lo = mid;
          else hi = mid - 1;
        }
        return lo + 1;
      };
      const err = process.stderr;
      err.write(`\n# ${r.reason}\n`);
      err.write(
        `# invalid syllables ${(r.invalidShareBefore * 100).toFixed(1)}%` +
          (r.invalidShareAfter === undefined ? '' : ` → ${(r.invalidShareAfter * 100).toFixed(1)}%`) +
          `, ${r.changed}/${r.tokens} words changed` +
          (r.meanConfidence === undefined ? '' : `, mean confidence ${r.meanConfidence.toFixed(3)}`) +
          '\n',
      );
      for (const w of r.words) {
        if (!w.changed) continue;
        if (opts.minConfidence !== undefined && w.confidence >= opts.minConfidence) continue;
        // Scores as stored (3 decimals): an alternative listed has a score above 0 there, and
        // 2 decimals would print some at 0.00.
        const alts = w.alternatives.map((a) => `${a.text} ${a.score.toFixed(3)}`).join(', ');
        err.write(`${String(lineOf(w.start)).padStart(5)}  ${w.from} → ${w.to}  (${w.confidence.toFixed(2)})${alts ? `  or: ${alts}` : ''}\n`);
      }
    });
}
