import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/document/index.js';
import { ingestFile } from '../../src/ingest/index.js';
import { PlanDocument } from '../../src/schema/index.js';
import { ingestFailure } from '../support/input-error.js';

const TEXT = 'KẾ HOẠCH\nTriển khai Chiến lược chuyển đổi số báo chí';

async function tempFile(name: string, bytes: Buffer | string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-txt-'));
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

async function textOf(file: string): Promise<string> {
  const { source, pages } = await ingestFile(file);
  return buildDocument(
    source,
    pages.map((p) => (p.kind === 'text' ? p.page : { method: 'ocr', text: '' })),
  ).text;
}


describe('text files', () => {
  it('reads UTF-8 with and without a BOM', async () => {
    expect(await textOf(await tempFile('a.txt', TEXT))).toBe(TEXT);
    expect(await textOf(await tempFile('b.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])))).toBe(TEXT);
  });

  it('reads UTF-16 LE and BE with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(await textOf(await tempFile('le.txt', le))).toBe(TEXT);
    expect(await textOf(await tempFile('be.txt', be))).toBe(TEXT);
  });

  it('normalizes decomposed Unicode and CRLF, keeping every offset in step with the text', async () => {
    const file = await tempFile('nfd.txt', `${TEXT.normalize('NFD')}\r\n`);
    const { source, pages } = await ingestFile(file);
    const doc = buildDocument(source, pages.map((p) => (p.kind === 'text' ? p.page : { method: 'ocr', text: '' })));
    expect(doc.text).toBe(TEXT);
    for (const line of doc.pages[0].lines) expect(doc.text.slice(line.start, line.end)).toBe(line.text);
    expect(PlanDocument.safeParse(doc).success).toBe(true);
  });

  it('starts a new page at each form feed', async () => {
    const { pages } = await ingestFile(await tempFile('ff.txt', 'Trang một\fTrang hai'));
    expect(pages).toHaveLength(2);
  });

  const PLAN = 'Kế hoạch triển khai Chiến lược chuyển đổi số báo chí đến năm 2025. Sở Thông tin và Truyền thông chủ trì.';
  // Windows-1258 keeps â ă ê ô ơ ư precomposed and writes tones as combining marks.
  const cp1258 = (s: string) => s.normalize('NFD').replace(/([aeiouyAEIOUY])([\u0302\u0306\u031b])/g, (_m, b, m) => (b + m).normalize('NFC'));

  it('decodes legacy TCVN3, VNI and Windows-1258 files, and says so', async () => {
    const files: [string, Buffer][] = [
      ['tcvn3', iconv.encode(PLAN, 'tcvn')],
      ['vni', iconv.encode('Keá hoaïch trieån khai Chieán löôïc chuyeån ñoåi soá baùo chí ñeán naêm 2025. Sôû Thoâng tin vaø Truyeàn thoâng chuû trì.', 'windows1252')],
      ['windows-1258', iconv.encode(cp1258(PLAN), 'windows1258')],
    ];
    for (const [encoding, bytes] of files) {
      const result = await ingestFile(await tempFile(`${encoding}.txt`, bytes));
      expect(result.source.encoding).toBe(encoding);
      expect(result.notes.map((n) => n.ruleId)).toEqual(['ingest:legacy-encoding']);
      const page = result.pages[0];
      expect(page.kind === 'text' && page.page.text).toBe(PLAN);
    }
  });

  it('repairs UTF-8 text that is TCVN3 mojibake, and leaves clean text alone', async () => {
    const mojibake = iconv.decode(iconv.encode(PLAN, 'tcvn'), 'windows1252'); // "KÕ ho¹ch triÓn khai…"
    const repaired = await ingestFile(await tempFile('mojibake.txt', mojibake));
    expect(repaired.source.encoding).toBe('utf-8+tcvn3');
    expect(repaired.pages[0].kind === 'text' && repaired.pages[0].page.text).toBe(PLAN);
    const clean = await ingestFile(await tempFile('clean.txt', PLAN));
    expect(clean.source.encoding).toBe('utf-8');
    expect(clean.notes).toEqual([]);
  });

  it('refuses 8-bit bytes that are no Vietnamese encoding, instead of guessing', async () => {
    const noise = Buffer.from(Array.from({ length: 200 }, (_, i) => 0x80 + ((i * 37) % 120)));
    const error = await ingestFailure(await tempFile('noise.txt', noise));
    expect(error.code).toBe('bad-encoding');
    expect(error.toString()).toMatch(/noise\.txt: not valid UTF-8, and not recognisable TCVN3, VNI or Windows-1258/);
  });

  it('refuses binary junk and empty files, naming the file', async () => {
    expect((await ingestFailure(await tempFile('junk.txt', Buffer.from([0x00, 0x01, 0x02, 0x41, 0x00])))).code).toBe('bad-encoding');
    const empty = await ingestFailure(await tempFile('empty.txt', ''));
    expect(empty.code).toBe('empty');
    expect(empty.toString()).toContain('empty.txt: ');
    expect((await ingestFailure(await tempFile('blank.txt', ' \n\n\t '))).code).toBe('empty');
  });

  it('refuses missing paths, folders and unknown extensions', async () => {
    expect((await ingestFailure('/nonexistent/ke-hoach.txt')).code).toBe('not-found');
    const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-dir-'));
    const folderNamedPdf = path.join(dir, 'plan.pdf');
    await (await import('node:fs/promises')).mkdir(folderNamedPdf);
    expect((await ingestFailure(folderNamedPdf)).code).toBe('unreadable');
    const odd = await ingestFailure(await tempFile('ke-hoach.odt', 'x'));
    expect(odd.code).toBe('unsupported-format');
    expect(odd.message).toContain('.odt');
  });
});
