import { createHash } from 'node:crypto';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheKeyOf, collectInputs, runBatch, type BatchIndex } from '../../src/batch/index.js';
import { PlanDocument } from '../../src/schema/index.js';
import { ROOT, runCli } from '../support/run-cli.js';

const CORPUS = ['lam-dong-4423-KH-UBND-2023.txt', 'soc-trang-chuyen-doi-so-bao-chi-2023.ocr.txt', 'lai-chau-3430-KH-UBND-2023.ocr.txt'];
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const readIndex = async (out: string) => JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8')) as BatchIndex;
const statusOf = (index: BatchIndex) => Object.fromEntries(index.inputs.map((e) => [path.basename(e.input), e.status]));

describe('vnplan extract over corpus/ plus corrupt files', () => {
  let dir: string;
  let plans: string;
  let out: string;
  let args: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vnplan-batch-'));
    plans = path.join(dir, 'plans');
    await mkdir(path.join(plans, 'sub'), { recursive: true });
    for (const f of CORPUS) await copyFile(path.join(ROOT, 'corpus', f), path.join(f.startsWith('lai') ? path.join(plans, 'sub') : plans, f));
    await writeFile(path.join(plans, 'empty.txt'), '');
    await writeFile(path.join(plans, 'junk.pdf'), Buffer.from('this is not a PDF at all \x00\xff'));
    const pdf = await readFile(path.join(ROOT, 'test/fixtures/scans/plan-digital.pdf'));
    await writeFile(path.join(plans, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length / 3)));
    await writeFile(path.join(dir, 'notes.odt'), 'not a plan');
    out = path.join(dir, 'out');
    // Restoration of the two garbled samples is another stage's business and costs seconds; the batch
    // mechanics under test are the same without it.
    args = ['extract', plans, path.join(dir, 'notes.odt'), path.join(dir, 'missing.pdf'), '--out', out, '--restore', 'never'];
  });

  it('processes every good input, isolates each failure, writes a correct index.json and exits 1', async () => {
    const { code, stderr } = await runCli(args);
    expect(code, stderr).toBe(1);
    const index = await readIndex(out);
    expect(index.partial).toBe(false);
    expect(statusOf(index)).toEqual({
      [CORPUS[0]]: 'ok',
      [CORPUS[1]]: 'ok',
      [CORPUS[2]]: 'ok',
      'empty.txt': 'failed',
      'junk.pdf': 'failed',
      'truncated.pdf': 'failed',
      'notes.odt': 'failed',
      'missing.pdf': 'failed',
    });
    expect(index.summary).toMatchObject({ total: 8, ok: 3, cached: 0, failed: 5 });
    for (const e of index.inputs) {
      if (e.status === 'failed') {
        expect(e.error, e.input).toContain(path.basename(e.input));
        expect(e.bug, e.input).toBeUndefined();
        expect(e.outputs).toBeUndefined();
        continue;
      }
      expect(e.sha256).toBe(await sha256(e.input));
      expect(e.cacheKey).toBe(cacheKeyOf(e.sha256!, { restore: 'never' }));
      expect(e.timings && Object.keys(e.timings)).toEqual(expect.arrayContaining(['ingest', 'segment', 'extract']));
      const doc = PlanDocument.parse(JSON.parse(await readFile(e.outputs!.json, 'utf8')));
      expect(doc.source.sha256).toBe(e.sha256);
      expect(await readFile(e.outputs!.txt, 'utf8')).toBe(`${doc.text}\n`);
    }
    // Subfolders are mirrored; nothing half-written remains.
    expect((await readdir(path.join(out, 'sub'))).sort()).toEqual(['lai-chau-3430-KH-UBND-2023.ocr.json', 'lai-chau-3430-KH-UBND-2023.ocr.txt']);
    expect((await readdir(out)).some((f) => f.endsWith('.tmp'))).toBe(false);
    // The summary: one line per failed file, after the counts; no progress bar when not on a terminal.
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^vnplan: 8 inputs in [\d.]+ s: 3 extracted, 5 failed → .*index\.json$/);
    expect(lines[1]).toBe('failed:');
    expect(lines.slice(2)).toHaveLength(5);
    for (const name of ['empty.txt', 'junk.pdf', 'truncated.pdf', 'notes.odt', 'missing.pdf']) expect(lines.slice(2).filter((l) => l.includes(name))).toHaveLength(1);
    expect(stderr).not.toMatch(/[░█]/);
  });

  it('a second run takes the unchanged inputs from the cache, and redoes a changed one', async () => {
    const jsonFile = path.join(out, CORPUS[0].replace(/\.txt$/, '.json'));
    const before = (await stat(jsonFile)).mtimeMs;
    const second = await runCli(args);
    expect(second.code).toBe(1);
    const index = await readIndex(out);
    expect(index.summary).toMatchObject({ ok: 0, cached: 3, failed: 5 });
    expect((await stat(jsonFile)).mtimeMs).toBe(before);
    expect(second.stderr).toContain('3 unchanged (cached)');

    // The same batch in-process (no second CLI start-up): a changed input is redone, the rest cached.
    await appendFile(path.join(plans, CORPUS[0]), '\n- 90% xã có điểm phục vụ bưu chính.\n');
    await runBatch(await collectInputs([plans, path.join(dir, 'notes.odt'), path.join(dir, 'missing.pdf')]), { out, restore: 'never' });
    expect(statusOf(await readIndex(out))).toMatchObject({ [CORPUS[0]]: 'ok', [CORPUS[1]]: 'cached', [CORPUS[2]]: 'cached', 'empty.txt': 'failed' });
  });
});

describe('batch options', () => {
  let dir: string;
  let plans: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vnplan-batch-opts-'));
    plans = path.join(dir, 'plans');
    await mkdir(plans);
    await copyFile(path.join(ROOT, 'corpus', CORPUS[0]), path.join(plans, 'lam-dong.txt'));
    await writeFile(path.join(plans, 'short.txt'), 'KẾ HOẠCH\nThực hiện chuyển đổi số năm 2025\nII. MỤC TIÊU\n- 80% hồ sơ được xử lý trực tuyến.\n');
  });

  it('--force redoes cached inputs; an option that changes the extraction is a new cache key', async () => {
    const out = path.join(dir, 'out-force');
    const items = await collectInputs([plans]);
    expect((await runBatch(items, { out })).map((r) => r.status)).toEqual(['ok', 'ok']);
    expect((await runBatch(items, { out })).map((r) => r.status)).toEqual(['cached', 'cached']);
    expect((await runBatch(items, { out, force: true })).map((r) => r.status)).toEqual(['ok', 'ok']);
    expect((await runBatch(items, { out, restore: 'never' })).map((r) => r.status)).toEqual(['ok', 'ok']);
    expect((await runBatch(items, { out })).map((r) => r.status)).toEqual(['ok', 'ok']);
    // The restoration speed changes the text of a restored document, so it is part of the key.
    expect(cacheKeyOf('0'.repeat(64), { restoreSpeed: 'fast' })).not.toBe(cacheKeyOf('0'.repeat(64), {}));
    expect(cacheKeyOf('0'.repeat(64), { restoreSpeed: 'accurate' })).toBe(cacheKeyOf('0'.repeat(64), {}));
    // The HTML report is not an extraction option: asked for later, it comes from the cached JSON.
    const cached = await runBatch(items, { out, html: true, keepDocs: true });
    expect(cached.map((r) => r.status)).toEqual(['cached', 'cached']);
    expect(cached[0].doc?.source.path).toBe(items[0].input);
    expect(await readFile(cached[0].outputs!.html!, 'utf8')).toContain('<!doctype html>');
    expect((await runBatch(items, { out })).map((r) => r.status)).toEqual(['cached', 'cached']);
  });

  it('a deleted output is rebuilt rather than trusted from the cache', async () => {
    const out = path.join(dir, 'out-deleted');
    const items = await collectInputs([plans]);
    await runBatch(items, { out });
    await writeFile(path.join(out, 'short.json'), '');
    expect((await runBatch(items, { out })).map((r) => r.status)).toEqual(['cached', 'ok']);
  });

  it('--format ndjson streams one valid document per line to stdout and writes no files', async () => {
    const { code, stdout } = await runCli(['extract', plans, '--format', 'ndjson'], { cwd: dir });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const docs = lines.map((l) => PlanDocument.parse(JSON.parse(l)));
    expect(docs.map((d) => path.basename(d.source.path)).sort()).toEqual(['lam-dong.txt', 'short.txt']);
    expect(await readdir(dir)).not.toContain('output');
  });

  it('refuses to write outputs over inputs, or into an input folder (exit 2, inputs untouched)', async () => {
    const before = await readFile(path.join(plans, 'lam-dong.txt'));
    const intoInput = await runCli(['extract', plans, '--out', plans]);
    expect(intoInput.code).toBe(2);
    expect(intoInput.stderr).toMatch(/is the input folder/);
    const ocrName = path.join(dir, 'x.ocr.txt');
    await copyFile(path.join(plans, 'short.txt'), ocrName);
    const overwrite = await runCli(['extract', ocrName, '--out', dir]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toMatch(/refusing to overwrite the input .*x\.ocr\.txt/);
    expect(await readFile(path.join(plans, 'lam-dong.txt'))).toEqual(before);
    expect((await readdir(plans)).sort()).toEqual(['lam-dong.txt', 'short.txt']);
  });

  it('takes a file reached twice once', async () => {
    const items = await collectInputs([plans, path.join(plans, 'short.txt'), `${plans}/./short.txt`]);
    expect(items.map((i) => path.basename(i.input)).sort()).toEqual(['lam-dong.txt', 'short.txt']);
  });

  it('skips its own output folder when it sits inside an input folder', async () => {
    const out = path.join(plans, 'out');
    await runBatch(await collectInputs([plans], { exclude: [out] }), { out });
    const again = await collectInputs([plans], { exclude: [out] });
    expect(again.map((i) => path.basename(i.input)).sort()).toEqual(['lam-dong.txt', 'short.txt']);
  });
});
