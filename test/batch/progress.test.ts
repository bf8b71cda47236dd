// The progress bar is for a person at a terminal: shown on a TTY, never with CI=true or when piped
// (the piped case is covered in batch.test.ts). `script` (util-linux) gives the CLI a real pseudo-terminal.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/run-cli.js';

const SCRIPT = '/usr/bin/script';
if (!existsSync(SCRIPT)) console.warn(`SKIPPED progress-bar test: ${SCRIPT} (util-linux) not found`);

async function onTerminal(env: Record<string, string | undefined>, extra: string[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-tty-'));
  const log = path.join(dir, 'tty.log');
  const cmd = [process.execPath, CLI, 'extract', path.join(ROOT, 'corpus/lam-dong-4423-KH-UBND-2023.txt'), '--out', path.join(dir, 'out'), '--restore', 'never', ...extra]
    .map((a) => `'${a}'`)
    .join(' ');
  const r = spawnSync(SCRIPT, ['-qec', cmd, log], { env: env as NodeJS.ProcessEnv, stdio: 'ignore' });
  expect(r.status).toBe(0);
  return readFile(log, 'utf8');
}

describe.skipIf(!existsSync(SCRIPT))('progress bar', () => {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI'));

  it('is drawn on a terminal, and not with CI=true', async () => {
    expect(await onTerminal(base)).toMatch(/[░█]+ \d\/1 \| ok/);
    const ci = await onTerminal({ ...base, CI: 'true' });
    expect(ci).not.toMatch(/[░█]/);
    expect(ci).toMatch(/1 input in [\d.]+ s: 1 extracted/);
  });
});
