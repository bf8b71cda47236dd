import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, PlanDocument } from '../../src/schema/index.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { syllableAccuracy } from '../support/syllables.js';

const SCANS = path.join(ROOT, 'test/fixtures/scans');

describe('vnplan extract on scans (offline Vietnamese OCR)', () => {
  it('takes a PNG and an image-only PDF end to end, without touching the network', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'vnplan-scan-out-'));
    const { code, stderr } = await runCli(
      ['extract', path.join(SCANS, 'plan-excerpt.png'), path.join(SCANS, 'plan-excerpt-scan.pdf'), '--out', out, '--jobs', '2'],
      { nodeArgs: ['--require', path.join(ROOT, 'test/support/block-network.cjs')] },
    );
    expect(stderr).not.toContain('VNPLAN-NETWORK-ATTEMPT');
    expect(code, stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual(
      ['index.json', 'plan-excerpt-scan.json', 'plan-excerpt-scan.txt', 'plan-excerpt.json', 'plan-excerpt.txt'].sort(),
    );

    const truth = await readFile(path.join(SCANS, 'plan-excerpt.txt'), 'utf8');
    const validate = new Ajv2020({ strict: false }).compile(planJsonSchema());
    for (const name of ['plan-excerpt', 'plan-excerpt-scan']) {
      const json = JSON.parse(await readFile(path.join(out, `${name}.json`), 'utf8'));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      const doc = PlanDocument.parse(json);
      expect(doc.pages.every((p) => p.method === 'ocr' && (p.ocrConfidence ?? 0) > 50)).toBe(true);
      // The .txt beside the JSON is the text every span points into.
      expect(await readFile(path.join(out, `${name}.txt`), 'utf8')).toBe(`${doc.text}\n`);
      expect(syllableAccuracy(truth, doc.text)).toBeGreaterThan(0.95);
    }
  });

  it('proves the network guard used above really catches connection attempts', async () => {
    const guard = path.join(ROOT, 'test/support/block-network.cjs');
    const probe = [
      "fetch('http://127.0.0.1:9/').catch(() => {});",
      "try { require('node:net').connect(9, '127.0.0.1').on('error', () => {}); } catch {}",
      "require('node:dns').lookup('example.org', () => {});",
    ].join(' ');
    const { stderr } = await runCli(['--version'], { nodeArgs: ['--require', guard, '-e', probe] });
    expect(stderr).toContain('VNPLAN-NETWORK-ATTEMPT fetch http://127.0.0.1:9/');
    expect(stderr).toContain('VNPLAN-NETWORK-ATTEMPT net.Socket.connect');
    expect(stderr).toContain('VNPLAN-NETWORK-ATTEMPT dns.lookup');
  });
});
