import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanDocument } from '../../src/schema/index.js';
import { extractText, readGold, scoreGold } from '../support/score-gold.js';
import { withoutDiacritics } from '../../src/restore/syllable.js';

const here = (p: string) => join(import.meta.dirname, '..', p);

describe('Lâm Đồng plan against its hand-checked gold', async () => {
  const doc = await extractText(readFileSync(here('fixtures/gold/002.input.txt'), 'utf8'), 'lam-dong.txt');
  const score = scoreGold(doc, readGold(here('fixtures/gold/002.extract.json')));

  it('validates against the schema', () => {
    expect(() => PlanDocument.parse(doc)).not.toThrow();
  });
  it('finds the targets (horizon + metrics + text), F1 ≥ 0.95', () => {
    expect(score.targets.missed).toEqual([]);
    expect(score.targets.f1).toBeGreaterThanOrEqual(0.95);
  });
  it('finds the bodies with their roles, F1 ≥ 0.9', () => {
    expect(score.bodies.f1).toBeGreaterThanOrEqual(0.9);
  });
  it('classifies the top-level sections in order', () => {
    expect(score.sectionKinds.predicted).toEqual(score.sectionKinds.gold);
  });
  it('reads the document metadata', () => {
    expect(score.document).toEqual(Object.fromEntries(Object.keys(score.document).map((k) => [k, true])));
  });
});


// Genre fixtures (other themes and layouts, hand-annotated): thresholds from the issue.
const genreDir = here('fixtures/genre');
const cases = existsSync(genreDir)
  ? readdirSync(genreDir).filter((c) => existsSync(join(genreDir, c, 'gold.json')) && existsSync(join(genreDir, c, 'input.txt'))).sort()
  : [];

describe.each(cases)('genre fixture %s', async (c) => {
  const doc = await extractText(readFileSync(join(genreDir, c, 'input.txt'), 'utf8'), `${c}.txt`);
  const score = scoreGold(doc, readGold(join(genreDir, c, 'gold.json')));
  it('validates against the schema', () => {
    expect(() => PlanDocument.parse(doc)).not.toThrow();
  });
  it('classifies the top-level sections in order', () => {
    expect(score.sectionKinds.predicted).toEqual(score.sectionKinds.gold);
  });
  it('targets F1 ≥ 0.9', () => {
    expect(score.targets.f1).toBeGreaterThanOrEqual(0.9);
  });
  it('bodies F1 ≥ 0.85', () => {
    expect(score.bodies.f1).toBeGreaterThanOrEqual(0.85);
  });
  it.runIf(score.tasks !== undefined)('tasks with assigned bodies F1 ≥ 0.8', () => {
    expect(score.tasks!.f1).toBeGreaterThanOrEqual(0.8);
  });
});

// The same fixtures with every Vietnamese mark removed, as OCR without Vietnamese leaves them: the
// structure, targets and bodies must survive (scoring is diacritic-insensitive).
const allCases = [{ id: '002-lam-dong', input: here('fixtures/gold/002.input.txt'), gold: here('fixtures/gold/002.extract.json') }, ...cases.map((c) => ({ id: c, input: join(genreDir, c, 'input.txt'), gold: join(genreDir, c, 'gold.json') }))];

describe.each(allCases)('without diacritics: $id', async ({ input, gold }) => {
  const doc = await extractText(withoutDiacritics(readFileSync(input, 'utf8')), 'stripped.txt');
  const score = scoreGold(doc, readGold(gold));
  it('keeps the section kinds, targets F1 ≥ 0.9 and bodies F1 ≥ 0.85', () => {
    expect(() => PlanDocument.parse(doc)).not.toThrow();
    expect(score.sectionKinds.predicted).toEqual(score.sectionKinds.gold);
    expect(score.targets.f1).toBeGreaterThanOrEqual(0.9);
    expect(score.bodies.f1).toBeGreaterThanOrEqual(0.85);
  });
});

// Users' files come decomposed (NFD) and with the old tone placement ("hoà", "Uỷ"): equal for users.
describe('Lâm Đồng plan in NFD with old tone placement', async () => {
  const oldStyle = (t: string) =>
    t.normalize('NFD').replace(/([oOuU])([\u0300\u0301\u0309\u0303\u0323])([aAeEyY])(?![\p{L}])/gu, '$1$3$2');
  const text = oldStyle(readFileSync(here('fixtures/gold/002.input.txt'), 'utf8'));
  const doc = await extractText(text, 'nfd.txt');
  const score = scoreGold(doc, readGold(here('fixtures/gold/002.extract.json')));
  it('scores as the clean text does', () => {
    expect(text).not.toBe(text.normalize('NFC'));
    expect(score.targets.f1).toBeGreaterThanOrEqual(0.95);
    expect(score.bodies.f1).toBeGreaterThanOrEqual(0.9);
    expect(score.sectionKinds.predicted).toEqual(score.sectionKinds.gold);
  });
});
