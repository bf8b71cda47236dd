import { describe, expect, it } from 'vitest';
import { diffDocuments, foldSubject, formatMetric, formatMetrics, formatNumber, nameSimilarity, PlanDiff, subjectSimilarity } from '../../src/diff/index.js';
import { PlanDocument } from '../../src/schema/index.js';
import { annotatedDocument } from '../fixtures/diff/build.js';

const lamDong = annotatedDocument('lam-dong');
const socTrang = annotatedDocument('soc-trang');

/** The Lâm Đồng target whose text starts with `prefix`. */
const ld = (prefix: string) => {
  const t = lamDong.targets.find((x) => x.text.startsWith(prefix));
  if (!t) throw new Error(`no Lâm Đồng target "${prefix}"`);
  return t.id;
};
const st = (prefix: string) => {
  const t = socTrang.targets.find((x) => x.text.startsWith(prefix));
  if (!t) throw new Error(`no Sóc Trăng target "${prefix}"`);
  return t.id;
};

describe('diff of the Lâm Đồng and Sóc Trăng plans (hand-annotated extractions of the real texts)', () => {
  const d = diffDocuments(lamDong, socTrang);
  const pair = (a: string) => d.targets.matched.find((m) => m.a.id === a);

  it('validates and names both sides by province', () => {
    expect(PlanDiff.parse(d)).toBeTruthy();
    expect(d.a.label).toBe('Lâm Đồng');
    expect(d.b.label).toBe('Sóc Trăng');
  });

  it('pairs the indicators both plans share, across diacritics and OCR damage', () => {
    // Read from the two documents: these four 2025 and three 2030 bullets are the same indicators.
    expect(pair(ld('67% cơ quan báo chí tỉnh đưa'))?.b.id).toBe(st('Trén 65%'));
    expect(pair(ld('100% cơ quan báo chí điện tử'))?.b.id).toBe(st('100% co quan béo chi dién tir'));
    expect(pair(ld('Các cơ quan báo chí tỉnh tối ưu hóa nguồn thu, trong đó 33,5%'))?.b.id).toBe(st('C4c co quan'));
    expect(pair(ld('100% lãnh đạo'))?.b.id).toBe(st('100% lanh dao'));
    expect(pair(ld('100% cơ quan báo chí tỉnh sử dụng'))?.b.id).toBe(st('It nhat mot'));
    expect(pair(ld('Các cơ quan báo chí tỉnh tối ưu hóa nguồn thu, trong đó 67%'))?.b.id).toBe(st('Céc co quan bao chi cua tinh t6i uvu'));
    // Sóc Trăng merges "đưa nội dung lên nền tảng số" and "tòa soạn hội tụ" into one 2030 bullet:
    // it pairs with one of the two Lâm Đồng bullets, the other is flagged as resembling it.
    const merged = st('100% co quan bao chi cua tinh dua');
    const candidates = [ld('100% cơ quan báo chí tỉnh đưa'), ld('100% cơ quan báo chí tỉnh hoạt động')];
    const paired = d.targets.matched.find((m) => m.b.id === merged);
    expect(candidates).toContain(paired?.a.id);
    const other = d.targets.onlyA.find((t) => candidates.includes(t.id));
    expect(other?.resembles?.id).toBe(merged);
    expect(d.targets.onlyB).toEqual([]);
  });

  it('reports the changed figures: 67% vs > 65%, 33,5% vs none, 100% vs at least one', () => {
    const first = pair(ld('67% cơ quan báo chí tỉnh đưa'))!;
    expect([first.status, first.a.values, first.b.values]).toEqual(['changed', '67%', '> 65%']);
    const revenue = pair(ld('Các cơ quan báo chí tỉnh tối ưu hóa nguồn thu, trong đó 33,5%'))!;
    expect([revenue.status, revenue.a.values, revenue.b.values]).toEqual(['changed', '33,5%; ≥ 20%; 5–10%', '—']);
    const analytics = pair(ld('100% cơ quan báo chí tỉnh sử dụng'))!;
    expect([analytics.status, analytics.a.values, analytics.b.values]).toEqual(['changed', '100%', '≥ 1 cơ quan báo chí']);
    const revenue2030 = pair(ld('Các cơ quan báo chí tỉnh tối ưu hóa nguồn thu, trong đó 67%'))!;
    expect([revenue2030.status, revenue2030.a.values, revenue2030.b.values]).toEqual(['changed', '67%; ≥ 20%', '—']);
    expect(pair(ld('100% cơ quan báo chí điện tử'))!.status).toBe('same');
    expect(pair(ld('100% lãnh đạo'))!.status).toBe('same');
    expect(d.summary).toMatchObject({ targetsChanged: 4, targetsSame: 3, targetsOnlyA: 7, targetsOnlyB: 0 });
  });

  it('lists the Lâm Đồng targets Sóc Trăng does not have', () => {
    const onlyA = d.targets.onlyA.map((t) => t.id);
    for (const prefix of ['67% cơ quan báo chí tỉnh sử dụng', 'Tiếp tục duy trì', 'Hàng năm', '67% cơ quan báo chí tỉnh tự chủ', 'Tạp chí Lang Bian', '67% cơ quan báo chí tỉnh hoạt động']) {
      expect(onlyA, prefix).toContain(ld(prefix));
    }
  });

  it('pairs bodies by name and reports role changes and bodies of one plan only', () => {
    const body = (name: string) => d.bodies.matched.find((m) => m.a.name === name);
    expect(body('Sở Thông tin và Truyền thông')?.roleChanged).toBe(false);
    expect(body('Sở Tài chính')).toMatchObject({ roleChanged: true, a: { roles: ['lead'] }, b: { roles: ['coordinate'] } });
    expect(body('Các cơ quan báo chí tỉnh')).toMatchObject({ roleChanged: true, a: { roles: ['coordinate', 'lead'] }, b: { roles: ['lead'] } });
    expect(body('Các sở, ban, ngành thuộc tỉnh')?.b.name).toBe('Các sở, ban, ngành tỉnh');
    expect(d.bodies.onlyA.map((b) => b.name).sort()).toEqual(
      ['Cục Báo chí', 'Các cơ quan chủ quản báo chí', 'Các sở, ban, ngành, địa phương', 'Ủy ban nhân dân các huyện, thành phố Đà Lạt, Bảo Lộc'].sort(),
    );
    expect(d.bodies.onlyB.map((b) => b.name)).toEqual(['Ủy ban nhân dân các huyện, thị xã, thành phố']);
  });

  it('is symmetric: B against A pairs the same targets and bodies', () => {
    const r = diffDocuments(socTrang, lamDong);
    const pairs = (x: PlanDiff, flip: boolean) => x.targets.matched.map((m) => (flip ? `${m.b.id}|${m.a.id}` : `${m.a.id}|${m.b.id}`)).sort();
    expect(pairs(r, true)).toEqual(pairs(d, false));
    expect(r.summary.bodiesRoleChanged).toBe(d.summary.bodiesRoleChanged);
  });
});

describe('diff on edge cases', () => {
  it('finds nothing between a plan and itself', () => {
    const d = diffDocuments(lamDong, lamDong);
    expect(d.targets.matched).toHaveLength(lamDong.targets.length);
    expect(d.targets.matched.every((m) => m.status === 'same' && m.a.id === m.b.id)).toBe(true);
    expect(d.bodies.matched.every((m) => !m.roleChanged)).toBe(true);
    expect(d.targets.onlyA.length + d.targets.onlyB.length + d.bodies.onlyA.length + d.bodies.onlyB.length).toBe(0);
  });

  it('ignores diacritics and case but sees a changed figure', () => {
    const stripped = structuredClone(lamDong);
    for (const t of stripped.targets) t.subject = t.subject.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toUpperCase();
    stripped.targets[0].metrics = [{ value: 70, unit: '%', comparator: '=' }];
    const d = diffDocuments(lamDong, PlanDocument.parse(stripped));
    expect(d.targets.matched).toHaveLength(lamDong.targets.length);
    expect(d.targets.matched.filter((m) => m.status === 'changed').map((m) => [m.a.values, m.b.values])).toEqual([['67%', '70%']]);
  });

  it('never pairs targets of different horizons', () => {
    const moved = structuredClone(lamDong);
    for (const t of moved.targets) t.horizon = (t.horizon ?? 0) + 100;
    const d = diffDocuments(lamDong, PlanDocument.parse(moved));
    expect(d.targets.matched).toEqual([]);
    expect(d.targets.onlyA).toHaveLength(lamDong.targets.length);
  });

  it('handles documents with no targets and no bodies', () => {
    const empty = PlanDocument.parse({ ...structuredClone(lamDong), targets: [], bodies: [], tasks: [] });
    const d = diffDocuments(empty, socTrang);
    expect(d.targets.onlyB).toHaveLength(socTrang.targets.length);
    expect(d.summary.targetsSame + d.summary.targetsChanged).toBe(0);
  });
});

describe('similarity and formatting', () => {
  it('folds diacritics and OCR digit slips', () => {
    expect(foldSubject('67% cơ quan báo chí đưa nội dung lên')).toBe('co quan bao chi dua noi dung len');
    expect(foldSubject('chuyén doi s6 bao chi 1én')).toBe('chuyen doi so bao chi len');
  });

  it('scores same indicators high and different ones low', () => {
    expect(subjectSimilarity('cơ quan báo chí tỉnh tăng doanh thu', 'CO QUAN BAO CHI TINH TANG DOANH THU')).toBe(1);
    expect(subjectSimilarity('cơ quan báo chí tỉnh tự chủ', 'người dân vùng sâu, vùng xa tiếp cận báo chí')).toBeLessThan(0.5);
    expect(nameSimilarity('Sở Tài chính', 'S¢ Tai chinh')).toBeGreaterThan(0.85);
    expect(nameSimilarity('Sở Tài chính', 'Sở Tư pháp')).toBeLessThan(0.85);
  });

  it('writes figures the Vietnamese way', () => {
    expect(formatNumber(33.5)).toBe('33,5');
    expect(formatNumber(1500000)).toBe('1.500.000');
    expect(formatNumber(2025)).toBe('2025');
    expect(formatMetric({ value: 5, max: 10, unit: '%', comparator: 'range' })).toBe('5–10%');
    expect(formatMetric({ value: 20, unit: '%', comparator: '>=' })).toBe('≥ 20%');
    expect(formatMetric({ value: 3, unit: 'count', comparator: '=' })).toBe('3');
    expect(formatMetric({ value: 500, unit: 'doanh nghiệp', comparator: '<' })).toBe('< 500 doanh nghiệp');
    expect(formatMetrics([])).toBe('—');
  });
});
