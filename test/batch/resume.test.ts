import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchIndex } from '../../src/batch/index.js';
import { CLI, ROOT, runCli } from '../support/run-cli.js';

describe('an interrupted batch', () => {
  it('keeps what it finished: killed midway, the next run takes those inputs from the cache', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-resume-'));
    const plans = path.join(dir, 'plans');
    await mkdir(plans);
    const base = await readFile(path.join(ROOT, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8');
    // Distinct contents (distinct hashes), enough of them that the run outlives the first index write.
    for (let i = 0; i < 60; i++) await writeFile(path.join(plans, `plan-${String(i).padStart(2, '0')}.txt`), `${base}\nBản số ${i}\n`);
    const out = path.join(dir, 'out');
    const args = ['extract', plans, '--out', out, '--jobs', '1', '--restore', 'never'];

    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let partial: BatchIndex | undefined;
    for (let t = 0; t < 600 && !partial; t++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const index = JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8')) as BatchIndex;
        if (index.partial && index.summary.ok > 0) partial = index;
      } catch {
        // not written yet
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(partial, 'the partial index was never written').toBeDefined();
    const finished = JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8')) as BatchIndex;
    expect(finished.partial).toBe(true);
    const done = finished.inputs.filter((e) => e.status === 'ok').length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(60);

    const rerun = await runCli(args);
    expect(rerun.code, rerun.stderr).toBe(0);
    const index = JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8')) as BatchIndex;
    expect(index.partial).toBe(false);
    expect(index.summary).toMatchObject({ total: 60, cached: done, ok: 60 - done, failed: 0 });
  });

  it('on Ctrl-C finishes the files in progress, writes a partial index matching the outputs, and exits 130', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-sigint-'));
    const plans = path.join(dir, 'plans');
    await mkdir(plans);
    const base = await readFile(path.join(ROOT, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), 'utf8');
    for (let i = 0; i < 60; i++) await writeFile(path.join(plans, `plan-${String(i).padStart(2, '0')}.txt`), `${base}\nBản số ${i}\n`);
    const out = path.join(dir, 'out');
    const child = spawn(process.execPath, [CLI, 'extract', plans, '--out', out, '--jobs', '1', '--restore', 'never'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    for (let t = 0; t < 600; t++) {
      await new Promise((r) => setTimeout(r, 50));
      const written = await readdir(out).catch(() => [] as string[]);
      if (written.filter((f) => f.endsWith('.json') && f !== 'index.json').length >= 2) break;
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted after \d+ of 60 inputs; run the same command again to continue/);
    const index = JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8')) as BatchIndex;
    expect(index.partial).toBe(true);
    const outputs = (await readdir(out)).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(index.inputs.filter((e) => e.status === 'ok').map((e) => path.basename(e.outputs!.json)).sort()).toEqual(outputs.sort());
    expect(outputs.length).toBeLessThan(60);
    expect((await readdir(out)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});
