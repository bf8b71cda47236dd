/**
 * Makes the channel-model training data: varied clean Vietnamese text (sentences from the
 * @vntk/dictionary examples and definitions, administrative-unit names from dvhcvn, synthetic
 * document-number lines, upper-case headings) is rendered to scanned-looking pages and OCRed with
 * the English tesseract model, which knows no Vietnamese, like the legacy OCR users bring.
 *
 * Writes `dictionaries/ocr-pages.jsonl` (one page per line: printed truth lines + OCR text). No
 * genre fixture and no sample plan is used, so the benchmark's held-out text stays unseen.
 *
 * Render settings come from `variedOptions` (half Tinos, the Times New Roman face of real documents,
 * half DejaVu), skipping the setting numbers 100–299 the benchmark and the tuning script render their
 * held-out documents with, so no held-out page shares a channel page's setting and noise seed.
 *
 * Pages are read by tesseract's LSTM engine, then more pages (other text, other settings, from
 * 400 on) by its legacy engine, which garbles differently ("Mu'o'ng" for Mường): the channel then
 * knows more than one engine's habits (see OcrEngine).
 *
 * Usage: npx tsx scripts/make-ocr-pairs.ts [lstmPages=120] [legacyPages=60]
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { layoutPages, seededRandom } from './lib/render-scan.js';
import { closeOcr, ocrPairs, variedOptions } from './restore/ocr-pairs.js';

const require = createRequire(import.meta.url);

interface DictEntry {
  example?: string;
  definition?: string;
}

async function main(): Promise<void> {
  const nPages = Number(process.argv[2] ?? 120);
  const nLegacy = Number(process.argv[3] ?? 60);
  const rand = seededRandom(20231);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const defs = require('@vntk/dictionary/data/dictionary.json') as Record<string, DictEntry[]>;
  const sentences: string[] = [];
  for (const entries of Object.values(defs)) {
    for (const e of entries) {
      for (const s of (e.example ?? '').split('~')) if (s.trim().split(/\s+/).length >= 4) sentences.push(s.trim());
      if (e.definition && e.definition.split(/\s+/).length >= 5) sentences.push(e.definition.trim());
    }
  }
  const dv = require('dvhcvn') as { level1s: { name: string; children: { name: string }[] }[] };
  // dvhcvn capitalises the unit type ("Tỉnh Sơn La"); running text writes "tỉnh Sơn La".
  const unit = (n: string) => n.replace(/^(Thành phố|Tỉnh|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường)/, (t) => t.toLowerCase());
  const places: string[] = [];
  for (const p of dv.level1s) {
    places.push(unit(p.name));
    for (const c of p.children) places.push(`${unit(c.name)}, ${unit(p.name)}`);
  }
  const types = ['QĐ', 'KH', 'CT', 'NQ', 'TB', 'BC', 'HD', 'NĐ', 'TTr', 'ĐA', 'CTr'];
  const issuers = ['TTg', 'UBND', 'CP', 'BTTTT', 'BTC', 'BNV', 'BKHĐT', 'BGDĐT', 'TU', 'HĐND'];
  const docName: Record<string, string> = { QĐ: 'Quyết định', KH: 'Kế hoạch', CT: 'Chỉ thị', NQ: 'Nghị quyết', TB: 'Thông báo', BC: 'Báo cáo', HD: 'Hướng dẫn', NĐ: 'Nghị định', TTr: 'Tờ trình', ĐA: 'Đề án', CTr: 'Chương trình' };
  const romans = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  function line(): string {
    const r = rand();
    if (r < 0.08) return `${pick(romans)}. ${pick(sentences).split(/\s+/).slice(0, 3 + Math.floor(rand() * 5)).join(' ').toUpperCase()}`;
    if (r < 0.14) return `ỦY BAN NHÂN DÂN ${pick(places).toUpperCase()}`;
    if (r < 0.24) {
      const t = pick(types);
      const year = 2015 + Math.floor(rand() * 11);
      const num = 1 + Math.floor(rand() * 3500);
      const form = rand() < 0.5 ? `${num}/${year}/${t}-${pick(issuers)}` : `${num}/${t}-${pick(issuers)}`;
      return `${docName[t] ?? 'Văn bản'} số ${form} ngày ${1 + Math.floor(rand() * 28)}/${1 + Math.floor(rand() * 12)}/${year} của ${pick(places)}`;
    }
    if (r < 0.3) return `Ủy ban nhân dân ${pick(places)}`;
    let s = cap(pick(sentences));
    while (s.length < 70) s += `, ${pick(sentences)}`;
    const prefix = rand() < 0.3 ? '- ' : rand() < 0.2 ? `${1 + Math.floor(rand() * 9)}. ` : rand() < 0.15 ? `${'abcdđ'[Math.floor(rand() * 5)]}) ` : '';
    return prefix + s + (rand() < 0.5 ? ';' : '.');
  }

  const out: string[] = [];
  // The LSTM pages first, so that adding legacy pages left them (and their random text) as they were.
  const runs = [...Array.from({ length: nPages }, (_, i) => ({ engine: 'lstm' as const, setting: i < 100 ? i : i + 200 })), ...Array.from({ length: nLegacy }, (_, i) => ({ engine: 'legacy' as const, setting: 400 + i }))];
  for (const [n, { engine, setting }] of runs.entries()) {
    const options = variedOptions(setting);
    const text = Array.from({ length: 60 }, line).join('\n');
    const first = layoutPages(text, options)[0].join('\n'); // one page per setting: more variety per OCR second
    const t = performance.now();
    const pages = await ocrPairs(first, options, undefined, { engine });
    for (const p of pages) out.push(JSON.stringify(p));
    console.error(`page ${n + 1}/${runs.length} ${engine} ${options.fontFamily} ${options.fontPt}pt ${options.dpi}dpi ${(performance.now() - t).toFixed(0)} ms`);
  }
  await closeOcr();
  writeFileSync('dictionaries/ocr-pages.jsonl', out.join('\n') + '\n');
  console.error(`wrote dictionaries/ocr-pages.jsonl (${out.length} pages)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
