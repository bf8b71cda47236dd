import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ingestFile } from '../../src/ingest/index.js';

/** Builds a minimal but valid .docx: two paragraphs and a 2×3 table. */
async function makeDocx(): Promise<Buffer> {
  const zip = new JSZip();
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
  const cell = (t: string) => `<w:tc>${p(t)}</w:tc>`;
  const row = (cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${w}"><w:body>${p('KẾ HOẠCH')}${p('Triển khai công tác cải cách hành chính năm 2025')}<w:tbl>${row(['TT', 'Nội dung', 'Cơ quan chủ trì'])}${row(['1', 'Rà soát thủ tục hành chính', 'Sở Tư pháp'])}</w:tbl>${p('Nơi nhận:')}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function tempFile(name: string, bytes: Buffer | string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vnplan-docx-'));
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

describe('Word and image ingest', () => {
  it('reads paragraphs as lines and table rows as tab-separated lines', async () => {
    const { source, pages } = await ingestFile(await tempFile('ke-hoach.docx', await makeDocx()));
    expect(source.format).toBe('docx');
    const page = pages[0];
    if (page.kind !== 'text') throw new Error('expected text');
    expect(page.page.text.split('\n')).toEqual([
      'KẾ HOẠCH',
      'Triển khai công tác cải cách hành chính năm 2025',
      'TT\tNội dung\tCơ quan chủ trì',
      '1\tRà soát thủ tục hành chính\tSở Tư pháp',
      '', // the table ends its block
      'Nơi nhận:',
    ]);
  });

  it('reports a .docx that is not a Word file', async () => {
    const error = await ingestFile(await tempFile('fake.docx', 'plain text')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('bad-docx');
    const broken = await ingestFile(await tempFile('broken.docx', Buffer.from('PK\u0003\u0004 not really a zip'))).catch((e: unknown) => e);
    expect((broken as InputError).code).toBe('bad-docx');
  });

  it('checks image signatures, not extensions', async () => {
    const error = await ingestFile(await tempFile('scan.png', 'GIF89a fake')).catch((e: unknown) => e);
    expect((error as InputError).code).toBe('bad-image');
    expect(String(error)).toContain('scan.png: not a PNG, JPEG or TIFF image');
  });
});
