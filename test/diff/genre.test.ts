// Diff on plans it was not written against: the genre fixtures (other themes, layouts, provinces).
// Two checks a user relies on: plans of different themes share no indicator, and a plan re-issued
// with other figures pairs every indicator with itself and reports exactly the figures that changed.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { processFile } from '../../src/pipeline.js';
import type { PlanDocument } from '../../src/schema/index.js';
import { ROOT } from '../support/run-cli.js';

const GENRE = path.join(ROOT, 'test/fixtures/genre');

describe('diff on the genre fixtures', () => {
  let cases: string[];
  let docs: PlanDocument[];
  let dir: string;

  beforeAll(async () => {
    cases = (await readdir(GENRE, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    docs = await Promise.all(cases.map((c) => processFile(path.join(GENRE, c, 'input.txt'), { restore: 'never' })));
    dir = await mkdtemp(path.join(tmpdir(), 'vnplan-genre-diff-'));
  });

  it('pairs no indicator between plans of different themes', () => {
    const pairs: string[] = [];
    for (let i = 0; i < docs.length; i++)
      for (let j = i + 1; j < docs.length; j++)
        for (const m of diffDocuments(docs[i], docs[j]).targets.matched) pairs.push(`${cases[i]} / ${cases[j]}: ${m.a.subject} <> ${m.b.subject}`);
    expect(pairs).toEqual([]);
  });

  it('pairs a re-issued plan with itself and reports exactly the changed figures', async () => {
    let checked = 0;
    for (const [i, c] of cases.entries()) {
      const a = docs[i];
      if (a.targets.length < 2) continue;
      // Re-issue: every second target gets its first percentage raised by 5 points.
      const text = await readFile(path.join(GENRE, c, 'input.txt'), 'utf8');
      let edited = text;
      const changedIds = new Set<string>();
      for (const [k, t] of a.targets.entries()) {
        if (k % 2 === 1) continue;
        const pct = t.metrics.find((m) => m.unit === '%' && m.comparator !== 'range' && m.value <= 95);
        if (!pct) continue;
        const bullet = a.text.slice(t.span.start, t.span.end);
        const raw = `${String(pct.value).replace('.', ',')}%`;
        if (!bullet.includes(raw) || !edited.includes(bullet)) continue;
        edited = edited.replace(bullet, bullet.replace(raw, `${String(pct.value + 5).replace('.', ',')}%`));
        changedIds.add(t.id);
      }
      if (!changedIds.size) continue;
      const file = path.join(dir, `${c}.txt`);
      await writeFile(file, edited);
      const b = await processFile(file, { restore: 'never' });
      const d = diffDocuments(a, b);
      expect(d.targets.onlyA.length + d.targets.onlyB.length, c).toBe(Math.abs(a.targets.length - b.targets.length));
      const changed = d.targets.matched.filter((m) => m.status === 'changed').map((m) => m.a.id);
      expect(new Set(changed), c).toEqual(changedIds);
      // Each indicator pairs with the same bullet of the re-issued plan, not a look-alike.
      const index = (list: PlanDocument['targets'], id: string) => list.findIndex((t) => t.id === id);
      if (a.targets.length === b.targets.length) for (const m of d.targets.matched) expect(index(b.targets, m.b.id), `${c}: ${m.a.subject}`).toBe(index(a.targets, m.a.id));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});
