import { formatMetrics } from '../diff/index.js';
import type { PlanDocument, RestoredWord, Span } from '../schema/index.js';
import { escapeHtml as e, htmlPage } from './html.js';

/**
 * Styles of a source-text pane and its span links (shared with the diff page).
 *
 * @example
 * htmlPage('Lâm Đồng', sourceTextHtml(doc), { css: SOURCE_CSS, script: SOURCE_SCRIPT })
 */
export const SOURCE_CSS = `
a.src { font-size: 12px; white-space: nowrap; text-decoration: none; border: 1px solid #c9d8ea; border-radius: 8px; padding: 0 5px; }
a.src.active { background: var(--mark); border-color: #d4b400; }
.text { font: 14px/1.5 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
.text .rw { border-bottom: 1px dotted var(--accent); }
.text .rw.low { background: #ffe3e3; }
body.hide-restored .text .rw { border: 0; background: none; }
label.toggle { font-size: 12px; font-weight: normal; margin-left: 10px; }
.text .line { display: flex; white-space: pre-wrap; word-break: break-word; min-height: 1.5em; }
.text .line.hl { background: #fffbe0; }
.text .ln { flex: 0 0 4em; color: var(--muted); text-align: right; padding-right: 10px; user-select: none; }
.text .lt { flex: 1; }
.text .page-break { color: var(--muted); border-top: 1px dashed var(--line); margin: 8px 0; font-size: 12px; }
`;

const CSS = `${SOURCE_CSS}
.report { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 0; height: calc(100vh - var(--header-h, 120px)); }
.pane { overflow: auto; padding: 0 20px 40px; }
.pane.items { border-right: 1px solid var(--line); }
nav.toc { position: sticky; top: 0; background: var(--bg); padding: 8px 0; border-bottom: 1px solid var(--line); z-index: 2; }
nav.toc a { margin-right: 12px; }
ol.sections { list-style: none; padding-left: 0; }
ol.sections li { padding: 2px 0; }
.kind { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; margin-left: 6px; }
.low { background: #fff4f4; }
.low-badge { color: #b00020; font-size: 12px; }
@media (max-width: 900px), print { .report { display: block; height: auto; } .pane { overflow: visible; } }
`;

// Highlights [start, end) of a document text: finds the lines the span crosses (binary search on
// their offsets), wraps the covered part of each in <mark>, scrolls to it and records it in the URL
// (#span-start-end, or #<pane>-span-start-end on a page with two texts) so a copied link opens on the
// same passage. Without script, #L<n> still jumps.
/**
 * The script of every report page: highlights a span when its link is clicked or named in the address (see the comment above).
 *
 * @example
 * htmlPage('Lâm Đồng', sourceTextHtml(doc), { css: SOURCE_CSS, script: SOURCE_SCRIPT }) // click L37 → highlighted
 */
export const SOURCE_SCRIPT = `
(function () {
  var views = {};
  function view(id) {
    if (!views[id]) {
      var box = document.getElementById(id);
      var lines = box ? Array.prototype.slice.call(box.querySelectorAll('.line')) : [];
      views[id] = { lines: lines, starts: lines.map(function (l) { return +l.getAttribute('data-start'); }), marked: [] };
    }
    return views[id];
  }
  function clear(v) {
    v.marked.forEach(function (l) { l.querySelector('.lt').innerHTML = l.getAttribute('data-html') || ''; l.removeAttribute('data-html'); l.classList.remove('hl'); });
    v.marked = [];
  }
  function firstLine(v, offset) {
    var lo = 0, hi = v.lines.length - 1, ans = 0;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (v.starts[mid] <= offset) { ans = mid; lo = mid + 1; } else hi = mid - 1; }
    return ans;
  }
  function highlight(id, start, end) {
    var v = view(id);
    clear(v);
    if (!v.lines.length) return;
    var first = null;
    for (var i = firstLine(v, start); i < v.lines.length && v.starts[i] <= Math.max(start, end - 1); i++) {
      var line = v.lines[i], lt = line.querySelector('.lt'), text = lt.textContent, ls = v.starts[i];
      var a = Math.max(0, start - ls), b = Math.min(text.length, end - ls);
      if (b <= a && !(text.length === 0 && start === end)) continue;
      line.setAttribute('data-html', lt.innerHTML);
      var mark = document.createElement('mark');
      mark.textContent = text.slice(a, b);
      lt.replaceChildren(document.createTextNode(text.slice(0, a)), mark, document.createTextNode(text.slice(b)));
      line.classList.add('hl');
      v.marked.push(line);
      if (!first) first = line;
    }
    if (first) first.scrollIntoView({ block: 'center' });
    if (history.replaceState) history.replaceState(null, '', '#' + (id === 'text' ? '' : id + '-') + 'span-' + start + '-' + end);
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest('a[data-start]') : null;
    if (!a) return;
    ev.preventDefault();
    var id = a.getAttribute('data-text') || 'text';
    document.querySelectorAll('a.src.active[data-text="' + id + '"], a.src.active:not([data-text])').forEach(function (x) {
      if ((x.getAttribute('data-text') || 'text') === id) x.classList.remove('active');
    });
    a.classList.add('active');
    highlight(id, +a.getAttribute('data-start'), +a.getAttribute('data-end'));
  });
  var m = /^#(?:(.+)-)?span-(\\d+)-(\\d+)$/.exec(location.hash);
  if (m) highlight(m[1] || 'text', +m[2], +m[3]);
  document.querySelectorAll('input.show-restored').forEach(function (toggle) {
    toggle.addEventListener('change', function () { document.body.classList.toggle('hide-restored', !toggle.checked); });
  });
  var header = document.querySelector('header');
  if (header) document.documentElement.style.setProperty('--header-h', header.offsetHeight + 'px');
  window.vnplanHighlight = highlight;
})();
`;

/**
 * A link to a span of a source text: jumps to the line without script; with it, highlights the span
 * in the text pane `textId` (`text` on a one-document page, `text-a`/`text-b` on a diff).
 *
 * @example
 * spanLink({ start: 2811, end: 2823, startLine: 37, endLine: 37 }) // '<a class="src" href="#L37" data-start="2811" …>L37</a>'
 */
export function spanLink(span: Span | undefined, label?: string, textId = 'text'): string {
  if (!span) return '';
  const text = label ?? (span.startLine === span.endLine ? `L${span.startLine}` : `L${span.startLine}–${span.endLine}`);
  const anchor = textId === 'text' ? `L${span.startLine}` : `${textId}-L${span.startLine}`;
  return `<a class="src" href="#${anchor}"${textId === 'text' ? '' : ` data-text="${e(textId)}"`} data-start="${span.start}" data-end="${span.end}" title="lines ${span.startLine}–${span.endLine}${span.page ? `, page ${span.page}` : ''}">${e(text)}</a>`;
}

const src = (span: Span | undefined, label?: string) => spanLink(span, label);

const aliasesOf = (b: PlanDocument['bodies'][number]) => [...new Set(b.aliases)].filter((a) => a !== b.name);

/**
 * A line's text as HTML, with the words restoration changed wrapped in a span whose tooltip gives the
 * OCR reading and the confidence, so a reader sees what was read and what was inferred.
 */
function lineHtml(text: string, start: number, words: RestoredWord[]): string {
  if (!words.length) return e(text);
  let html = '';
  let at = 0;
  for (const w of words) {
    const a = Math.max(0, w.span.start - start);
    const b = Math.min(text.length, w.span.end - start);
    if (a < at || b <= a) continue;
    html += e(text.slice(at, a));
    html += `<span class="rw${w.confidence < LOW ? ' low' : ''}" title="OCR read &quot;${e(w.from)}&quot;; restored with ${Math.round(w.confidence * 100)}% confidence${w.alternatives.length ? `; also possible: ${e(w.alternatives.slice(0, 3).map((x) => x.text).join(', '))}` : ''}">${e(text.slice(a, b))}</span>`;
    at = b;
  }
  return html + e(text.slice(at));
}

function restoredWords(doc: PlanDocument): RestoredWord[] {
  return doc.restoration?.applied ? [...doc.restoration.words].sort((x, y) => x.span.start - y.span.start) : [];
}

/**
 * The checkbox that shows or hides the underlining of restored words.
 *
 * @example
 * restoredToggle(socTrang) // '<label class="toggle"><input type="checkbox" …> underline the 1549 restored words</label>'
 */
export function restoredToggle(doc: PlanDocument): string {
  const n = restoredWords(doc).length;
  return n ? `<label class="toggle"><input type="checkbox" class="show-restored" checked> underline the ${n} restored words</label>` : '';
}

/**
 * A document's text as a pane of numbered lines (`id="<textId>"`, lines `L<n>` or `<textId>-L<n>`),
 * restored words underlined, ready for {@link SOURCE_SCRIPT} to highlight spans in.
 *
 * @example
 * sourceTextHtml(doc) // '<div class="text" id="text"><div class="line" id="L1" data-start="0">…'
 */
export function sourceTextHtml(doc: PlanDocument, textId = 'text'): string {
  const restored = restoredWords(doc);
  const prefix = textId === 'text' ? 'L' : `${textId}-L`;
  const lines: string[] = [];
  let w = 0;
  for (const page of doc.pages) {
    if (doc.pages.length > 1) lines.push(`<div class="page-break">Page ${page.index}${page.method === 'ocr' && page.ocrConfidence !== undefined ? ` (OCR, confidence ${Math.round(page.ocrConfidence)})` : ''}</div>`);
    for (const l of page.lines) {
      while (w < restored.length && restored[w].span.end <= l.start) w++;
      const inLine: RestoredWord[] = [];
      for (let k = w; k < restored.length && restored[k].span.start < l.end; k++) inLine.push(restored[k]);
      lines.push(`<div class="line" id="${prefix}${l.index}" data-start="${l.start}"><span class="ln">${l.index}</span><span class="lt">${lineHtml(l.text, l.start, inLine)}</span></div>`);
    }
  }
  return `<div class="text" id="${e(textId)}">${lines.join('\n')}</div>`;
}

const pct = (c: number) => `${Math.round(c * 100)}%`;
const LOW = 0.6;

/**
 * One self-contained HTML page for a document's extraction: metadata, sections, targets, bodies,
 * tasks and warnings on the left, the source text with line numbers on the right; every item links
 * to its span, which is highlighted in the text. No network: inline CSS and script, and a CSP that
 * forbids fetching anything.
 *
 * @example
 * await writeFile('output/lam-dong.html', renderDocumentHtml(doc)) // open in any browser, offline
 */
export function renderDocumentHtml(doc: PlanDocument): string {
  const m = doc.document;
  const title = m?.title ? `${m.type ?? 'Kế hoạch'} ${m.number ?? ''} — ${m.title}` : doc.source.path;
  const meta: [string, string | undefined][] = [
    ['Number', m?.number],
    ['Type', m?.type],
    ['Issuer', m?.issuer],
    ['Province', m?.province],
    ['Date', m?.date],
    ['Signer', m?.signer ? [m.signer.title, m.signer.name].filter(Boolean).join(' ') : undefined],
    ['Implements', m?.legalBases?.length ? m.legalBases.map((b) => b.number).join('; ') : undefined],
    ['Source', `${doc.source.path} (${doc.source.format}, ${doc.source.pageCount} page${doc.source.pageCount === 1 ? '' : 's'}, sha256 ${doc.source.sha256.slice(0, 12)}…)`],
    [
      'Restoration',
      doc.restoration
        ? doc.restoration.applied
          ? `applied: ${doc.restoration.changed} of ${doc.restoration.tokens} words changed${doc.restoration.meanConfidence !== undefined ? `, mean confidence ${pct(doc.restoration.meanConfidence)}` : ''}`
          : `not needed (${e(doc.restoration.reason)})`
        : undefined,
    ],
  ];
  const header = `<header><h1>${e(title)}</h1><dl class="meta">${meta
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${k}</dt><dd>${e(v!)}</dd>`)
    .join('')}${m?.span ? `<dt>Header</dt><dd>${src(m.span)}</dd>` : ''}</dl></header>`;

  const sections = doc.sections.length
    ? `<ol class="sections">${doc.sections
        .map(
          (s) =>
            `<li id="section-${e(s.id)}" style="padding-left:${(s.level - 1) * 18}px" class="${s.confidence < LOW ? 'low' : ''}">${e(s.label)} ${e(s.heading)}<span class="kind">${e(s.kind)}</span> ${src(s.headingSpan ?? s.span)} ${src(s.span, 'whole section')}</li>`,
        )
        .join('')}</ol>`
    : '<p class="muted">No sections found.</p>';

  const targets = doc.targets.length
    ? `<table class="targets"><thead><tr><th>Year</th><th>Indicator</th><th>Figures</th><th>Conf.</th><th>Source</th></tr></thead><tbody>${doc.targets
        .map(
          (t) =>
            `<tr id="target-${e(t.id)}" class="${t.confidence < LOW ? 'low' : ''}"><td class="num">${t.horizon ?? '—'}</td><td title="${e(t.text)}">${e(t.subject || t.text)}</td><td class="num">${e(formatMetrics(t.metrics))}</td><td class="num">${pct(t.confidence)}${t.confidence < LOW ? ' <span class="low-badge">check</span>' : ''}</td><td>${src(t.span)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No targets found.</p>';

  const bodyName = new Map(doc.bodies.map((b) => [b.id, b.name]));
  const bodies = doc.bodies.length
    ? `<table class="bodies"><thead><tr><th>Body</th><th>Kind</th><th>Roles</th><th>Mentions</th></tr></thead><tbody>${doc.bodies
        .map(
          (b) =>
            `<tr id="body-${e(b.id)}" class="${b.confidence < LOW ? 'low' : ''}"><td>${e(b.name)}${aliasesOf(b).length ? `<br><span class="muted">${e(aliasesOf(b).join(', '))}</span>` : ''}${b.successor ? `<br><span class="muted">now: ${e(b.successor)}</span>` : ''}</td><td>${e(b.kind)}</td><td>${e(b.roles.join(', '))}</td><td>${b.mentions.map((s) => src(s)).join(' ')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No bodies found.</p>';

  const names = (ids: string[]) => e(ids.map((id) => bodyName.get(id) ?? id).join('; '));
  const tasks = doc.tasks.length
    ? `<table class="tasks"><thead><tr><th>Task</th><th>Lead</th><th>Coordinate</th><th>When</th><th>Source</th></tr></thead><tbody>${doc.tasks
        .map(
          (t) =>
            `<tr id="task-${e(t.id)}" class="${t.confidence < LOW ? 'low' : ''}"><td>${e(t.title)}${t.output ? `<br><span class="muted">${e(t.output)}</span>` : ''}</td><td>${names(t.lead)}</td><td>${names(t.coordinate)}</td><td>${e(t.timeframe?.text ?? '')}</td><td>${src(t.span)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No tasks found.</p>';

  const warnings = doc.warnings.length
    ? `<ul class="warnings">${doc.warnings.map((w) => `<li><b>${e(w.severity)}</b> <code>${e(w.ruleId)}</code> ${e(w.reason)} ${src(w.span)}</li>`).join('')}</ul>`
    : '<p class="muted">No warnings.</p>';

  const counts = `<a href="#sections">Sections (${doc.sections.length})</a><a href="#targets">Targets (${doc.targets.length})</a><a href="#bodies">Bodies (${doc.bodies.length})</a><a href="#tasks">Tasks (${doc.tasks.length})</a><a href="#warnings">Warnings (${doc.warnings.length})</a>`;
  const body = `${header}
<div class="report">
<div class="pane items"><nav class="toc">${counts}</nav>
<h2 id="sections">Sections</h2>${sections}
<h2 id="targets">Targets</h2>${targets}
<h2 id="bodies">Bodies</h2>${bodies}
<h2 id="tasks">Tasks</h2>${tasks}
<h2 id="warnings">Warnings</h2>${warnings}
</div>
<div class="pane source"><h2>Source text <span class="muted">(${e(doc.source.path)})</span>${restoredToggle(doc)}</h2>${sourceTextHtml(doc)}</div>
</div>`;
  return htmlPage(title, body, { css: CSS, script: SOURCE_SCRIPT });
}
