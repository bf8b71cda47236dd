import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatedDocument } from '../fixtures/diff/build.js';
import { runCli } from '../support/run-cli.js';

describe('vnplan diff, compare and report on the command line', () => {
  let dir: string;
  let a: string;
  let b: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vnplan-cli-report-'));
    await mkdir(path.join(dir, 'out'));
    a = path.join(dir, 'out', 'lam-dong.json');
    b = path.join(dir, 'out', 'soc-trang.json');
    await writeFile(a, JSON.stringify(annotatedDocument('lam-dong')));
    await writeFile(b, JSON.stringify(annotatedDocument('soc-trang')));
    await writeFile(path.join(dir, 'out', 'index.json'), JSON.stringify({ schema: 'vnplan/batch-index', inputs: [] }));
  });

  it('diff prints an aligned table, and HTML on request', async () => {
    const text = await runCli(['diff', a, b]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/2025 .*67% +> 65% +changed/);
    const changes = await runCli(['diff', a, b, '--changes-only', '--format', 'md']);
    const rows = changes.stdout.split('\n').filter((l) => /^\| 20\d\d /.test(l));
    expect(rows).toHaveLength(4 + 7);
    expect(rows.some((l) => l.includes('| same |'))).toBe(false);
    expect(changes.stdout).toContain('Targets: 4 changed, 3 same');
    const html = path.join(dir, 'diff.html');
    expect((await runCli(['diff', a, b, '--format', 'html', '-o', html])).code).toBe(0);
    expect(await readFile(html, 'utf8')).toContain('&gt; 65%');
  });

  it('diff reports bad input on one line (exit 1) and bad usage with exit 2', async () => {
    const missing = await runCli(['diff', a, path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/nope\.json: no such file/)]);
    const index = await runCli(['diff', a, path.join(dir, 'out', 'index.json')]);
    expect(index.code).toBe(1);
    expect(index.stderr).toMatch(/index\.json: this is a batch index/);
    expect((await runCli(['diff', a, b, '--format', 'xml'])).code).toBe(2);
  });

  it('compare turns a folder of outputs into a CSV matrix (index.json ignored), and report writes the HTML page', async () => {
    const csv = await runCli(['compare', path.join(dir, 'out'), '--bom']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFyear,indicator,Lâm Đồng,Sóc Trăng\r\n')).toBe(true);
    expect(csv.stdout).toContain('2025,');
    const report = path.join(dir, 'lam-dong.html');
    const r = await runCli(['report', a, '-o', report]);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(report, 'utf8')).toMatch(/^<!doctype html>[\s\S]*class="src"/);
  });
});
