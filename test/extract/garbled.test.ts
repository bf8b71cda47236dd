import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docOf } from '../support/make-doc.js';
import { extractStage } from '../../src/extract/index.js';
import { normalizeStage } from '../../src/normalize/index.js';
import { PlanDocument } from '../../src/schema/index.js';
import { segmentStage } from '../../src/segment/index.js';
import { makeGarbler } from '../support/garble.js';
import { extractText, readGold, scoreGold } from '../support/score-gold.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const genreDir = join(fixtures, 'genre');
const cases = [
  { id: '002-lam-dong', input: join(fixtures, 'gold', '002.input.txt'), gold: join(fixtures, 'gold', '002.extract.json') },
  ...(existsSync(genreDir) ? readdirSync(genreDir) : [])
    .filter((c) => existsSync(join(genreDir, c, 'gold.json')) && existsSync(join(genreDir, c, 'input.txt')))
    .sort()
    .map((c) => ({ id: c, input: join(genreDir, c, 'input.txt'), gold: join(genreDir, c, 'gold.json') })),
];

describe('every stage’s output validates against the schema', () => {
  it.each(cases)('$id', async ({ input }) => {
    const text = readFileSync(input, 'utf8');
    let doc = docOf(text, 'text', 'in.txt');
    for (const stage of [segmentStage(), extractStage(), normalizeStage()]) {
      doc = await stage(doc, {});
      expect(() => PlanDocument.parse(doc)).not.toThrow();
    }
  });
});

// The fixtures garbled with the OCR channel learned by restoration (an engine without Vietnamese), read
// WITHOUT restoration: a regression guard on OCR-tolerant matching, over all fixtures together.
// Measured when written (npx tsx scripts/score-gold.ts --garble): mean targets F1 0.95, bodies F1 0.92 (9 documents).
describe('garbled fixtures without restoration', () => {
  it('keep the structure and most targets and bodies', async () => {
    let targets = 0;
    let bodies = 0;
    let kinds = 0;
    for (const c of cases) {
      const doc = await extractText(makeGarbler(1)(readFileSync(c.input, 'utf8')), 'garbled.txt');
      expect(() => PlanDocument.parse(doc)).not.toThrow();
      const s = scoreGold(doc, readGold(c.gold));
      targets += s.targets.f1;
      bodies += s.bodies.f1;
      kinds += s.sectionKinds.equal ? 1 : 0;
    }
    expect(kinds / cases.length).toBeGreaterThanOrEqual(0.85);
    expect(targets / cases.length).toBeGreaterThanOrEqual(0.85);
    expect(bodies / cases.length).toBeGreaterThanOrEqual(0.8);
  });
});
