import type { TargetMatrix } from '../diff/matrix.js';
import { escapeHtml as e, htmlPage } from './html.js';

/**
 * Formats `vnplan compare` can print.
 *
 * @example
 * COMPARE_FORMATS.includes('csv') // true
 */
export const COMPARE_FORMATS = ['csv', 'md', 'html', 'json'] as const;
/**
 * One of {@link COMPARE_FORMATS}.
 *
 * @example
 * const f: CompareFormat = 'md';
 */
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** Quotes a CSV field when it needs it (RFC 4180): commas, quotes, line breaks, leading spaces. */
function csvField(text: string): string {
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text from a plan must not run as a spreadsheet formula ("=HYPERLINK(…)", "+…", "@…", "-…"): such
 * a cell gets a leading apostrophe, which spreadsheets show as text. Figures ("-5%") are left alone.
 */
function inert(text: string): string {
  return /^[=+@\t\r]|^-(?!\d)/.test(text) ? `'${text}` : text;
}

/**
 * The matrix as CSV (RFC 4180, CRLF line ends): year, indicator, then one column per document with
 * its figures ("" when that plan has no such target). `bom` adds the UTF-8 byte-order mark Excel
 * needs to read Vietnamese correctly.
 *
 * @example
 * renderMatrixCsv(m).split('\r\n')[0] // 'year,indicator,Lâm Đồng,Sóc Trăng'
 */
export function renderMatrixCsv(m: TargetMatrix, options: { bom?: boolean } = {}): string {
  const lines = [['year', 'indicator', ...m.columns.map((c) => inert(c.label))], ...m.rows.map((r) => [r.horizon === undefined ? '' : String(r.horizon), inert(r.subject), ...r.cells.map((c) => c?.values ?? '')])];
  return `${options.bom ? '\uFEFF' : ''}${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ') || ' ';
}

/**
 * The matrix as a Markdown table; "·" where a plan has no such target.
 *
 * @example
 * renderMatrixMarkdown(m).split('\n')[2] // '| Year | Indicator | Lâm Đồng | Sóc Trăng |'
 */
export function renderMatrixMarkdown(m: TargetMatrix): string {
  const head = `| Year | Indicator | ${m.columns.map((c) => mdCell(c.label)).join(' | ')} |`;
  const rule = `|---|---|${m.columns.map(() => '---|').join('')}`;
  const rows = m.rows.map((r) => `| ${r.horizon ?? '—'} | ${mdCell(r.subject)} | ${r.cells.map((c) => mdCell(c?.values ?? '·')).join(' | ')} |`);
  const sources = m.columns.map((c) => `- **${mdCell(c.label)}**: \`${c.path}\`${c.number ? ` (${c.number})` : ''}`);
  return `# Targets of ${m.columns.length} plans\n\n${head}\n${rule}\n${rows.join('\n')}\n\n${sources.join('\n')}\n`;
}

/**
 * The matrix as one self-contained HTML page; each cell shows the target's full text on hover.
 *
 * @example
 * renderMatrixHtml(m).includes('<table class="matrix">') // true
 */
export function renderMatrixHtml(m: TargetMatrix): string {
  const head = `<tr><th>Year</th><th>Indicator</th>${m.columns.map((c) => `<th title="${e(c.path)}">${e(c.label)}</th>`).join('')}</tr>`;
  const rows = m.rows
    .map(
      (r) =>
        `<tr><td class="num">${r.horizon ?? '—'}</td><td>${e(r.subject)}</td>${r.cells
          .map((c) => (c ? `<td class="num" title="${e(c.text)} (line ${c.line})">${e(c.values)}</td>` : '<td class="num muted">·</td>'))
          .join('')}</tr>`,
    )
    .join('\n');
  const sources = m.columns.map((c) => `<dt>${e(c.label)}</dt><dd><code>${e(c.path)}</code>${c.number ? ` — ${e(c.number)}` : ''}${c.date ? `, ${e(c.date)}` : ''}</dd>`).join('');
  return htmlPage(`vnplan compare: ${m.columns.map((c) => c.label).join(', ')}`, `<header><h1>Targets of ${m.columns.length} plans</h1><dl class="meta">${sources}</dl></header>
<main><table class="matrix"><thead>${head}</thead><tbody>
${rows}
</tbody></table></main>`);
}

/**
 * Renders the matrix in one of {@link COMPARE_FORMATS}.
 *
 * @example
 * renderMatrix(m, 'csv', { bom: true }).startsWith('\uFEFFyear,') // true
 */
export function renderMatrix(m: TargetMatrix, format: CompareFormat, options: { bom?: boolean } = {}): string {
  switch (format) {
    case 'csv':
      return renderMatrixCsv(m, options);
    case 'md':
      return renderMatrixMarkdown(m);
    case 'html':
      return renderMatrixHtml(m);
    case 'json':
      return `${JSON.stringify(m, null, 2)}\n`;
  }
}
