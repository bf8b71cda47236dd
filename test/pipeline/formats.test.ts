import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textToPdf } from '../../scripts/lib/text-pdf.js';
import { processFile } from '../../src/pipeline.js';
import { readGold, scoreGold } from '../support/score-gold.js';
import { ROOT } from '../support/run-cli.js';

// The gold plans as digital PDFs (text layer, wrapped lines, ruled appendix table): extraction must
// score as on the text. Scanned twins are measured by scripts/eval-formats.ts (OCR is too slow here).
const CASES = [
  { input: 'test/fixtures/gold/002.input.txt', gold: 'test/fixtures/gold/002.extract.json' },
  { input: 'test/fixtures/genre/environment-appendix-table-binh-dinh/input.txt', gold: 'test/fixtures/genre/environment-appendix-table-binh-dinh/gold.json' },
  { input: 'test/fixtures/genre/digital-economy-hcmc/input.txt', gold: 'test/fixtures/genre/digital-economy-hcmc/gold.json' },
];

describe('digital PDFs of the gold plans', () => {
  for (const c of CASES) {
    it(`extracts ${path.basename(path.dirname(c.input))}/${path.basename(c.input)} from a PDF as from text`, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-formats-'));
      const pdf = path.join(dir, 'plan.pdf');
      await writeFile(pdf, await textToPdf((await readFile(path.join(ROOT, c.input), 'utf8')).replace(/\*\*/g, '')));
      const doc = await processFile(pdf);
      expect(doc.pages.length).toBeGreaterThan(1);
      expect(doc.pages.every((p) => p.method === 'text-layer')).toBe(true);
      const score = scoreGold(doc, readGold(path.join(ROOT, c.gold)));
      expect(score.sectionKinds.equal).toBe(true);
      expect(score.targets.f1).toBeGreaterThanOrEqual(0.95);
      expect(score.bodies.f1).toBeGreaterThanOrEqual(0.9);
      if (score.tasks) expect(score.tasks.f1).toBeGreaterThanOrEqual(0.9);
    });
  }
});
