import type { PlanDocument, Target } from '../schema/index.js';
import { docRef, formatMetrics, indicatorOf, DIFF_DEFAULTS } from './index.js';
import { subjectSimilarity, wordWeights } from './similarity.js';
import type { DocRef } from './types.js';

/**
 * One cell of the matrix: a document's target for that row, with its figures formatted.
 *
 * @example
 * { id: 't1', values: '67%', text: '67% cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số…', line: 33 }
 */
export interface MatrixCell {
  id: string;
  values: string;
  text: string;
  line: number;
}

/**
 * One row: an indicator at a horizon, and each document's target for it (or none).
 *
 * @example
 * { horizon: 2025, subject: 'cơ quan báo chí tỉnh tự chủ', cells: [{ values: '67%', … }, undefined] }
 */
export interface MatrixRow {
  horizon?: number;
  subject: string;
  cells: (MatrixCell | undefined)[];
}

/**
 * Targets of many plans side by side: rows are indicators, columns are documents.
 *
 * @example
 * { columns: [{ label: 'Lâm Đồng', … }, { label: 'Sóc Trăng', … }], rows: [ … ] }
 */
export interface TargetMatrix {
  columns: DocRef[];
  rows: MatrixRow[];
}

/**
 * Lines up the targets of many plans: each document's targets join the most similar existing row of
 * the same horizon (one target per document per row), or open a new row. Column labels are the
 * provinces, made unique with the document number or file name when two plans share a province.
 *
 * @example
 * const m = buildMatrix([lamDong, socTrang, laiChau]);
 * m.columns.map((c) => c.label) // ['Lâm Đồng', 'Sóc Trăng', 'Lai Châu']
 * m.rows[0] // { horizon: 2025, subject: 'cơ quan báo chí tỉnh đưa nội dung lên…', cells: [{ values: '67%' }, { values: '> 65%' }, undefined] }
 */
export function buildMatrix(docs: PlanDocument[], options: { threshold?: number; paths?: string[] } = {}): TargetMatrix {
  const threshold = options.threshold ?? DIFF_DEFAULTS.targetThreshold;
  const subjectOf = indicatorOf;
  const weight = wordWeights(docs.flatMap((d) => d.targets.map(subjectOf)));
  const rows: (MatrixRow & { members: Target[] })[] = [];
  docs.forEach((doc, col) => {
    const candidates: [number, number, number][] = [];
    doc.targets.forEach((t, i) =>
      rows.forEach((row, r) => {
        if (row.horizon !== t.horizon || row.cells[col]) return;
        // The row's first member and its two latest: enough to follow an indicator's wording, and
        // comparing with every member would make a matrix of n plans cost n² per target.
        const members = row.members.length <= 3 ? row.members : [row.members[0], ...row.members.slice(-2)];
        const s = Math.max(...members.map((m) => subjectSimilarity(subjectOf(t), subjectOf(m), weight)));
        if (s >= threshold) candidates.push([i, r, s]);
      }),
    );
    candidates.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
    const placed = new Set<number>();
    const filled = new Set<number>();
    for (const [i, r] of candidates) {
      if (placed.has(i) || filled.has(r)) continue;
      placed.add(i);
      filled.add(r);
      rows[r].cells[col] = cell(doc.targets[i]);
      rows[r].members.push(doc.targets[i]);
    }
    doc.targets.forEach((t, i) => {
      if (placed.has(i)) return;
      const cells: (MatrixCell | undefined)[] = new Array(docs.length).fill(undefined);
      cells[col] = cell(t);
      rows.push({ ...(t.horizon === undefined ? {} : { horizon: t.horizon }), subject: t.subject || t.text, cells, members: [t] });
    });
  });
  const order = rows.map((r, i) => ({ r, i })).sort((x, y) => (x.r.horizon ?? 1e9) - (y.r.horizon ?? 1e9) || x.i - y.i);
  return { columns: uniqueLabels(docs.map((d, i) => docRef(d, options.paths?.[i]))), rows: order.map(({ r: { members: _m, ...row } }) => row) };
}

function cell(t: Target): MatrixCell {
  return { id: t.id, values: formatMetrics(t.metrics), text: t.text, line: t.span.startLine };
}

function uniqueLabels(refs: DocRef[]): DocRef[] {
  const count = (labels: string[]) => labels.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const base = count(refs.map((r) => r.label));
  // First the document number ("Lâm Đồng (4423/KH-UBND)"); where that still collides, a running number.
  const withNumber = refs.map((r) => ((base.get(r.label) ?? 0) > 1 && r.number ? `${r.label} (${r.number})` : r.label));
  const again = count(withNumber);
  const seen = new Map<string, number>();
  return refs.map((r, i) => {
    const label = withNumber[i];
    if ((again.get(label) ?? 0) < 2) return { ...r, label };
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return { ...r, label: `${label} #${n}` };
  });
}
