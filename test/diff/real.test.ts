// End to end on the two sample plans: the real pipeline (restoration, segmentation, extraction),
// then the diff. The expectations were written by reading both documents (see
// test/fixtures/diff/*.annotations.json); only what the extraction must get right is asserted.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffDocuments, foldName, type PlanDiff } from '../../src/diff/index.js';
import { processFile } from '../../src/pipeline.js';
import { renderDiff, DIFF_FORMATS } from '../../src/report/diff.js';
import { ROOT } from '../support/run-cli.js';

describe('vnplan diff of the real Lâm Đồng and Sóc Trăng extractions', () => {
  let d: PlanDiff;
  beforeAll(async () => {
    const [a, b] = await Promise.all(
      ['lam-dong-4423-KH-UBND-2023.txt', 'soc-trang-chuyen-doi-so-bao-chi-2023.ocr.txt'].map((f) => processFile(path.join(ROOT, 'corpus', f))),
    );
    d = diffDocuments(a, b);
  });

  const row = (year: number, a: string, b: string) =>
    d.targets.matched.find((m) => m.horizon === year && m.a.values === a && m.b.values === b);

  it('finds the changed figures', () => {
    expect(row(2025, '67%', '> 65%')?.status).toBe('changed');
    expect(row(2025, '33,5%; ≥ 20%; 5–10%', '—')?.status).toBe('changed');
    expect(row(2030, '67%; ≥ 20%', '—')?.status).toBe('changed');
    const analytics = d.targets.matched.find((m) => m.horizon === 2030 && m.a.values === '100%' && /^≥ 1\b/.test(m.b.values));
    expect(analytics?.a.text).toMatch(/phân tích/);
  });

  it('finds the indicators both plans set alike', () => {
    const same = d.targets.matched.filter((m) => m.status === 'same').map((m) => m.a.text);
    expect(same.some((t) => /điện tử tỉnh có giải pháp đảm bảo an toàn/.test(t))).toBe(true);
    expect(same.some((t) => /^100% lãnh đạo/.test(t))).toBe(true);
  });

  it('lists the Lâm Đồng targets Sóc Trăng lacks, and nothing Sóc Trăng-only', () => {
    const onlyA = d.targets.onlyA.map((t) => t.text);
    for (const re of [/Lang Bian/, /tự chủ/, /^Hàng năm/, /^Tiếp tục duy trì/]) expect(onlyA.some((t) => re.test(t)), String(re)).toBe(true);
    expect(d.targets.onlyB).toEqual([]);
  });

  it('finds the bodies of one plan only', () => {
    expect(d.bodies.onlyA.map((b) => b.name)).toContain('Cục Báo chí');
    expect(d.bodies.onlyB.some((b) => foldName(b.name).includes('huyen thi xa thanh pho'))).toBe(true);
    expect(d.bodies.matched.some((m) => m.a.name === 'Sở Thông tin và Truyền thông')).toBe(true);
  });

  it('says so in every format', () => {
    for (const format of DIFF_FORMATS) {
      const out = renderDiff(d, format, 200);
      expect(out, format).toMatch(format === 'html' ? /&gt; 65%/ : /> 65%/);
      expect(out, format).toContain('33,5%');
    }
  });
});
