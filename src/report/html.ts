/**
 * Escapes text for HTML element content and attribute values. Plan text is untrusted input: an
 * OCR'd "<" or a quote in a body name must never become markup.
 *
 * @example
 * escapeHtml('Sở TT&TT <"mới">') // 'Sở TT&amp;TT &lt;&quot;mới&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The policy every report carries: nothing may be fetched (no network, no fonts, no images from
 * outside); only the report's own inline style and script run.
 *
 * @example
 * REPORT_CSP.startsWith("default-src 'none'") // true
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const BASE_CSS = `
:root { --fg:#1d1d1f; --muted:#6b6b70; --line:#e3e3e8; --bg:#fff; --accent:#0b5cad; --mark:#ffe26a; --changed:#b35c00; --only:#8a1c7c; --same:#2d7a2d; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 18px 0 8px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; color: var(--muted); }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f6f8; position: sticky; top: 0; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.status-changed { color: var(--changed); font-weight: 600; }
.status-same { color: var(--same); }
.status-only { color: var(--only); font-weight: 600; }
.muted { color: var(--muted); }
a { color: var(--accent); }
mark { background: var(--mark); }
main { padding: 0 24px 24px; }
@media print { th { position: static; } }
`;

/**
 * Wraps a report body in a complete, self-contained HTML page: UTF-8, Vietnamese language tag,
 * inline CSS, a Content-Security-Policy that forbids every network fetch.
 *
 * @example
 * htmlPage('So sánh Lâm Đồng ↔ Sóc Trăng', '<main>…</main>') // '<!doctype html>…'
 */
export function htmlPage(title: string, body: string, options: { css?: string; script?: string } = {}): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vnplan">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${options.css ?? ''}</style>
</head>
<body>
${body}
${options.script ? `<script>${options.script}</script>` : ''}
</body>
</html>
`;
}
