// npm run bench:batch — batches generated plans and reports throughput and peak memory.
//
// Documents are text variants of the clean sample plan and the genre fixtures: another province,
// other figures, shuffled and dropped bullets, another number and date. Each batch size (50, 100,
// 200) runs in a fresh child process, so peak memory of one size is not inherited by the next; then
// the 200-document batch is run again to measure the cache. Finally the same two runs through the
// CLI, startup included, as a user sees them.
//
// Options: --sizes 50,100,200  --jobs N (default: CPU cores)  --keep (keep the temp folder)
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './lib/render-scan.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SELF = fileURLToPath(import.meta.url);

const PROVINCES = ['Hà Giang', 'Cao Bằng', 'Điện Biên', 'Lạng Sơn', 'Quảng Ninh', 'Thái Bình', 'Nghệ An', 'Hà Tĩnh', 'Quảng Trị', 'Thừa Thiên Huế', 'Quảng Nam', 'Bình Định', 'Phú Yên', 'Khánh Hòa', 'Đắk Lắk', 'Lâm Đồng', 'Bình Phước', 'Tây Ninh', 'Đồng Nai', 'Long An', 'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp', 'An Giang', 'Kiên Giang', 'Hậu Giang', 'Sóc Trăng', 'Bạc Liêu', 'Cà Mau'];


/** One variant of a base plan: new province, figures, bullet order and selection, number and date. */
function variant(base: { text: string; province: string }, i: number): string {
  const r = seededRandom(1000 + i);
  const province = PROVINCES[Math.floor(r() * PROVINCES.length)];
  let text = base.text.split(base.province).join(province);
  text = text.replace(/(\d{1,3})(,\d)?%/g, () => `${[20, 30, 50, 65, 67, 70, 80, 90, 100][Math.floor(r() * 9)]}%`);
  text = text.replace(/Số: ?\d+/, `Số: ${1000 + Math.floor(r() * 8000)}`);
  text = text.replace(/ngày \d{1,2} tháng \d{1,2} năm (\d{4})/, (_m, y) => `ngày ${1 + Math.floor(r() * 28)} tháng ${1 + Math.floor(r() * 12)} năm ${y}`);
  // Shuffle runs of bullets and drop one bullet in five, as plans of one programme differ.
  const lines = text.split('\n');
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    for (let k = run.length - 1; k > 0; k--) {
      const j = Math.floor(r() * (k + 1));
      [run[k], run[j]] = [run[j], run[k]];
    }
    out.push(...run.filter(() => r() > 0.2 || run.length < 3));
    run = [];
  };
  for (const line of lines) {
    if (/^- /.test(line)) run.push(line);
    else if (line.trim() === '' && run.length) continue;
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return `${out.join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

async function bases(): Promise<{ text: string; province: string }[]> {
  const list = [{ text: await readFile(path.join(ROOT, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8'), province: 'Lâm Đồng' }];
  const genre = path.join(ROOT, 'test/fixtures/genre');
  for (const c of (await readdir(genre, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    try {
      const text = await readFile(path.join(genre, c.name, 'input.txt'), 'utf8');
      const m = /(?:TỈNH|THÀNH PHỐ)\s+([A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ ]+?)\s{2,}/.exec(text);
      const upper = m?.[1]?.trim();
      const province = upper ? PROVINCES.find((p) => p.toUpperCase() === upper) ?? upper : 'tỉnh';
      list.push({ text, province });
    } catch {
      // a genre case without input.txt is not a base
    }
  }
  return list;
}

async function generate(dir: string, n: number): Promise<void> {
  const all = await bases();
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < n; i++) await writeFile(path.join(dir, `plan-${String(i).padStart(3, '0')}.txt`), variant(all[i % all.length], i));
}

interface ChildReport {
  docs: number;
  ok: number;
  cached: number;
  failed: number;
  seconds: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Runs in the child: one batch, sampling memory every 20 ms. */
async function child(input: string, out: string, jobs: number): Promise<void> {
  const { collectInputs, runBatch } = await import('../src/batch/index.js');
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const t = performance.now();
  const results = await runBatch(await collectInputs([input]), { out, jobs });
  const seconds = (performance.now() - t) / 1000;
  sample();
  clearInterval(timer);
  const report: ChildReport = {
    docs: results.length,
    ok: results.filter((r) => r.status === 'ok').length,
    cached: results.filter((r) => r.status === 'cached').length,
    failed: results.filter((r) => r.status === 'failed').length,
    seconds,
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(input: string, out: string, jobs: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const p = spawn(TSX, [SELF, '--child', input, out, String(jobs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildReport) : reject(new Error(`child exited ${code}`))));
  });
}

function cliRun(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/vnplan.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`vnplan ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return (performance.now() - t) / 1000;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2], Number(argv[3]));
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (opt('--sizes') ?? '50,100,200').split(',').map(Number);
  const jobs = Number(opt('--jobs') ?? availableParallelism());
  const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-bench-batch-'));
  const max = Math.max(...sizes);
  console.log(`vnplan bench:batch — ${max} generated plans (variants of the clean sample and ${(await bases()).length - 1} genre fixtures), jobs ${jobs}, ${availableParallelism()} CPU cores, node ${process.version}`);
  console.log(`working folder ${dir}\n`);

  const rows: string[] = [];
  const line = (label: string, r: ChildReport) =>
    `${label.padEnd(22)} ${String(r.docs).padStart(4)} docs  ${r.seconds.toFixed(2).padStart(7)} s  ${(r.docs / r.seconds).toFixed(1).padStart(7)} docs/s  peak RSS ${r.peakRssMb.toFixed(0).padStart(4)} MB  peak heap ${r.peakHeapMb.toFixed(0).padStart(4)} MB  (ok ${r.ok}, cached ${r.cached}, failed ${r.failed})`;
  // Warm-up: the restoration model is built once and cached on disk (node_modules/.cache/vnplan) when
  // its dictionaries change; that one-time cost must not be counted in the first batch size.
  const warm = path.join(dir, 'warm-up');
  await generate(warm, 2);
  const warmUp = await runChild(warm, path.join(dir, 'warm-up-out'), jobs);
  console.log(`warm-up (2 docs, loads or builds the restoration model): ${warmUp.seconds.toFixed(1)} s\n`);

  const first: Record<number, ChildReport> = {};
  for (const n of sizes) {
    const input = path.join(dir, `in-${n}`);
    await generate(input, n);
    first[n] = await runChild(input, path.join(dir, `out-${n}`), jobs);
    rows.push(line(`first run, ${n}`, first[n]));
    console.log(rows.at(-1));
  }
  const cached = await runChild(path.join(dir, `in-${max}`), path.join(dir, `out-${max}`), jobs);
  console.log(line(`cached re-run, ${max}`, cached));
  const speedup = first[max].seconds / cached.seconds;
  console.log(`\ncache speed-up (batch time, ${max} docs): ${speedup.toFixed(1)}×  ${speedup >= 10 ? '(≥ 10×: OK)' : '(< 10×: TOO SLOW)'}`);

  // The user's view: the whole CLI, process start-up included.
  const cliIn = path.join(dir, `in-${max}`);
  const cliOut = path.join(dir, 'cli-out');
  const cold = cliRun(['extract', cliIn, '--out', cliOut, '--jobs', String(jobs)]);
  const warmRun = cliRun(['extract', cliIn, '--out', cliOut, '--jobs', String(jobs)]);
  const floor = cliRun(['--version']);
  console.log(`CLI wall time, ${max} docs: first ${cold.toFixed(1)} s, cached ${warmRun.toFixed(1)} s → ${(cold / warmRun).toFixed(1)}× (start-up included; \`vnplan --version\` alone takes ${floor.toFixed(1)} s)`);

  // Comparing every plan of the batch: one matrix of all their targets.
  const t = performance.now();
  const matrix = spawnSync(process.execPath, [path.join(ROOT, 'bin/vnplan.js'), 'compare', cliOut, '--format', 'csv'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (matrix.status !== 0) throw new Error(`vnplan compare exited ${matrix.status}: ${matrix.stderr}`);
  const rowsOut = matrix.stdout.trim().split('\r\n').length - 1;
  console.log(`vnplan compare of ${max} docs: ${((performance.now() - t) / 1000).toFixed(1)} s (start-up included), ${rowsOut} indicator rows`);

  const peaks = sizes.map((n) => first[n].peakRssMb);
  const growth = peaks[peaks.length - 1] / peaks[0];
  console.log(`peak RSS by batch size: ${sizes.map((n, i) => `${n}: ${peaks[i].toFixed(0)} MB`).join(', ')} → ×${growth.toFixed(2)} from ${sizes[0]} to ${max} docs ${growth < 1.25 ? '(flat: OK)' : '(GROWS)'}`);
  if (!argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
