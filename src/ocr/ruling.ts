/**
 * Finds the ruled tables on a scanned page: long thin horizontal and vertical lines that cross each
 * other. A Kế hoạch puts its responsibilities (task, lead body, partners, deadline) in such tables;
 * tesseract reads their rulings as `|` / `[` and their wrapped cells line by line. Knowing the grid
 * lets OCR see the page with the rulings erased and lets layout put each word back in its cell.
 *
 * Everything works on an 8-bit grey image (one byte a pixel, row-major). Thresholds are in pixels at
 * 300 dpi, scaled by the page's long side (an A4 page at 300 dpi is 3508 px long).
 */

/** A grey page image: one byte a pixel (0 black … 255 white), row-major. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * A straight ruling line, allowed a slight skew. For a horizontal line `along` is x and `across` is
 * y (y = c + slope·x); for a vertical line `along` is y and `across` is x (x = c + slope·y).
 */
export interface RulingLine {
  /** Position across the line at along = 0. */
  c: number;
  /** Change of the across coordinate per pixel along (tan of the skew). */
  slope: number;
  /** Extent along the line, in pixels. */
  from: number;
  to: number;
  /** Mean stroke thickness in pixels. */
  thickness: number;
}

/** A ruled table: its horizontal lines top to bottom and vertical lines left to right. */
export interface TableGrid {
  horizontal: RulingLine[];
  vertical: RulingLine[];
  /** How far (px) a ruling may stop short of a point and still be taken to reach it; ~1 mm. */
  slack?: number;
}

/**
 * Position across a line at a point along it: a horizontal ruling's y at x, a vertical one's x at y.
 *
 * @example
 * across(grid.horizontal[1], 1200) // 1201.9 — the rule under "TT | Nhiệm vụ, giải pháp | …" at x 1200
 */
export function across(line: RulingLine, along: number): number {
  return line.c + line.slope * along;
}

interface Segment {
  pos: number; // row (horizontal) or column (vertical)
  a: number; // first pixel along
  b: number; // last pixel along
}

/**
 * Otsu's threshold of a grey image: the grey level that best separates ink from paper. Clamped so a
 * blank page (no ink, one mode) does not make paper noise count as ink.
 *
 * @example
 * otsuThreshold(await decodeGrey(png)) // 141 on the scanned "PHỤ LỤC" page
 */
export function otsuThreshold(image: GreyImage): number {
  const hist = new Float64Array(256);
  const d = image.data;
  // Every 4th pixel is plenty for a histogram and keeps this a few ms on a 300-dpi page.
  for (let i = 0; i < d.length; i += 4) hist[d[i]]++;
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v];
    sum += v * hist[v];
  }
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let v = 0; v < 256; v++) {
    wB += hist[v];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += v * hist[v];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return Math.max(60, Math.min(200, threshold));
}

/**
 * Ink mask shrunk by `factor` (a cell is ink if any of its pixels is darker than `dark`): a ruling
 * survives min-pooling intact while the scan work drops fourfold at factor 2.
 */
function inkMask(image: GreyImage, dark: number, factor: number): GreyImage {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height);
  const src = image.data;
  const sw = image.width;
  for (let y = 0; y < height; y++) {
    const out = y * width;
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * sw;
      for (let x = 0, i = row; x < width; x++, i += factor) {
        if (data[out + x]) continue;
        for (let dx = 0; dx < factor; dx++) {
          if (src[i + dx] < dark) {
            data[out + x] = 1;
            break;
          }
        }
      }
    }
  }
  return { width, height, data };
}

/** Horizontal runs of ink per row, bridging gaps of up to `gap` pixels (blur, JPEG, broken toner). */
function horizontalRuns(image: GreyImage, minRun: number, gap: number): Segment[] {
  const { width, height, data } = image;
  const out: Segment[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (data[row + x]) {
        if (start < 0) start = x;
        last = x;
      } else if (start >= 0 && x - last > gap) {
        if (last - start + 1 >= minRun) out.push({ pos: y, a: start, b: last });
        start = -1;
      }
    }
    if (start >= 0 && last - start + 1 >= minRun) out.push({ pos: y, a: start, b: last });
  }
  return out;
}

/** Vertical runs of ink per column, scanning row by row (cache-friendly) with per-column state. */
function verticalRuns(image: GreyImage, minRun: number, gap: number): Segment[] {
  const { width, height, data } = image;
  const start = new Int32Array(width).fill(-1);
  const last = new Int32Array(width).fill(-1);
  const out: Segment[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]) {
        if (start[x] < 0) start[x] = y;
        last[x] = y;
      } else if (start[x] >= 0 && y - last[x] > gap) {
        if (last[x] - start[x] + 1 >= minRun) out.push({ pos: x, a: start[x], b: last[x] });
        start[x] = -1;
      }
    }
  }
  for (let x = 0; x < width; x++) {
    if (start[x] >= 0 && last[x] - start[x] + 1 >= minRun) out.push({ pos: x, a: start[x], b: last[x] });
  }
  return out.sort((p, q) => p.pos - q.pos || p.a - q.a);
}

/**
 * Groups runs in neighbouring rows (or columns) that overlap into one stroke, so a slightly skewed
 * line — a staircase of runs one pixel apart — becomes one component, then fits a straight line.
 */
function linkRuns(segments: Segment[], reach: number, tolerance: number): RulingLine[] {
  const parent = segments.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const byPos = new Map<number, number[]>();
  segments.forEach((s, i) => {
    const list = byPos.get(s.pos);
    if (list) list.push(i);
    else byPos.set(s.pos, [i]);
  });
  segments.forEach((s, i) => {
    for (let d = 1; d <= reach; d++) {
      for (const j of byPos.get(s.pos - d) ?? []) {
        const t = segments[j];
        if (t.a <= s.b + tolerance && s.a <= t.b + tolerance) parent[find(i)] = find(j);
      }
    }
  });
  const groups = new Map<number, Segment[]>();
  segments.forEach((s, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(s);
    else groups.set(root, [s]);
  });
  return [...groups.values()].map(fitLine);
}

/**
 * Least-squares line through the component's pixels (each run counted as its pixels, not just its
 * midpoint, so a short, thick stroke whose runs all share one midpoint gets slope ~0, not noise).
 */
function fitLine(segments: Segment[]): RulingLine {
  let w = 0;
  let st = 0;
  let sp = 0;
  let stt = 0;
  let stp = 0;
  let from = Infinity;
  let to = -Infinity;
  for (const s of segments) {
    const len = s.b - s.a + 1;
    const t = (s.a + s.b) / 2;
    w += len;
    st += len * t;
    sp += len * s.pos;
    stt += len * t * t + (len * len * len - len) / 12; // Σ t² over the run's pixels
    stp += len * t * s.pos;
    from = Math.min(from, s.a);
    to = Math.max(to, s.b);
  }
  const mt = st / w;
  const mp = sp / w;
  const vt = stt / w - mt * mt;
  const slope = vt > 1e-6 ? (stp / w - mt * mp) / vt : 0;
  return { c: mp - slope * mt, slope, from, to, thickness: w / (to - from + 1) };
}

/** Joins pieces of one ruling (broken by noise, or a doubled stroke) into one line. */
function mergeLines(lines: RulingLine[], distance: number, gap: number): RulingLine[] {
  const out = [...lines].sort((p, q) => p.from - q.from);
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const p = out[i];
        const q = out[j];
        if (q.from > p.to + gap || p.from > q.to + gap) continue;
        const at = (Math.max(p.from, q.from) + Math.min(p.to, q.to)) / 2;
        if (Math.abs(across(p, at) - across(q, at)) > distance) continue;
        const lp = p.to - p.from + 1;
        const lq = q.to - q.from + 1;
        const from = Math.min(p.from, q.from);
        const to = Math.max(p.to, q.to);
        // Keep the longer piece's slope; it is the better estimate of the skew.
        const slope = lp >= lq ? p.slope : q.slope;
        const mid = (lp * across(p, (p.from + p.to) / 2) + lq * across(q, (q.from + q.to) / 2)) / (lp + lq);
        const midAlong = (lp * (p.from + p.to) + lq * (q.from + q.to)) / 2 / (lp + lq);
        out[i] = { c: mid - slope * midAlong, slope, from, to, thickness: Math.max(p.thickness, q.thickness) };
        out.splice(j, 1);
        merged = true;
      }
    }
  }
  return out;
}

/** Where a horizontal and a vertical line cross, if they do (within `tolerance` of both ends). */
function crossing(h: RulingLine, v: RulingLine, tolerance: number): { x: number; y: number } | undefined {
  // y = ch + sh·x and x = cv + sv·y.
  const x = (v.c + v.slope * h.c) / (1 - v.slope * h.slope);
  const y = h.c + h.slope * x;
  if (x < h.from - tolerance || x > h.to + tolerance) return undefined;
  if (y < v.from - tolerance || y > v.to + tolerance) return undefined;
  return { x, y };
}

/**
 * Resolution guessed from the page size: a full A4 page's long side is 11.7 in, in either
 * orientation. A cropped image reads as lower resolution, which only makes thresholds more lenient.
 */
function defaultDpi(image: { width: number; height: number }): number {
  return Math.max(100, Math.min(600, (Math.max(image.width, image.height) / 3508) * 300));
}

/**
 * Cuts each ruling back to its outermost crossings. A ruling ends where it meets another; anything
 * beyond is a letter stroke merged onto its end (a "N" under a column rule that stops at a group
 * row), and would wrongly split that row's cell.
 */
function trimToCrossings(grid: TableGrid, tolerance: number): void {
  const trim = (line: RulingLine, alongs: number[]) => {
    const slack = line.thickness + 2;
    line.from = Math.max(line.from, Math.round(Math.min(...alongs) - slack));
    line.to = Math.min(line.to, Math.round(Math.max(...alongs) + slack));
  };
  const hs = grid.horizontal.map((h) => grid.vertical.map((v) => crossing(h, v, tolerance)?.x).filter((x) => x !== undefined));
  const vs = grid.vertical.map((v) => grid.horizontal.map((h) => crossing(h, v, tolerance)?.y).filter((y) => y !== undefined));
  grid.horizontal.forEach((h, i) => hs[i].length && trim(h, hs[i]));
  grid.vertical.forEach((v, i) => vs[i].length && trim(v, vs[i]));
}

/** Detection settings; defaults suit a 300-dpi page and scale with the page size. */
export interface RulingOptions {
  /** Pixels per inch the thresholds are scaled to; default from the page's long side (A4 height). */
  dpi?: number;
  /** The image is already a 2× darkest-pixel shrink of a ~300-dpi page: do not pool again. */
  pooled?: boolean;
}

/**
 * Finds the ruled tables on a page. A table is a set of horizontal and vertical lines that cross
 * each other — each line crossing at least two of the other direction — with at least two columns,
 * so text underlines, a signature rule or a single framed box are not tables. Robust to a skew of
 * a degree or so and to blur: runs of ink are linked across neighbouring rows and fitted to lines.
 *
 * @example
 * const grids = findTables(grey); // grey: the scanned "PHỤ LỤC" page
 * grids[0].horizontal.length // 5 — header row + 3 rows of "Nhiệm vụ, giải pháp"
 */
export function findTables(image: GreyImage, options: RulingOptions = {}): TableGrid[] {
  const dpi = options.dpi ?? defaultDpi(image);
  // Work on a 2× min-pooled ink mask near 300 dpi: rulings stay 1–2 px thick there. Lower, pooling
  // would fuse small letters into bars that pass for rulings.
  const factor = dpi >= 250 && !options.pooled ? 2 : 1;
  const mask = inkMask(image, otsuThreshold(image), factor);
  const px = (n: number) => Math.max(1, Math.round((n * dpi) / 300 / factor));
  const maxSlope = Math.tan((3 * Math.PI) / 180);
  const maxThickness = px(12);

  // Runs shorter than this are letter strokes; a ruling skewed by 1° still keeps ~2 px thick runs
  // of 100+ px in one row.
  const keep = (l: RulingLine, minLength: number) =>
    l.to - l.from + 1 >= minLength && Math.abs(l.slope) <= maxSlope && l.thickness <= maxThickness;
  const scaleUp = (l: RulingLine): RulingLine => ({
    c: l.c * factor + (factor - 1) / 2,
    slope: l.slope,
    from: l.from * factor,
    to: l.to * factor + factor - 1,
    thickness: l.thickness * factor,
  });
  let horizontal = mergeLines(
    linkRuns(horizontalRuns(mask, px(40), px(2)), 2, px(3)).filter((l) => keep(l, px(40))),
    px(6),
    px(30),
  )
    .filter((l) => keep(l, px(80)))
    .map(scaleUp);
  let vertical = mergeLines(
    linkRuns(verticalRuns(mask, px(30), px(2)), 2, px(3)).filter((l) => keep(l, px(30))),
    px(6),
    px(30),
  )
    .filter((l) => keep(l, px(45)))
    .map(scaleUp);

  // Keep only lines that take part in a grid: each must cross two lines of the other direction.
  const tolerance = px(12) * factor;
  for (let changed = true; changed; ) {
    const h = horizontal.filter((l) => vertical.filter((v) => crossing(l, v, tolerance)).length >= 2);
    const v = vertical.filter((l) => h.filter((x) => crossing(x, l, tolerance)).length >= 2);
    changed = h.length !== horizontal.length || v.length !== vertical.length;
    horizontal = h;
    vertical = v;
  }

  // Tables: connected groups of crossing lines.
  const tables: TableGrid[] = [];
  const usedH = new Set<RulingLine>();
  const usedV = new Set<RulingLine>();
  for (const seed of horizontal) {
    if (usedH.has(seed)) continue;
    const grid: TableGrid = { horizontal: [seed], vertical: [], slack: tolerance };
    usedH.add(seed);
    // Grow the group until no line crosses it any more.
    for (let grew = true; grew; ) {
      grew = false;
      for (const h of grid.horizontal) {
        for (const v of vertical) {
          if (!usedV.has(v) && crossing(h, v, tolerance)) {
            usedV.add(v);
            grid.vertical.push(v);
            grew = true;
          }
        }
      }
      for (const v of grid.vertical) {
        for (const h of horizontal) {
          if (!usedH.has(h) && crossing(h, v, tolerance)) {
            usedH.add(h);
            grid.horizontal.push(h);
            grew = true;
          }
        }
      }
    }
    trimToCrossings(grid, tolerance);
    const midX = grid.vertical.reduce((s, v) => s + across(v, 0), 0) / Math.max(1, grid.vertical.length);
    const midY = grid.horizontal.reduce((s, h) => s + across(h, midX), 0) / grid.horizontal.length;
    grid.horizontal.sort((p, q) => across(p, midX) - across(q, midX));
    grid.vertical.sort((p, q) => across(p, midY) - across(q, midY));
    // A table is at least an inch wide and a line of text tall; smaller "grids" are letters.
    const longest = (lines: RulingLine[]) => Math.max(...lines.map((l) => l.to - l.from + 1));
    const inch = dpi;
    if (grid.horizontal.length >= 2 && grid.vertical.length >= 3 && longest(grid.horizontal) >= inch && longest(grid.vertical) >= inch / 6) {
      tables.push(grid);
    }
  }
  return tables.sort((p, q) => across(p.horizontal[0], 0) - across(q.horizontal[0], 0));
}

/**
 * Paints a table's rulings white (in place), a little wider than measured, so tesseract neither
 * reads them as `|`, `[` or `_` nor glues them to the letters of a cell.
 *
 * @example
 * eraseRulings(grey, findTables(grey)); // then OCR sees only "Sở Tài chính", "2023 - 2025"…
 */
export function eraseRulings(image: GreyImage, tables: TableGrid[], options: RulingOptions = {}): void {
  const dpi = options.dpi ?? defaultDpi(image);
  const margin = Math.max(1, Math.round((2 * dpi) / 300));
  const { width, height, data } = image;
  // Paint with the paper's own grey, not pure white: a white stripe on grey paper has edges of its own.
  const paper = paperLevel(image);
  for (const table of tables) {
    for (const l of table.horizontal) {
      const half = l.thickness / 2 + margin;
      for (let x = Math.max(0, l.from - margin); x <= Math.min(width - 1, l.to + margin); x++) {
        const y = across(l, x);
        for (let yy = Math.max(0, Math.floor(y - half)); yy <= Math.min(height - 1, Math.ceil(y + half)); yy++) data[yy * width + x] = paper;
      }
    }
    for (const l of table.vertical) {
      const half = l.thickness / 2 + margin;
      for (let y = Math.max(0, l.from - margin); y <= Math.min(height - 1, l.to + margin); y++) {
        const x = across(l, y);
        for (let xx = Math.max(0, Math.floor(x - half)); xx <= Math.min(width - 1, Math.ceil(x + half)); xx++) data[y * width + xx] = paper;
      }
    }
  }
}

/** The most common grey level lighter than the ink threshold: the paper. */
function paperLevel(image: GreyImage): number {
  const hist = new Uint32Array(256);
  const d = image.data;
  for (let i = 0; i < d.length; i += 16) hist[d[i]]++;
  let best = 255;
  for (let v = otsuThreshold(image) + 1; v < 256; v++) if (hist[v] > hist[best]) best = v;
  return best;
}

/**
 * Encodes a grey image as binary PGM (P5): a header and the raw bytes, so handing the cleaned page
 * to tesseract (whose leptonica reads PNM) costs nothing next to a PNG encode.
 *
 * @example
 * await worker.recognize(toPgm(grey)) // the page with its "PHỤ LỤC" table rulings erased
 */
export function toPgm(image: GreyImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  return Buffer.concat([header, Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength)]);
}

interface Rgba {
  width: number;
  height: number;
  pixels: Uint32Array; // one RGBA pixel a word (little-endian: R in the low byte)
}

/** Decodes PNG or JPEG bytes to RGBA with @napi-rs/canvas, or undefined if it cannot be done safely. */
async function decodeRgba(bytes: Buffer): Promise<Rgba | undefined> {
  // Only well-formed PNG and JPEG headers reach the native decoder: it crashes the process (not
  // throws) on some malformed input, e.g. a JPEG cut before its frame header, or a TIFF.
  if (!decodable(bytes)) return undefined;
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  let img: Awaited<ReturnType<typeof loadImage>>;
  try {
    img = await loadImage(bytes);
  } catch {
    return undefined;
  }
  if (!img.width || !img.height) return undefined;
  const canvas = createCanvas(img.width, img.height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff'; // transparent PNGs: paper, not black
  g.fillRect(0, 0, img.width, img.height);
  g.drawImage(img, 0, 0);
  const data = g.getImageData(0, 0, img.width, img.height).data;
  return { width: img.width, height: img.height, pixels: new Uint32Array(data.buffer, data.byteOffset, data.byteLength >> 2) };
}

/** Full-resolution grey (ITU-R 601 weights; exact for a grey scan, where R = G = B). */
function greyOf(image: Rgba): GreyImage {
  const { pixels } = image;
  const data = new Uint8Array(pixels.length);
  for (let j = 0; j < data.length; j++) {
    const p = pixels[j];
    data[j] = ((p & 255) * 77 + ((p >>> 8) & 255) * 150 + ((p >>> 16) & 255) * 29) >> 8;
  }
  return { width: image.width, height: image.height, data };
}

/**
 * Half-resolution image, each pixel the darkest green of its 2×2 block: rulings survive intact and
 * detection reads a quarter of the pixels. Green alone is a good ink measure (black, blue and red
 * inks are all dark in green) and saves the grey conversion on pages without a table.
 */
function shrinkDarkest(image: Rgba): GreyImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const data = new Uint8Array(width * height);
  const src = image.pixels;
  const sw = image.width;
  for (let y = 0; y < height; y++) {
    const r0 = 2 * y * sw;
    const r1 = r0 + sw;
    const out = y * width;
    for (let x = 0; x < width; x++) {
      const i = 2 * x;
      let m = (src[r0 + i] >>> 8) & 255;
      const b = (src[r0 + i + 1] >>> 8) & 255;
      const c = (src[r1 + i] >>> 8) & 255;
      const d = (src[r1 + i + 1] >>> 8) & 255;
      if (b < m) m = b;
      if (c < m) m = c;
      if (d < m) m = d;
      data[out + x] = m;
    }
  }
  return { width, height, data };
}

/**
 * Decodes a page image (PNG or JPEG) to grey with @napi-rs/canvas. Returns undefined for a
 * format it does not decode safely (TIFF, a damaged header): the page is then OCRed as it is,
 * without table detection.
 *
 * @example
 * const grey = await decodeGrey(await readFile('phu-luc-trang-3.png'));
 */
export async function decodeGrey(bytes: Buffer): Promise<GreyImage | undefined> {
  const rgba = await decodeRgba(bytes);
  return rgba && greyOf(rgba);
}

/** Whether bytes are a PNG with its header chunk, or a JPEG whose frame header and scan start are present. */
function decodable(bytes: Buffer): boolean {
  if (bytes.length >= 33 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') return true;
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let frame = false;
  for (let i = 2; i + 4 <= bytes.length; ) {
    if (bytes[i] !== 0xff) return false;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = bytes.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > bytes.length) return false;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = length >= 8;
    if (marker === 0xda) return frame && i + 2 + length < bytes.length;
    i += 2 + length;
  }
  return false;
}

/** A page with ruled tables, ready for OCR. */
export interface PreparedPage {
  /** The page with its rulings erased, as PGM. */
  image: Buffer;
  /** The same, as grey pixels (for cutting out cells). */
  grey: GreyImage;
  tables: TableGrid[];
}

/**
 * Prepares a page for OCR: finds its ruled tables and, if there are any, returns a copy of the page
 * with the rulings erased (as PGM) plus the grids for layout. A page without tables returns
 * undefined, so it is OCRed exactly as before.
 *
 * @example
 * const prepared = await prepareTables(png);
 * prepared?.tables.length // 1 — the "PHỤ LỤC" responsibilities table
 */
export async function prepareTables(bytes: Buffer): Promise<PreparedPage | undefined> {
  // A JPEG with an EXIF rotation is turned by tesseract itself; a re-encoded copy would lose the tag.
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && exifOrientation(bytes) !== 1) return undefined;
  const rgba = await decodeRgba(bytes);
  if (!rgba || rgba.width < 2 || rgba.height < 2) return undefined;
  // Near 300 dpi, detect on the half-size darkest-pixel image; only a page with tables pays for
  // full-size grey. Lower resolutions have no pixels to spare: detect at full size.
  const dpi = defaultDpi(rgba);
  let grey: GreyImage | undefined;
  let tables: TableGrid[];
  if (dpi >= 250) tables = findTables(shrinkDarkest(rgba), { dpi: dpi / 2, pooled: true }).map(doubleGrid);
  else tables = findTables((grey = greyOf(rgba)), { dpi });
  if (tables.length === 0) return undefined;
  grey ??= greyOf(rgba);
  eraseRulings(grey, tables, { dpi });
  return { image: toPgm(grey), grey, tables };
}

/** A grid found at half size, in full-size pixels (half-size pixel x covers full-size 2x, 2x+1). */
function doubleGrid(grid: TableGrid): TableGrid {
  const double = (l: RulingLine): RulingLine => ({
    c: 2 * l.c + 0.5 - l.slope * 0.5,
    slope: l.slope,
    from: 2 * l.from,
    to: 2 * l.to + 1,
    thickness: 2 * l.thickness,
  });
  return { horizontal: grid.horizontal.map(double), vertical: grid.vertical.map(double), slack: (grid.slack ?? 6) * 2 };
}

/** The EXIF orientation of a JPEG, found the way tesseract.js finds it (1 = upright or none). */
function exifOrientation(bytes: Buffer): number {
  const head = [...bytes.subarray(0, 500)].join(' ');
  return Number.parseInt(head.match(/1 18 0 3 0 0 0 1 0 (\d)/)?.[1] ?? '1', 10) || 1;
}
