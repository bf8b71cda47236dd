import type { Stage } from '../document/index.js';
import { allLines } from '../document/index.js';
import type { PlanDocument } from '../schema/index.js';
import { BodyCollector, isCleanVietnamese, setCleanText } from './bodies.js';
import { extractMetadata } from './metadata.js';
import { extractTargets } from './targets.js';
import { tasksFromImplementation, tasksFromSections, tasksFromTables } from './tasks.js';

export { findFigures, parseVnNumber, formatVnNumber, type Figure } from './figures.js';
export { splitBodyList, isCatchAll, looksLikeBody } from './bodies.js';
export { parseField, parseTimeframe } from './tasks.js';
export { extractMetadata, findDocNumbers, parseVnDate } from './metadata.js';
export { extractTargets, horizonOf } from './targets.js';

/**
 * Extracts everything the sections hold: document metadata, targets, tasks, and the bodies as written
 * (one per distinct form; the normalize stage gives them official names and merges them).
 *
 * @example
 * const doc3 = await extractStage()(await segmentStage()(doc, {}), {});
 * doc3.targets.length // 14
 */
export function extractDocument(doc: PlanDocument): PlanDocument {
  const out: PlanDocument = { ...doc, warnings: [...doc.warnings] };
  // Restored text looks clean but its marks are guesses: match names approximately then too.
  setCleanText(isCleanVietnamese(doc.text) && !doc.restoration?.applied);
  const top = out.sections.filter((s) => s.level === 1);
  const body = top.filter((s) => s.kind !== 'appendix');
  const firstAppendix = top.find((s) => s.kind === 'appendix');
  const lines = allLines(out);
  const bodyStart = body[0]?.span.startLine ?? firstAppendix?.span.startLine ?? lines.length + 1;
  const bodyEnd = body.length ? body[body.length - 1].span.endLine : bodyStart - 1;
  out.document = extractMetadata(out, bodyStart, bodyEnd, firstAppendix?.span.startLine ?? 0);
  const d = out.document;
  const headSpan = d.span;
  if (!d.number) out.warnings.push({ severity: 'warning', ruleId: 'extract:no-number', reason: 'Không đọc được số, ký hiệu văn bản', ...(headSpan ? { span: headSpan } : {}) });
  if (!d.date) out.warnings.push({ severity: 'warning', ruleId: 'extract:no-date', reason: 'Không đọc được ngày ban hành', ...(headSpan ? { span: headSpan } : {}) });
  if (!d.title) out.warnings.push({ severity: 'warning', ruleId: 'extract:no-title', reason: 'Không đọc được trích yếu (tên kế hoạch)', ...(headSpan ? { span: headSpan } : {}) });
  out.targets = extractTargets(out);
  for (const t of out.targets) {
    // A percentage the figure parser did not turn into a metric is worth a look.
    if (/\d\s*%/.test(t.text) && !t.metrics.some((m) => m.unit === '%')) {
      out.warnings.push({ severity: 'warning', ruleId: 'extract:unparsed-figure', reason: `Chỉ tiêu có số liệu chưa đọc được: "${t.text.slice(0, 80)}"`, span: t.span });
    }
  }
  const bodies = new BodyCollector();
  const tasks = [...tasksFromSections(out, bodies), ...tasksFromTables(out, bodies), ...tasksFromImplementation(out, bodies)];
  out.tasks = tasks.map((t, i) => ({ ...t, id: `k${i + 1}` }));
  out.bodies = bodies.list();
  if (out.targets.length === 0 && out.sections.some((s) => s.kind === 'objectives')) {
    const s = out.sections.find((x) => x.kind === 'objectives')!;
    out.warnings.push({ severity: 'warning', ruleId: 'extract:no-targets', reason: 'Mục "Mục tiêu" không có chỉ tiêu nào đọc được', span: s.span });
  }
  return out;
}

/**
 * The extract stage (see {@link extractDocument}).
 *
 * @example
 * const doc3 = await extractStage()(doc, {}); doc3.document?.number // '4423/KH-UBND'
 */
export function extractStage(_options: Record<string, unknown> = {}): Stage {
  return async (doc) => extractDocument(doc);
}
