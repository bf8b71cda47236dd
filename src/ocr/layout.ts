/** A recognised word with its box, as tesseract reports it. */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  lineHeight: number;
}

/**
 * Rebuilds text lines from word boxes instead of trusting tesseract's block order. Tesseract reads a
 * ruled table or a two-column header block by block, scattering each row; grouping words by their
 * vertical position keeps a row on one line, and a wide horizontal gap becomes a tab — the same shape
 * a PDF text layer gives, so the appendix reader sees one format. A vertical gap well above the usual
 * line spacing becomes a blank line (a paragraph break).
 *
 * @example
 * wordsToLines(words).text // 'TT\tNhiệm vụ\tĐơn vị chủ trì\n1\tPhát triển…\tSở Tài chính'
 */
export function wordsToLines(words: OcrWord[]): { text: string; lineConfidences: (number | undefined)[] } {
  if (words.length === 0) return { text: '', lineConfidences: [] };
  const heights = words.map((w) => w.bbox.y1 - w.bbox.y0).sort((a, b) => a - b);
  const charHeight = Math.max(1, heights[Math.floor(heights.length / 2)]);

  // Rows: a word joins the row whose vertical centre is closest, if within half a line.
  const sorted = [...words].sort((a, b) => centre(a) - centre(b));
  const rows: { words: OcrWord[]; centre: number }[] = [];
  for (const w of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(centre(w) - row.centre) < charHeight * 0.6) {
      row.words.push(w);
      row.centre = row.words.reduce((s, x) => s + centre(x), 0) / row.words.length;
    } else rows.push({ words: [w], centre: centre(w) });
  }

  const gaps = rows.slice(1).map((r, i) => r.centre - rows[i].centre).sort((a, b) => a - b);
  const lineSpacing = gaps.length ? gaps[Math.floor(gaps.length / 4)] : charHeight * 1.5;

  const lines: string[] = [];
  const confidences: (number | undefined)[] = [];
  rows.forEach((row, i) => {
    if (i > 0 && row.centre - rows[i - 1].centre > lineSpacing * 1.6) {
      lines.push('');
      confidences.push(undefined);
    }
    const ws = row.words.sort((a, b) => a.bbox.x0 - b.bbox.x0);
    let line = ws[0].text;
    for (let j = 1; j < ws.length; j++) {
      const gap = ws[j].bbox.x0 - ws[j - 1].bbox.x1;
      line += gap > charHeight * 2.2 ? '\t' : ' ';
      line += ws[j].text;
    }
    lines.push(line);
    confidences.push(Math.round((ws.reduce((s, w) => s + w.confidence, 0) / ws.length) * 10) / 10);
  });
  return { text: lines.join('\n'), lineConfidences: confidences };
}

function centre(w: OcrWord): number {
  return (w.bbox.y0 + w.bbox.y1) / 2;
}
