import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restoreCommand } from '../../src/cli/restore.js';
import { InputError } from '../../src/errors.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  return { out, err };
}

describe('vnplan restore', () => {
  afterEach(() => vi.restoreAllMocks());
  const dir = mkdtempSync(path.join(tmpdir(), 'vnplan-restore-'));

  it('prints the restored text and, with --explain, each change with confidence and alternatives', async () => {
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'Thuc hién Quyét dinh s6 348/QD-TTg\nChién lwgc chuyén ddi sé\ndua thdng tin lén mang\n');
    const { out, err } = capture();
    await restoreCommand().parseAsync([file, '--mode', 'always', '--explain'], { from: 'user' });
    expect(out.join('')).toBe('Thực hiện Quyết định số 348/QĐ-TTg\nChiến lược chuyển đổi số\nđưa thông tin lên mạng\n');
    const explain = err.join('');
    expect(explain).toMatch(/^\s+2 {2}Chién → Chiến {2}\(\d\.\d\d\)/m);
    expect(explain).toContain('QD → QĐ');
    // Alternatives for a word that had some ("mang" weighed against "mạng"), none for one that had not.
    expect(explain).toMatch(/^\s+3 {2}mang → mạng {2}\(\d\.\d\d\) {2}or: mang /m);
    expect(explain).toMatch(/^\s+2 {2}Chién → Chiến {2}\(1\.00\)$/m);
  }, 120_000);

  it('leaves clean text alone in auto mode', async () => {
    const file = path.join(dir, 'b.txt');
    writeFileSync(file, 'Ủy ban nhân dân tỉnh Lâm Đồng ban hành kế hoạch chuyển đổi số.\n');
    const { out } = capture();
    await restoreCommand().parseAsync([file], { from: 'user' });
    expect(out.join('')).toBe('Ủy ban nhân dân tỉnh Lâm Đồng ban hành kế hoạch chuyển đổi số.\n');
  }, 120_000);

  it('reads a text file as extract does: UTF-16 with a byte-order mark is restored, invisible characters dropped, bytes that are no text are refused', async () => {
    const utf16 = path.join(dir, 'c.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Chién lwgc chuyén ddi sé\n', 'utf16le')]));
    const { out } = capture();
    await restoreCommand().parseAsync([utf16, '--mode', 'always'], { from: 'user' });
    expect(out.join('')).toBe('Chiến lược chuyển đổi số\n');
    // A soft hyphen or zero-width space inside a word (web pages, PDF text layers) does not cut it.
    const invisible = path.join(dir, 'e.txt');
    writeFileSync(invisible, 'Chién lw\u00ADgc chuy\u200Bén ddi sé\n');
    out.length = 0;
    await restoreCommand().parseAsync([invisible, '--mode', 'always'], { from: 'user' });
    expect(out.join('')).toBe('Chiến lược chuyển đổi số\n');
    const binary = path.join(dir, 'd.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    await expect(restoreCommand().parseAsync([binary], { from: 'user' })).rejects.toThrow(/not a text file/);
  }, 120_000);

  it('explains itself in --help and names a missing file in one line', async () => {
    const help = restoreCommand().helpInformation() + '';
    expect(help).toContain('--explain');
    expect(help).toContain('--speed <speed>');
    expect(help).toMatch(/choices:\s+"accurate",\s+"fast"/);
    expect(help).toContain('--mode');
    await expect(restoreCommand().parseAsync([path.join(dir, 'missing.txt')], { from: 'user' })).rejects.toBeInstanceOf(InputError);
  });
});
