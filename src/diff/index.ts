import path from 'node:path';
import type { Body, Metric, PlanDocument, Target } from '../schema/index.js';
import { nameSimilarity, subjectSimilarity, wordWeights } from './similarity.js';
import { PlanDiff, type BodySide, type DocRef, type TargetSide } from './types.js';

export * from './types.js';
export { subjectSimilarity, nameSimilarity, foldSubject, foldName, wordWeights, type WordWeight } from './similarity.js';

/**
 * Options for {@link diffDocuments}.
 *
 * @example
 * diffDocuments(lamDong, socTrang, { targetThreshold: 0.6 }) // stricter pairing of indicators
 */
export interface DiffOptions {
  /** Minimum subject similarity for two targets of the same horizon to be the same indicator. */
  targetThreshold?: number;
  /** Minimum name similarity for two bodies to be the same organisation. */
  bodyThreshold?: number;
}

/**
 * Default thresholds. A target pair below 0.5 shares only boilerplate ("cơ quan báo chí tỉnh");
 * body names below 0.85 differ by more than OCR slips ("Sở Tài chính" vs "Sở Tư pháp" is 0.67).
 *
 * @example
 * DIFF_DEFAULTS.targetThreshold // 0.5
 */
export const DIFF_DEFAULTS = { targetThreshold: 0.5, bodyThreshold: 0.85 } as const;

/**
 * Compares two extracted plans: targets are aligned within each horizon by indicator similarity
 * (diacritic- and OCR-tolerant), then their figures compared; bodies are aligned by name or alias,
 * then their roles compared.
 *
 * @example
 * const d = diffDocuments(lamDong, socTrang);
 * d.targets.matched[0] // { horizon: 2025, status: 'changed', a: { values: '67%', … }, b: { values: '> 65%', … } }
 */
export function diffDocuments(a: PlanDocument, b: PlanDocument, options: DiffOptions = {}): PlanDiff {
  const targetThreshold = options.targetThreshold ?? DIFF_DEFAULTS.targetThreshold;
  const bodyThreshold = options.bodyThreshold ?? DIFF_DEFAULTS.bodyThreshold;

  const subjectOf = indicatorOf;
  const weight = wordWeights([...a.targets, ...b.targets].map(subjectOf));
  const targetSim = (x: Target, y: Target) => (x.horizon === y.horizon ? subjectSimilarity(subjectOf(x), subjectOf(y), weight) : 0);
  const targetPairs = align(a.targets, b.targets, targetSim, targetThreshold);
  // A target left alone that resembles one already paired was most likely merged into it by the other
  // plan ("…nền tảng số; hoạt động, vận hành mô hình tòa soạn hội tụ" holds two indicators of the first).
  const resembles = (t: Target, others: Target[], taken: [Target, Target, number][], side: 0 | 1) => {
    let best: { id: string; similarity: number } | undefined;
    for (const pair of taken) {
      const o = pair[side];
      const s = targetSim(t, o);
      if (s >= targetThreshold && s > (best?.similarity ?? 0)) best = { id: o.id, similarity: round(s) };
    }
    return best && others.length ? { resembles: best } : {};
  };
  const matched = targetPairs.pairs
    .map(([x, y, similarity]) => ({
      horizon: x.horizon,
      similarity: round(similarity),
      status: sameMetrics(x.metrics, y.metrics) ? ('same' as const) : ('changed' as const),
      a: targetSide(x),
      b: targetSide(y),
    }))
    .sort((p, q) => (p.horizon ?? 1e9) - (q.horizon ?? 1e9) || p.a.span.start - q.a.span.start);

  const bodyPairs = align(a.bodies, b.bodies, bodySimilarity, bodyThreshold);
  const bodiesMatched = bodyPairs.pairs
    .map(([x, y, similarity]) => ({ similarity: round(similarity), roleChanged: !sameSet(x.roles, y.roles), a: bodySide(x), b: bodySide(y) }))
    .sort((p, q) => (p.a.span?.start ?? 0) - (q.a.span?.start ?? 0));

  const diff: PlanDiff = {
    schema: 'vnplan/plan-diff',
    version: '1.0.0',
    a: docRef(a),
    b: docRef(b),
    targets: {
      matched,
      onlyA: targetPairs.onlyA.map((t) => ({ ...targetSide(t), ...resembles(t, b.targets, targetPairs.pairs, 1) })),
      onlyB: targetPairs.onlyB.map((t) => ({ ...targetSide(t), ...resembles(t, a.targets, targetPairs.pairs, 0) })),
    },
    bodies: { matched: bodiesMatched, onlyA: bodyPairs.onlyA.map(bodySide), onlyB: bodyPairs.onlyB.map(bodySide) },
    summary: {
      targetsSame: matched.filter((m) => m.status === 'same').length,
      targetsChanged: matched.filter((m) => m.status === 'changed').length,
      targetsOnlyA: targetPairs.onlyA.length,
      targetsOnlyB: targetPairs.onlyB.length,
      bodiesSame: bodiesMatched.filter((m) => !m.roleChanged).length,
      bodiesRoleChanged: bodiesMatched.filter((m) => m.roleChanged).length,
      bodiesOnlyA: bodyPairs.onlyA.length,
      bodiesOnlyB: bodyPairs.onlyB.length,
    },
  };
  return PlanDiff.parse(diff);
}

/**
 * What a target measures, as compared between plans: its subject plus the nouns its figures count
 * ("Thành phố có thêm công nghệ số" + "doanh nghiệp"). Extractors take the unit out of the subject,
 * but "2.000 doanh nghiệp" and "ba mô hình hợp tác xã" are different indicators.
 *
 * @example
 * indicatorOf({ subject: 'Thành phố có thêm công nghệ số', metrics: [{ value: 2000, unit: 'doanh nghiệp', comparator: '=' }], … })
 * // 'Thành phố có thêm công nghệ số doanh nghiệp'
 */
export function indicatorOf(t: Target): string {
  const nouns = [...new Set(t.metrics.map((m) => m.unit).filter((u) => u !== '%' && u !== 'count' && u !== ''))];
  const subject = t.subject || t.text;
  return nouns.length ? `${subject} ${nouns.join(' ')}` : subject;
}

/**
 * One-to-one alignment: the most similar pair first, each item used once (greedy maximum-weight
 * matching, which on these small lists is what a reader would pair by hand).
 */
function align<T>(as: T[], bs: T[], sim: (a: T, b: T) => number, threshold: number): { pairs: [T, T, number][]; onlyA: T[]; onlyB: T[] } {
  const candidates: [number, number, number][] = [];
  as.forEach((x, i) =>
    bs.forEach((y, j) => {
      const s = sim(x, y);
      if (s >= threshold) candidates.push([i, j, s]);
    }),
  );
  candidates.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [T, T, number][] = [];
  for (const [i, j, s] of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([as[i], bs[j], s]);
  }
  return { pairs, onlyA: as.filter((_, i) => !usedA.has(i)), onlyB: bs.filter((_, j) => !usedB.has(j)) };
}

function bodySimilarity(x: Body, y: Body): number {
  let best = 0;
  for (const n of [x.name, ...x.aliases]) for (const m of [y.name, ...y.aliases]) best = Math.max(best, nameSimilarity(n, m));
  return best;
}

/** Two lists of figures say the same when they hold the same values, units and comparators. */
function sameMetrics(a: Metric[], b: Metric[]): boolean {
  const key = (m: Metric) => `${m.comparator}|${m.value}|${m.max ?? ''}|${m.unit.toLowerCase()}`;
  return sameSet(a.map(key), b.map(key)) && a.length === b.length;
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function targetSide(t: Target): TargetSide {
  return {
    id: t.id,
    ...(t.horizon === undefined ? {} : { horizon: t.horizon }),
    subject: t.subject,
    text: t.text,
    values: formatMetrics(t.metrics),
    metrics: t.metrics,
    span: t.span,
  };
}

function bodySide(b: Body): BodySide {
  return { id: b.id, name: b.name, kind: b.kind, roles: [...b.roles].sort(), ...(b.mentions[0] ? { span: b.mentions[0] } : {}) };
}

/**
 * The diff without what did not change (targets with the same figures, bodies with the same roles);
 * the summary still counts them.
 *
 * @example
 * onlyChanges(diffDocuments(lamDong, socTrang)).targets.matched.every((m) => m.status === 'changed') // true
 */
export function onlyChanges(d: PlanDiff): PlanDiff {
  return {
    ...d,
    targets: { ...d.targets, matched: d.targets.matched.filter((m) => m.status === 'changed') },
    bodies: { ...d.bodies, matched: d.bodies.matched.filter((m) => m.roleChanged) },
  };
}

/**
 * Names a document for people: the province, else the file name without extensions.
 *
 * @example
 * docRef(doc) // { label: 'Lâm Đồng', path: 'corpus/lam-dong-4423-KH-UBND-2023.txt', number: '4423/KH-UBND', … }
 */
export function docRef(doc: PlanDocument, file?: string): DocRef {
  const p = file ?? doc.source.path;
  const base = path.basename(p).replace(/(\.[a-z]+)+$/i, '');
  const m = doc.document;
  return {
    label: m?.province || base,
    path: p,
    ...(m?.number ? { number: m.number } : {}),
    ...(m?.date ? { date: m.date } : {}),
    ...(m?.title ? { title: m.title } : {}),
  };
}

/**
 * Writes a number the Vietnamese way: decimal comma, no grouping below 10 000, dot grouping above.
 *
 * @example
 * formatNumber(33.5) // '33,5'
 * formatNumber(1500000) // '1.500.000'
 */
export function formatNumber(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

const COMPARATOR_TEXT: Record<Metric['comparator'], string> = { '=': '', '>=': '≥ ', '>': '> ', '<=': '≤ ', '<': '< ', range: '' };

/**
 * One figure as a reader writes it: "67%", "≥ 20%", "5–10%", "> 65%", "≥ 1 cơ quan".
 *
 * @example
 * formatMetric({ value: 5, max: 10, unit: '%', comparator: 'range' }) // '5–10%'
 */
export function formatMetric(m: Metric): string {
  const unit = m.unit === '%' ? '%' : m.unit === 'count' || m.unit === '' ? '' : ` ${m.unit}`;
  const value = m.comparator === 'range' && m.max !== undefined ? `${formatNumber(m.value)}–${formatNumber(m.max)}` : formatNumber(m.value);
  return `${COMPARATOR_TEXT[m.comparator]}${value}${unit}`;
}

/**
 * All figures of a target, or "—" for an unquantified objective.
 *
 * @example
 * formatMetrics([{ value: 33.5, unit: '%', comparator: '=' }, { value: 20, unit: '%', comparator: '>=' }]) // '33,5%; ≥ 20%'
 */
export function formatMetrics(metrics: Metric[]): string {
  return metrics.length ? metrics.map(formatMetric).join('; ') : '—';
}
