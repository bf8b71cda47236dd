import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const require = createRequire(import.meta.url);
const fontFile = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSerif.ttf');

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

/**
 * Makes a digital PDF (with a real text layer) from plain text, the way a province's Word export
 * looks: paragraphs wrapped on A4, and runs of tab-separated lines drawn as a ruled table with
 * wrapped cells. Used to generate fixtures whose truth is known.
 *
 * @example
 * await textToPdf('KẾ HOẠCH\n…\nTT\tNội dung\tCơ quan chủ trì\n1\tRà soát…\tSở Tư pháp')
 */
export async function textToPdf(text: string, options: { fontSize?: number; tableFontSize?: number } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(fontFile), { subset: true });
  const size = options.fontSize ?? 12;
  const tableSize = options.tableFontSize ?? 9;
  const writer = new PageWriter(pdf, font);

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes('\t')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i].includes('\t')) rows.push(lines[i++].split('\t'));
      i--;
      drawTable(writer, rows, tableSize);
      continue;
    }
    if (lines[i].trim() === '') {
      writer.advance(size * 0.6);
      continue;
    }
    for (const wrapped of wrap(lines[i], font, size, A4.width - 2 * MARGIN)) {
      writer.ensure(size * 1.4);
      writer.page.drawText(wrapped, { x: MARGIN, y: writer.y - size, size, font });
      writer.advance(size * 1.4);
    }
  }
  return pdf.save();
}

class PageWriter {
  page!: PDFPage;
  y = 0;
  constructor(
    private pdf: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }
  advance(height: number): void {
    this.y -= height;
  }
}

function drawTable(writer: PageWriter, rows: string[][], size: number): void {
  const columns = Math.max(...rows.map((r) => r.length));
  const usable = A4.width - 2 * MARGIN;
  // Column widths follow content length (square root, so long cells don't starve short ones).
  const weights = Array.from({ length: columns }, (_, c) =>
    Math.sqrt(Math.max(2, ...rows.map((r) => (r[c] ?? '').length))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * usable);
  const pad = 3;
  const lineHeight = size * 1.3;
  for (const row of rows) {
    const cells = widths.map((w, c) => wrap(row[c] ?? '', writer.font, size, w - 2 * pad));
    const height = Math.max(1, ...cells.map((l) => l.length)) * lineHeight + 2 * pad;
    writer.ensure(height);
    let x = MARGIN;
    cells.forEach((cellLines, c) => {
      writer.page.drawRectangle({ x, y: writer.y - height, width: widths[c], height, borderColor: rgb(0, 0, 0), borderWidth: 0.6 });
      cellLines.forEach((l, k) => {
        writer.page.drawText(l, { x: x + pad, y: writer.y - pad - size - k * lineHeight, size, font: writer.font });
      });
      x += widths[c];
    });
    writer.advance(height);
  }
  writer.advance(size);
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > width) {
      out.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) out.push(current);
  return out;
}
