import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeOtherCaches } from '../../src/restore/model.js';

describe('model cache', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps only the cache just written: older versions go, a cache being written and other files stay', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vnplan-cache-'));
    const names = ['restore-model-0123456789ab.bin', 'restore-model-ba9876543210.bin', 'restore-model-ba9876543210.bin.4242.tmp', 'notes.txt'];
    for (const n of names) writeFileSync(path.join(dir, n), 'x');
    removeOtherCaches(path.join(dir, 'restore-model-0123456789ab.bin'));
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'restore-model-0123456789ab.bin', 'restore-model-ba9876543210.bin.4242.tmp']);
  });
});
