import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, WRITTEN_DIR } from '../../src/restore/model.js';

/**
 * Whether a genre fixture is held out of language-model training for the benchmark: a fixed
 * hash of its name, so the split is stable as fixtures are added and nobody picks it by hand.
 * About half are held out.
 */
export function isHeldOut(name: string): boolean {
  return parseInt(createHash('sha1').update(`vnplan-holdout:${name}`).digest('hex').slice(0, 2), 16) % 2 === 0;
}

/** A held-out document: its name and clean text. */
export interface HeldOutDoc {
  name: string;
  text: string;
}

/**
 * The benchmark's held-out plans: genre fixtures held out of the LM (never in it) and written
 * plans held out (in the shipped LM, so a test LM is rebuilt without them). Throws when a held-out
 * fixture has leaked into the genre corpus.
 *
 * @example
 * heldOutPlans(committedGenreText()).written.length // 33
 */
export function heldOutPlans(genre: HeldOutDoc[]): { fixtures: HeldOutDoc[]; written: HeldOutDoc[] } {
  const genreDir = path.join(ROOT, 'test', 'fixtures', 'genre');
  const fixtures = existsSync(genreDir)
    ? readdirSync(genreDir)
        .filter((n) => existsSync(path.join(genreDir, n, 'input.txt')) && isHeldOut(n))
        .sort()
        .map((n) => ({ name: n, text: readFileSync(path.join(genreDir, n, 'input.txt'), 'utf8').normalize('NFC') }))
    : [];
  const trained = new Set(genre.map((g) => g.name));
  for (const h of fixtures) if (trained.has(h.name)) throw new Error(`${h.name} is held out but in dictionaries/genre-corpus.txt: rerun scripts/build-dictionaries.ts`);
  const written = genre.filter((g) => existsSync(path.join(WRITTEN_DIR, `${g.name}.txt`)) && isHeldOut(g.name));
  return { fixtures, written };
}

/**
 * The render setting (`variedOptions` index) of a benchmark document: `base` (100 for the test set,
 * 200 for dev; make-ocr-pairs skips 100–299) plus a hash of its name, so that adding documents does
 * not move the others' settings and their cached OCR.
 *
 * @example
 * renderSetting('lam-dong-4423-KH-UBND-2023', 200) // 200–299
 */
export function renderSetting(name: string, base: number): number {
  return base + (parseInt(createHash('sha1').update(name).digest('hex').slice(0, 6), 16) % 100);
}

/**
 * Pages with fewer printed lines (of 36 on a full page) are left out of benchmark OCR: the English
 * model can spend 5–10 minutes on the noise of a mostly blank last page, for a handful of words.
 */
export const MIN_PAGE_LINES = 24;
