// The HTML reports in a real browser: Debian chromium driven by playwright-core. Skips (with the
// reason printed) only where /usr/bin/chromium is missing; `.ci/run` installs it.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/index.js';
import { buildMatrix } from '../../src/diff/matrix.js';
import { renderMatrixHtml } from '../../src/report/compare.js';
import { renderDiffHtml } from '../../src/report/diff.js';
import { renderDocumentHtml } from '../../src/report/document.js';
import { annotatedDocument } from '../fixtures/diff/build.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`SKIPPED browser tests of the HTML reports: ${CHROMIUM} not found (apt-get install -y chromium)`);

const lamDong = annotatedDocument('lam-dong');
const socTrang = annotatedDocument('soc-trang');

describe.skipIf(!haveChromium)('HTML reports in chromium', () => {
  let browser: Browser;
  let dir: string;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    dir = await mkdtemp(path.join(tmpdir(), 'vnplan-html-'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, html: string, hash = ''): Promise<Page> {
    const file = path.join(dir, name);
    await writeFile(file, html);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${name}: ${m.text()}`);
    });
    await page.goto(pathToFileURL(file).href + hash);
    return page;
  }

  it('highlights the exact source span of a target, a body and a section when its link is clicked', async () => {
    const page = await open('lam-dong.html', renderDocumentHtml(lamDong));
    const checks: [string, { start: number; end: number }][] = [
      [`#target-${lamDong.targets[4].id} a.src`, lamDong.targets[4].span],
      [`#body-${lamDong.bodies[2].id} a.src`, lamDong.bodies[2].mentions[0]],
      [`#section-II\\.2 a.src >> nth=0`, lamDong.sections.find((s) => s.id === 'II.2')!.headingSpan!],
    ];
    for (const [selector, span] of checks) {
      await page.click(selector);
      const marked = await page.$$eval('#text mark', (ms) => ms.map((m) => m.textContent).join('\n'));
      // Spans may cross lines: the marks, joined by the line breaks between them, are the span's text.
      expect(marked).toBe(lamDong.text.slice(span.start, span.end));
      const inView = await page.$eval('#text mark', (m) => {
        const r = m.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
      expect(inView, selector).toBe(true);
      expect(new URL(page.url()).hash).toBe(`#span-${span.start}-${span.end}`);
    }
    // Only one passage is highlighted at a time.
    expect(await page.$$eval('#text .line.hl', (ls) => ls.length)).toBe(1);
    await page.close();
  });

  it('opens a shared #span link highlighted, and a span over several lines', async () => {
    const section = lamDong.sections.find((s) => s.id === 'II.1')!;
    const page = await open('lam-dong-link.html', renderDocumentHtml(lamDong), `#span-${section.span.start}-${section.span.end}`);
    const marked = await page.$$eval('#text mark', (ms) => ms.map((m) => m.textContent));
    expect(marked.length).toBeGreaterThan(5);
    // Blank lines hold nothing to mark; every other line of the span is marked, in order.
    expect(marked.join('\n')).toBe(lamDong.text.slice(section.span.start, section.span.end).replace(/\n+/g, '\n'));
    await page.close();
  });

  it('underlines restored words with their OCR reading, and keeps them after a highlight is moved', async () => {
    const doc = structuredClone(lamDong);
    const t = doc.targets[0];
    const at = doc.text.indexOf('cơ quan', t.span.start);
    doc.restoration = {
      applied: true, reason: 'test', invalidShareBefore: 0.5, tokens: 100, changed: 2,
      words: [
        { span: { ...t.span, start: at, end: at + 2 }, from: 'co', to: 'cơ', confidence: 0.97, alternatives: [{ text: 'có', score: 0.02 }] },
        { span: { ...t.span, start: at + 3, end: at + 7 }, from: 'quan', to: 'quan', confidence: 0.4, alternatives: [] },
      ],
    };
    const page = await open('restored.html', renderDocumentHtml(doc));
    const restored = () => page.$$eval('#text .rw', (ws) => ws.map((w) => [w.textContent, w.className, w.getAttribute('title')]));
    const before = await restored();
    expect(before.map((r) => r.slice(0, 2))).toEqual([['cơ', 'rw'], ['quan', 'rw low']]);
    expect(before[0][2]).toContain('OCR read "co"');
    await page.click(`#target-${t.id} a.src`);
    expect(await page.$$eval('#text mark', (ms) => ms.map((m) => m.textContent).join(''))).toBe(doc.text.slice(t.span.start, t.span.end));
    await page.click(`#target-${doc.targets[3].id} a.src`);
    expect(await restored()).toEqual(before);
    await page.close();
  });

  it('renders the diff and compare pages with every row, no script error, no network', async () => {
    const d = diffDocuments(lamDong, socTrang);
    const diffPage = await open('diff.html', renderDiffHtml(d, { a: lamDong, b: socTrang }));
    expect(await diffPage.$$eval('table.targets tbody tr', (rs) => rs.length)).toBe(14);
    expect(await diffPage.textContent('table.targets')).toContain('> 65%');
    // Both sides of a changed figure, each highlighted in its own source pane.
    const changed = d.targets.matched.find((m) => m.b.values === '> 65%')!;
    await diffPage.click(`table.targets a.src[data-text="text-a"][data-start="${changed.a.span.start}"]`);
    await diffPage.click(`table.targets a.src[data-text="text-b"][data-start="${changed.b.span.start}"]`);
    const marks = (id: string) => diffPage.$$eval(`#${id} mark`, (ms) => ms.map((m) => m.textContent).join('\n'));
    expect(await marks('text-a')).toBe(lamDong.text.slice(changed.a.span.start, changed.a.span.end));
    expect(await marks('text-b')).toBe(socTrang.text.slice(changed.b.span.start, changed.b.span.end).replace(/\n+/g, '\n'));
    expect(new URL(diffPage.url()).hash).toBe(`#text-b-span-${changed.b.span.start}-${changed.b.span.end}`);
    await diffPage.close();
    const plain = await open('diff-plain.html', renderDiffHtml(d));
    expect(await plain.$$eval('table.targets tbody tr', (rs) => rs.length)).toBe(14);
    await plain.close();
    const m = buildMatrix([lamDong, socTrang]);
    const matrixPage = await open('compare.html', renderMatrixHtml(m));
    expect(await matrixPage.$$eval('table.matrix tbody tr', (rs) => rs.length)).toBe(m.rows.length);
    await matrixPage.close();
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
