import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

describe('vnplan extract with bad input', () => {
  it('reports each bad file on one line, writes the good ones, leaves no partial output and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-bad-'));
    const plans = path.join(dir, 'plans');
    await mkdir(plans);
    await copyFile(path.join(ROOT, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), path.join(plans, 'lam-dong.txt'));
    await writeFile(path.join(plans, 'empty.txt'), '');
    await writeFile(path.join(plans, 'junk.pdf'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]));
    const pdf = await readFile(path.join(ROOT, 'test/fixtures/scans/plan-digital.pdf'));
    await writeFile(path.join(plans, 'truncated.pdf'), pdf.subarray(0, 2000));
    await writeFile(path.join(plans, 'latin1.txt'), Buffer.from(Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 53) % 127))));
    await mkdir(path.join(plans, 'folder.pdf'));
    const unsupported = path.join(dir, 'notes.odt');
    await writeFile(unsupported, 'x');
    const missing = path.join(dir, 'missing.pdf');
    const out = path.join(dir, 'out');

    const { code, stderr } = await runCli(['extract', plans, unsupported, missing, '--out', out]);
    expect(code).toBe(1);

    const errorLines = stderr.split('\n').filter((l) => /: (cannot|not|no such|file is|unsupported|is a folder)/.test(l));
    const expectations: [string, RegExp][] = [
      ['empty.txt', /empty\.txt: file is empty/],
      ['junk.pdf', /junk\.pdf: cannot read PDF: not a PDF file/],
      ['truncated.pdf', /truncated\.pdf: cannot read PDF: /],
      ['latin1.txt', /latin1\.txt: not valid UTF-8/],
      ['notes.odt', /notes\.odt: unsupported file type "\.odt"/],
      ['missing.pdf', /missing\.pdf: no such file/],
    ];
    for (const [name, pattern] of expectations) {
      const lines = errorLines.filter((l) => l.includes(name));
      expect(lines, `${name} in:\n${stderr}`).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
    }
    // A folder named like a PDF inside a searched folder is skipped silently only if it is a folder of files;
    // named explicitly it would be an error (covered in test/ingest).

    const written = (await readdir(out)).sort();
    expect(written).toEqual(['index.json', 'lam-dong.json', 'lam-dong.txt']);
    expect(written.some((f) => f.endsWith('.tmp'))).toBe(false);

    const index = JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8'));
    const status = Object.fromEntries(index.inputs.map((r: { input: string; status: string }) => [path.basename(r.input), r.status]));
    expect(status).toMatchObject({
      'lam-dong.txt': 'ok',
      'empty.txt': 'failed',
      'junk.pdf': 'failed',
      'truncated.pdf': 'failed',
      'latin1.txt': 'failed',
      'notes.odt': 'failed',
      'missing.pdf': 'failed',
    });
  });

  it('prints bad input as one line, not a stack, in every command', async () => {
    const { code, stderr } = await runCli(['ocr', 'test/fixtures/bad-input/encrypted.pdf']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('test/fixtures/bad-input/encrypted.pdf: cannot read PDF: encrypted (password-protected)');
  });

  it('exits 2 on usage errors and teaches with --help', async () => {
    expect((await runCli(['extract'])).code).toBe(2);
    expect((await runCli(['no-such-command'])).code).toBe(2);
    expect((await runCli(['extract', 'corpus', '--jobs', 'zero'])).code).toBe(2);
    const badMode = await runCli(['extract', 'corpus', '--restore', 'maybe']);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain('--restore must be auto, always or never');
    const help = await runCli(['extract', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--out');
  });
});
