import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

// DejaVu ships every Vietnamese precomposed letter; the family names are what canvas asks for.
const FONTS: Record<string, string> = {
  'DejaVu Serif': 'DejaVuSerif.ttf',
  'DejaVu Sans': 'DejaVuSans.ttf',
  'DejaVu Serif Condensed': 'DejaVuSerifCondensed.ttf',
};

// Tinos has the metrics of Times New Roman, the face most Vietnamese administrative documents are
// set in (npm @fontsource/tinos, SIL OFL 1.1). Fontsource ships it as unicode-range subsets: latin
// has no "ế", the vietnamese subset no plain letters. Each subset is registered as a family of its
// own (regular and bold) and the font string lists them, so canvas falls back per glyph as a browser
// does with unicode-range. The vietnamese subset goes FIRST: with latin-ext before it, the shaper
// decomposes "ờ" into latin-ext's "ơ" plus a combining grave and sets the mark beside the letter
// instead of drawing the precomposed glyph (same for ừ, ầ…), which no real document looks like.
const TINOS_SUBSETS = ['vietnamese', 'latin', 'latin-ext'];
const FONT_STACKS: Record<string, string[]> = {
  Tinos: TINOS_SUBSETS.map((s) => `Tinos ${s}`),
};

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  for (const [family, file] of Object.entries(FONTS)) GlobalFonts.registerFromPath(path.join(fontDir, file), family);
  const tinosDir = path.join(path.dirname(require.resolve('@fontsource/tinos/package.json')), 'files');
  for (const subset of TINOS_SUBSETS) {
    for (const weight of [400, 700]) GlobalFonts.registerFromPath(path.join(tinosDir, `tinos-${subset}-${weight}-normal.woff2`), `Tinos ${subset}`);
  }
  fontsRegistered = true;
}

/** The CSS font string for a family: a subset stack for split families (Tinos), else the family itself. */
function fontString(px: number, family: string, bold = false): string {
  const stack = FONT_STACKS[family]?.map((f) => `"${f}"`).join(', ') ?? `"${family}"`;
  return `${bold ? 'bold ' : ''}${px}px ${stack}`;
}

/** How a synthetic scan looks. Defaults give an A4 page at 300 dpi in 13 pt serif, lightly degraded. */
export interface ScanOptions {
  dpi?: number;
  /** 'DejaVu Serif' (default), 'DejaVu Sans', 'DejaVu Serif Condensed' or 'Tinos' (Times New Roman metrics). */
  fontFamily?: keyof typeof FONTS | keyof typeof FONT_STACKS | string;
  fontPt?: number;
  /** Gaussian-ish blur radius in pixels (0 = sharp). */
  blur?: number;
  /** Standard deviation of added grey noise, 0–255. */
  noise?: number;
  /** Rotation in degrees, to mimic a skewed feed. */
  skewDeg?: number;
  /** Seed for the noise, so fixtures are reproducible. */
  seed?: number;
  /** Page height in inches (A4 is 11.69); shorter pages make small test fixtures. */
  heightIn?: number;
  /** PNG is lossless; JPEG (quality 85) is ~10× smaller and faster, like most scanners' PDFs. */
  encoding?: 'png' | 'jpeg';
  /** Sets lines written all in capitals ("KẾ HOẠCH", "I. MỤC TIÊU") in bold, as documents set their headings. */
  boldHeadings?: boolean;
}

/** Whether a line is a heading in capitals: it has letters and none in lower case. */
function isCapsLine(line: string): boolean {
  return /\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line);
}

/** A seeded PRNG (mulberry32): fixtures must be the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Lays out text on A4 pages: wraps long lines at word boundaries, keeps blank lines, starts a new
 * page when one is full. Returns the lines of each page as they will be printed.
 */
export function layoutPages(text: string, options: ScanOptions = {}): string[][] {
  registerFonts();
  const { dpi, width, height, margin, lineHeight, font, boldFont } = geometry(options);
  void dpi;
  const measure = createCanvas(10, 10).getContext('2d');
  const maxWidth = width - 2 * margin;
  const linesPerPage = Math.floor((height - 2 * margin) / lineHeight);
  const printed: string[] = [];
  for (const raw of text.replace(/\t/g, '    ').split('\n')) {
    if (raw.trim() === '') {
      printed.push('');
      continue;
    }
    // A heading is measured in the weight it will be printed in (bold is wider).
    measure.font = options.boldHeadings && isCapsLine(raw) ? boldFont : font;
    let current = '';
    for (const word of raw.split(/ +/)) {
      const candidate = current ? `${current} ${word}` : word;
      if (current && measure.measureText(candidate).width > maxWidth) {
        printed.push(current);
        current = word;
      } else current = candidate;
    }
    printed.push(current);
  }
  const pages: string[][] = [];
  for (let i = 0; i < printed.length; i += linesPerPage) pages.push(printed.slice(i, i + linesPerPage));
  return pages.length ? pages : [[]];
}

function geometry(options: ScanOptions) {
  const dpi = options.dpi ?? 300;
  const fontPt = options.fontPt ?? 13;
  const px = (fontPt / 72) * dpi;
  return {
    dpi,
    width: Math.round(8.27 * dpi),
    height: Math.round((options.heightIn ?? 11.69) * dpi),
    margin: Math.round(0.9 * dpi),
    lineHeight: Math.round(px * 1.45),
    font: fontString(Math.round(px), options.fontFamily ?? 'DejaVu Serif'),
    boldFont: fontString(Math.round(px), options.fontFamily ?? 'DejaVu Serif', true),
  };
}

/**
 * Renders page lines to a greyscale PNG that looks scanned: slight skew, blur and noise.
 *
 * @example
 * const png = renderPage(['KẾ HOẠCH', 'Triển khai Chiến lược chuyển đổi số'], { seed: 1 });
 */
export function renderPage(lines: string[], options: ScanOptions = {}): Buffer {
  registerFonts();
  const { width, height, margin, lineHeight, font, boldFont } = geometry(options);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.save();
  const skew = ((options.skewDeg ?? 0.3) * Math.PI) / 180;
  g.translate(width / 2, height / 2);
  g.rotate(skew);
  g.translate(-width / 2, -height / 2);
  if (options.blur ?? 0.6) g.filter = `blur(${options.blur ?? 0.6}px)`;
  g.fillStyle = '#141414';
  g.font = font;
  g.textBaseline = 'alphabetic';
  lines.forEach((line, i) => {
    if (options.boldHeadings) g.font = isCapsLine(line) ? boldFont : font;
    g.fillText(line, margin, margin + lineHeight * (i + 1));
  });
  g.restore();
  addNoise(g, width, height, options.noise ?? 18, options.seed ?? 1);
  return options.encoding === 'jpeg' ? canvas.toBuffer('image/jpeg', 85) : canvas.toBuffer('image/png');
}

function addNoise(g: SKRSContext2D, width: number, height: number, sigma: number, seed: number): void {
  if (sigma <= 0) return;
  const rand = seededRandom(seed);
  const img = g.getImageData(0, 0, width, height);
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    // Sum of three uniforms: cheap, roughly normal.
    const n = (rand() + rand() + rand() - 1.5) * 2 * sigma;
    const v = Math.max(0, Math.min(255, d[i] + n));
    d[i] = d[i + 1] = d[i + 2] = v;
  }
  g.putImageData(img, 0, 0);
}

/**
 * Renders a whole text to scanned-looking pages: returns each page's PNG and the lines printed on it
 * (the ground truth for OCR measurements).
 */
export function renderScan(text: string, options: ScanOptions = {}): { pages: { png: Buffer; lines: string[] }[] } {
  return {
    pages: layoutPages(text, options).map((lines, i) => ({
      png: renderPage(lines, { ...options, seed: (options.seed ?? 1) + i }),
      lines,
    })),
  };
}

/**
 * Wraps page images (PNG or JPEG) into an image-only PDF (no text layer), like a scanner's output. Page size follows
 * the image at `dpi`.
 */
export async function imagesToPdf(pngs: Buffer[], dpi = 300): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const png of pngs) {
    const isJpeg = png[0] === 0xff && png[1] === 0xd8;
    const image = isJpeg ? await pdf.embedJpg(png) : await pdf.embedPng(png);
    const w = (image.width / dpi) * 72;
    const h = (image.height / dpi) * 72;
    pdf.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  }
  return pdf.save();
}
