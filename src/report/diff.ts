import type { BodyMatch, BodySide, DocRef, PlanDiff, TargetMatch, UnmatchedTarget } from '../diff/index.js';
import type { PlanDocument, Span } from '../schema/index.js';
import { restoredToggle, SOURCE_CSS, SOURCE_SCRIPT, sourceTextHtml, spanLink } from './document.js';
import { escapeHtml as e, htmlPage } from './html.js';
import { textTable } from './text-table.js';

/**
 * Formats `vnplan diff` can print.
 *
 * @example
 * DIFF_FORMATS.includes('html') // true
 */
export const DIFF_FORMATS = ['text', 'md', 'json', 'html'] as const;
/**
 * One of {@link DIFF_FORMATS}.
 *
 * @example
 * const f: DiffFormat = 'text';
 */
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** One row of the targets table, whatever the format. */
interface TargetRow {
  horizon: string;
  subject: string;
  a: string;
  b: string;
  status: 'same' | 'changed' | 'only-a' | 'only-b';
  note: string;
  lineA?: number;
  lineB?: number;
  textA?: string;
  textB?: string;
  spanA?: Span;
  spanB?: Span;
}

function targetRows(d: PlanDiff): TargetRow[] {
  const rows: TargetRow[] = [];
  const year = (h?: number) => (h === undefined ? '—' : String(h));
  const fromMatch = (m: TargetMatch): TargetRow => ({
    horizon: year(m.horizon),
    subject: m.a.subject || m.b.subject,
    a: m.a.values,
    b: m.b.values,
    status: m.status,
    note: '',
    lineA: m.a.span.startLine,
    lineB: m.b.span.startLine,
    textA: m.a.text,
    textB: m.b.text,
    spanA: m.a.span,
    spanB: m.b.span,
  });
  const fromOnly = (t: UnmatchedTarget, side: 'a' | 'b'): TargetRow => ({
    horizon: year(t.horizon),
    subject: t.subject || t.text,
    a: side === 'a' ? t.values : '',
    b: side === 'b' ? t.values : '',
    status: side === 'a' ? 'only-a' : 'only-b',
    note: t.resembles ? `like ${side === 'a' ? 'B' : 'A'}:${t.resembles.id} (merged?)` : '',
    ...(side === 'a' ? { lineA: t.span.startLine, textA: t.text, spanA: t.span } : { lineB: t.span.startLine, textB: t.text, spanB: t.span }),
  });
  rows.push(...d.targets.matched.map(fromMatch), ...d.targets.onlyA.map((t) => fromOnly(t, 'a')), ...d.targets.onlyB.map((t) => fromOnly(t, 'b')));
  // Read by horizon, then in document order, so a reader can follow both plans side by side.
  const key = (r: TargetRow) => (r.lineA ?? 1e9) + (r.lineA === undefined ? (r.lineB ?? 0) : 0);
  return rows.sort((x, y) => x.horizon.localeCompare(y.horizon) || key(x) - key(y));
}

interface BodyRow {
  name: string;
  a: string;
  b: string;
  status: 'same' | 'role-changed' | 'only-a' | 'only-b';
  nameB?: string;
  spanA?: Span;
  spanB?: Span;
}

const roles = (b: BodySide) => (b.roles.length ? b.roles.join(', ') : '(no role)');

function bodyRows(d: PlanDiff): BodyRow[] {
  return [
    ...d.bodies.matched.map((m: BodyMatch): BodyRow => ({
      name: m.a.name,
      a: roles(m.a),
      b: roles(m.b),
      status: m.roleChanged ? 'role-changed' : 'same',
      ...(m.b.name !== m.a.name ? { nameB: m.b.name } : {}),
      spanA: m.a.span,
      spanB: m.b.span,
    })),
    ...d.bodies.onlyA.map((b): BodyRow => ({ name: b.name, a: roles(b), b: '', status: 'only-a', spanA: b.span })),
    ...d.bodies.onlyB.map((b): BodyRow => ({ name: b.name, a: '', b: roles(b), status: 'only-b', spanB: b.span })),
  ];
}

function statusText(status: TargetRow['status'] | BodyRow['status'], d: PlanDiff): string {
  switch (status) {
    case 'only-a':
      return `only in ${d.a.label}`;
    case 'only-b':
      return `only in ${d.b.label}`;
    case 'role-changed':
      return 'role changed';
    default:
      return status;
  }
}

function describe(ref: DocRef): string {
  const extra = [ref.number, ref.date].filter(Boolean).join(', ');
  return extra ? `${ref.label} (${extra})` : ref.label;
}

function summaryLines(d: PlanDiff): string[] {
  const s = d.summary;
  return [
    `Targets: ${s.targetsChanged} changed, ${s.targetsSame} same, ${s.targetsOnlyA} only in ${d.a.label}, ${s.targetsOnlyB} only in ${d.b.label}`,
    `Bodies: ${s.bodiesRoleChanged} with changed roles, ${s.bodiesSame} same, ${s.bodiesOnlyA} only in ${d.a.label}, ${s.bodiesOnlyB} only in ${d.b.label}`,
  ];
}

/**
 * The diff as aligned plain-text tables for a terminal of `width` columns.
 *
 * @example
 * renderDiffText(diff, 100)
 * // 'A: Lâm Đồng (4423/KH-UBND, 2023-05-23)…\nYear  Indicator   Lâm Đồng  Sóc Trăng  Status\n2025  cơ quan báo chí…  67%  > 65%  changed'
 */
export function renderDiffText(d: PlanDiff, width = 120): string {
  const out = [`A: ${describe(d.a)}  ${d.a.path}`, `B: ${describe(d.b)}  ${d.b.path}`, ...summaryLines(d), '', 'TARGETS'];
  const trows = targetRows(d);
  out.push(
    trows.length
      ? textTable(
          [{ header: 'Year' }, { header: 'Indicator', flex: true, min: 16, maxLines: 3 }, { header: d.a.label, wrap: true, min: 8 }, { header: d.b.label, wrap: true, min: 8 }, { header: 'Status', wrap: true, min: 8 }, { header: 'Lines A/B' }],
          trows.map((r) => [r.horizon, r.note ? `${r.subject} [${r.note}]` : r.subject, r.a || '·', r.b || '·', statusText(r.status, d), `${r.lineA ?? '·'}/${r.lineB ?? '·'}`]),
          width,
        )
      : '(no targets in either document)',
  );
  out.push('', 'BODIES');
  const brows = bodyRows(d);
  out.push(
    brows.length
      ? textTable(
          [{ header: 'Body', flex: true, min: 16, maxLines: 3 }, { header: `Roles in ${d.a.label}`, wrap: true, min: 10 }, { header: `Roles in ${d.b.label}`, wrap: true, min: 10 }, { header: 'Status', wrap: true, min: 8 }],
          brows.map((r) => [r.nameB ? `${r.name} (B: ${r.nameB})` : r.name, r.a || '·', r.b || '·', statusText(r.status, d)]),
          width,
        )
      : '(no bodies in either document)',
  );
  return `${out.join('\n')}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ') || ' ';
}

/**
 * The diff as Markdown (GitHub tables), for a pull request or a wiki page.
 *
 * @example
 * renderDiffMarkdown(diff).split('\n')[0] // '# Lâm Đồng ↔ Sóc Trăng'
 */
export function renderDiffMarkdown(d: PlanDiff): string {
  const out = [`# ${d.a.label} ↔ ${d.b.label}`, '', `- **A**: ${mdCell(describe(d.a))} — \`${d.a.path}\``, `- **B**: ${mdCell(describe(d.b))} — \`${d.b.path}\``];
  out.push(...summaryLines(d).map((l) => `- ${l}`), '', '## Targets', '');
  const trows = targetRows(d);
  if (trows.length) {
    out.push(`| Year | Indicator | ${mdCell(d.a.label)} | ${mdCell(d.b.label)} | Status | Lines A/B |`, '|---|---|---|---|---|---|');
    for (const r of trows) {
      const status = statusText(r.status, d) + (r.note ? ` (${r.note})` : '');
      out.push(`| ${r.horizon} | ${mdCell(r.subject)} | ${mdCell(r.a || '·')} | ${mdCell(r.b || '·')} | ${r.status === 'same' ? status : `**${mdCell(status)}**`} | ${r.lineA ?? '·'}/${r.lineB ?? '·'} |`);
    }
  } else out.push('_No targets in either document._');
  out.push('', '## Bodies', '');
  const brows = bodyRows(d);
  if (brows.length) {
    out.push(`| Body | Roles in ${mdCell(d.a.label)} | Roles in ${mdCell(d.b.label)} | Status |`, '|---|---|---|---|');
    for (const r of brows) {
      const status = statusText(r.status, d);
      out.push(`| ${mdCell(r.nameB ? `${r.name} (B: ${r.nameB})` : r.name)} | ${mdCell(r.a || '·')} | ${mdCell(r.b || '·')} | ${r.status === 'same' ? status : `**${status}**`} |`);
    }
  } else out.push('_No bodies in either document._');
  return `${out.join('\n')}\n`;
}

const statusClass = (s: string) => (s === 'same' ? 'status-same' : s.startsWith('only') ? 'status-only' : 'status-changed');

const DIFF_CSS = `
body.with-sources { display: grid; grid-template-rows: auto minmax(0, 1fr) 45vh; height: 100vh; }
body.with-sources main { overflow: auto; }
.sources { display: grid; grid-template-columns: 1fr 1fr; border-top: 2px solid var(--line); min-height: 0; }
.sources section { overflow: auto; padding: 0 12px; min-height: 0; }
.sources section + section { border-left: 1px solid var(--line); }
.sources h2 { position: sticky; top: 0; background: var(--bg); margin: 0; padding: 6px 0; font-size: 14px; z-index: 1; }
`;

/**
 * The diff as one self-contained HTML page (no network): summary and two tables. Given the two
 * documents, the page also shows both source texts, and every figure and body links to its passage,
 * highlighted in its pane; otherwise line numbers are shown and the full text on hover.
 *
 * @example
 * renderDiffHtml(diff, { a: lamDong, b: socTrang }).includes('id="text-b"') // true
 */
export function renderDiffHtml(d: PlanDiff, sources?: { a: PlanDocument; b: PlanDocument }): string {
  const ref = (span: Span | undefined, side: 'a' | 'b', line?: number) =>
    !span && !line ? '' : sources ? ` ${spanLink(span, undefined, `text-${side}`)}` : ` <span class="muted">L${line ?? span?.startLine}</span>`;
  const trows = targetRows(d)
    .map(
      (r) => `<tr class="${statusClass(r.status)}-row" data-status="${r.status}">
<td class="num">${e(r.horizon)}</td><td>${e(r.subject)}</td>
<td class="num" title="${e(r.textA ?? '')}">${e(r.a || '·')}${ref(r.spanA, 'a', r.lineA)}</td>
<td class="num" title="${e(r.textB ?? '')}">${e(r.b || '·')}${ref(r.spanB, 'b', r.lineB)}</td>
<td class="${statusClass(r.status)}">${e(statusText(r.status, d))}${r.note ? ` <span class="muted">(${e(r.note)})</span>` : ''}</td></tr>`,
    )
    .join('\n');
  const brows = bodyRows(d)
    .map(
      (r) => `<tr data-status="${r.status}"><td>${e(r.name)}${r.nameB ? ` <span class="muted">(B: ${e(r.nameB)})</span>` : ''}</td><td>${e(r.a || '·')}${r.a ? ref(r.spanA, 'a') : ''}</td><td>${e(r.b || '·')}${r.b ? ref(r.spanB, 'b') : ''}</td><td class="${statusClass(r.status === 'role-changed' ? 'changed' : r.status)}">${e(statusText(r.status, d))}</td></tr>`,
    )
    .join('\n');
  const panes = sources
    ? `<div class="sources">
<section><h2>A: ${e(d.a.label)} <span class="muted">${e(d.a.path)}</span>${restoredToggle(sources.a)}</h2>${sourceTextHtml(sources.a, 'text-a')}</section>
<section><h2>B: ${e(d.b.label)} <span class="muted">${e(d.b.path)}</span>${restoredToggle(sources.b)}</h2>${sourceTextHtml(sources.b, 'text-b')}</section>
</div>`
    : '';
  const body = `<header><h1>${e(d.a.label)} ↔ ${e(d.b.label)}</h1>
<dl class="meta"><dt>A</dt><dd>${e(describe(d.a))} — <code>${e(d.a.path)}</code></dd><dt>B</dt><dd>${e(describe(d.b))} — <code>${e(d.b.path)}</code></dd>
${summaryLines(d).map((l) => `<dt></dt><dd class="summary">${e(l)}</dd>`).join('')}</dl></header>
<main>
<h2>Targets</h2>
${trows ? `<table class="targets"><thead><tr><th>Year</th><th>Indicator</th><th>${e(d.a.label)}</th><th>${e(d.b.label)}</th><th>Status</th></tr></thead><tbody>\n${trows}\n</tbody></table>` : '<p class="muted">No targets in either document.</p>'}
<h2>Bodies</h2>
${brows ? `<table class="bodies"><thead><tr><th>Body</th><th>Roles in ${e(d.a.label)}</th><th>Roles in ${e(d.b.label)}</th><th>Status</th></tr></thead><tbody>\n${brows}\n</tbody></table>` : '<p class="muted">No bodies in either document.</p>'}
</main>
${panes}`;
  const page = htmlPage(`vnplan diff: ${d.a.label} ↔ ${d.b.label}`, body, sources ? { css: SOURCE_CSS + DIFF_CSS, script: SOURCE_SCRIPT } : {});
  return sources ? page.replace('<body>', '<body class="with-sources">') : page;
}

/**
 * Renders a diff in one of {@link DIFF_FORMATS}.
 *
 * @example
 * renderDiff(diff, 'md').startsWith('# Lâm Đồng ↔ Sóc Trăng') // true
 */
export function renderDiff(d: PlanDiff, format: DiffFormat, width?: number, sources?: { a: PlanDocument; b: PlanDocument }): string {
  switch (format) {
    case 'text':
      return renderDiffText(d, width);
    case 'md':
      return renderDiffMarkdown(d);
    case 'json':
      return `${JSON.stringify(d, null, 2)}\n`;
    case 'html':
      return renderDiffHtml(d, sources);
  }
}
