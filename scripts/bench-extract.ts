/**
 * Extraction time per document: segment + extract + normalize (no OCR, no restoration), on the sample
 * corpus, the genre fixtures, and a synthetic 10-page plan made by repeating the Lâm Đồng plan's
 * sections. Target: < 200 ms for a 10-page plan.
 * Run: npm run bench:extract
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../src/document/index.js';
import type { PlanDocument } from '../src/schema/index.js';
import { segmentStage } from '../src/segment/index.js';
import { extractStage } from '../src/extract/index.js';
import { normalizeStage } from '../src/normalize/index.js';
import { median } from './lib/stats.js';

const stages = [segmentStage(), extractStage(), normalizeStage()];

async function run(text: string, pages: number): Promise<{ ms: number; doc: PlanDocument }> {
  // Split into pages of roughly equal line counts, as a PDF reader would give them.
  const lines = text.split('\n');
  const per = Math.ceil(lines.length / pages);
  const pageTexts = Array.from({ length: pages }, (_, i) => ({ method: 'text' as const, text: lines.slice(i * per, (i + 1) * per).join('\n') }));
  let doc = buildDocument({ path: 'bench.txt', sha256: '0'.repeat(64), format: 'txt', bytes: text.length, pageCount: pages }, pageTexts);
  const t = performance.now();
  for (const s of stages) doc = await s(doc, {});
  return { ms: performance.now() - t, doc };
}

async function main(): Promise<void> {
  const inputs: { name: string; text: string; pages: number }[] = [];
  for (const f of ['test/fixtures/gold/002.input.txt', 'test/fixtures/gold/soc-trang.ocr.txt', 'test/fixtures/gold/lai-chau.ocr.txt']) {
    const text = readFileSync(f, 'utf8');
    inputs.push({ name: f, text, pages: Math.max(1, Math.round(text.length / 3000)) });
  }
  const genre = 'test/fixtures/genre';
  if (existsSync(genre)) {
    for (const c of readdirSync(genre).sort()) {
      const f = join(genre, c, 'input.txt');
      if (existsSync(f)) {
        const text = readFileSync(f, 'utf8');
        inputs.push({ name: f, text, pages: Math.max(1, Math.round(text.length / 3000)) });
      }
    }
  }
  // A 10-page plan (~30,000 characters): the Lâm Đồng plan with its tasks and implementation items repeated.
  const lam = readFileSync('test/fixtures/gold/002.input.txt', 'utf8');
  const start = lam.indexOf('III. NHIỆM VỤ');
  const end = lam.indexOf('III. KINH PHÍ');
  const tasks = lam.slice(start, end);
  const items = tasks.replace(/^III\. NHIỆM VỤ[^\n]*\n/, '');
  let big = lam.slice(0, end);
  while (big.length < 30000) big = big.replace(/\nIII\. KINH PHÍ|$/, '') + items;
  big += lam.slice(end);
  inputs.push({ name: `synthetic 10-page plan (${big.length} chars)`, text: big, pages: 10 });

  console.log('document'.padEnd(72), 'pages', 'median ms', 'max ms', 'sections', 'targets', 'tasks', 'bodies');
  let worst10 = 0;
  for (const inp of inputs) {
    const times: number[] = [];
    let doc: PlanDocument | undefined;
    for (let i = 0; i < 7; i++) {
      const r = await run(inp.text, inp.pages);
      if (i > 0) times.push(r.ms); // the first run warms the JIT up
      doc = r.doc;
    }
    const med = median(times);
    if (inp.pages >= 10) worst10 = Math.max(worst10, med);
    console.log(inp.name.slice(-72).padEnd(72), String(inp.pages).padStart(5), med.toFixed(1).padStart(9), Math.max(...times).toFixed(1).padStart(6), String(doc!.sections.length).padStart(8), String(doc!.targets.length).padStart(7), String(doc!.tasks.length).padStart(5), String(doc!.bodies.length).padStart(6));
  }
  console.log(`10-page plan: ${worst10.toFixed(1)} ms (target < 200 ms) ${worst10 < 200 ? 'OK' : 'TOO SLOW'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
