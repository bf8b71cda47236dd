import levenshtein from 'fast-levenshtein';

/**
 * Folds Vietnamese text for matching: NFC, lower case, no diacritics (đ → d), OCR digit-for-letter
 * slips inside words undone ("s6" → "so", "1én" → "len"), punctuation and figures dropped. Figures go
 * because two plans sharing an indicator differ precisely in them ("67%" vs "trên 65%").
 *
 * @example
 * foldSubject('67% cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số') // 'co quan bao chi tinh dua noi dung len cac nen tang so'
 */
export function foldSubject(text: string): string {
  const folded = text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    // OCR without Vietnamese turns ¢ and € into the e with a circumflex ("ngh¢" is "nghệ").
    .replace(/[¢€]/g, 'e');
  return folded
    .split(/[^a-z0-9%]+/)
    .map((tok) => (/[a-z]/.test(tok) && /\d/.test(tok) ? tok.replace(/[0-9]/g, (d) => DIGIT_AS_LETTER[d] ?? d) : tok))
    .filter((tok) => tok && !/^[\d%]+$/.test(tok))
    .join(' ');
}

const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '3': 'a', '4': 'a', '5': 's', '6': 'o', '8': 'b', '9': 'g' };

/**
 * Words that say nothing about what is measured: dropping them stops two unrelated bullets from
 * matching on "các … của tỉnh".
 */
const STOPWORDS = new Set(
  'cac cua va la co duoc cho trong tren den voi de nhung mot tai theo nay do ve tu tinh hoac nhu khi thi ra vao ma'.split(' '),
);

function contentTokens(folded: string): string[] {
  return folded.split(' ').filter((t) => t.length > 1 && !STOPWORDS.has(t));
}

function trigrams(folded: string): Map<string, number> {
  const s = ` ${folded} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= s.length; i++) {
    const g = s.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

function multisetOverlap(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  for (const [g, n] of a) common += Math.min(n, b.get(g) ?? 0);
  return common;
}

function sizeOf(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

/** Two words match when equal, or (4+ letters) one edit apart: OCR slips such as "quan"/"guan". */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1) return false;
  return levenshtein.get(a, b) <= 1;
}

function tokenOverlap(a: string[], b: string[], weight: (t: string) => number): number {
  const used = new Array<boolean>(b.length).fill(false);
  let common = 0;
  for (const t of a) {
    const j = b.findIndex((u, k) => !used[k] && sameWord(t, u));
    if (j >= 0) {
      used[j] = true;
      common += (weight(t) + weight(b[j])) / 2;
    }
  }
  return common;
}

/**
 * A word weight: how much sharing that word says about two phrases being the same indicator.
 *
 * @example
 * const w: WordWeight = () => 1; // every word counts the same, e.g. 'doanh' as much as 'bao'
 */
export type WordWeight = (word: string) => number;

/**
 * Word weights from the phrases being compared (inverse document frequency): in a set of press
 * plans every bullet says "cơ quan báo chí tỉnh", so sharing it proves little, while "doanh thu"
 * or "tòa soạn" pins an indicator down.
 *
 * @example
 * const w = wordWeights(['cơ quan báo chí tăng doanh thu', 'cơ quan báo chí dùng tòa soạn hội tụ']);
 * w('bao') < w('doanh') // true
 */
export function wordWeights(phrases: string[]): WordWeight {
  const df = new Map<string, number>();
  for (const p of phrases) for (const t of new Set(contentTokens(foldSubject(p)))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, phrases.length);
  return (t) => Math.log(1 + n / (df.get(t) ?? 1));
}

/**
 * How alike two indicator phrases are, in [0, 1], whatever their diacritics or OCR damage. The mean
 * of a word score and a letter-trigram score: words catch reordering, trigrams catch broken words.
 * Each score is the larger of Dice and a damped containment, because one plan often merges two
 * indicators of another into one bullet ("…nền tảng số; hoạt động, vận hành mô hình tòa soạn hội tụ").
 *
 * @example
 * subjectSimilarity('cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số', 'co quan béo chi cta tinh dua ndi dung théng tin 1én cac nén tang sO') // ≈ 0.7
 */
export function subjectSimilarity(a: string, b: string, weight: WordWeight = () => 1): number {
  const x = features(a);
  const y = features(b);
  if (!x.folded || !y.folded) return x.folded === y.folded ? 1 : 0;
  if (x.folded === y.folded) return 1;
  const sum = (ts: string[]) => ts.reduce((acc, t) => acc + weight(t), 0);
  const words = x.tokens.length && y.tokens.length ? score(tokenOverlap(x.tokens, y.tokens, weight), sum(x.tokens), sum(y.tokens)) : 0;
  const grams = score(multisetOverlap(x.grams, y.grams), x.gramCount, y.gramCount);
  return (words + grams) / 2;
}

interface Features {
  folded: string;
  tokens: string[];
  grams: Map<string, number>;
  gramCount: number;
}

// Comparing many plans compares each phrase with hundreds of others: fold it once. Bounded, so a
// long-running process comparing thousands of plans does not keep every phrase forever.
const featureCache = new Map<string, Features>();

function features(text: string): Features {
  let f = featureCache.get(text);
  if (f) return f;
  const folded = foldSubject(text);
  const grams = trigrams(folded);
  f = { folded, tokens: contentTokens(folded), grams, gramCount: sizeOf(grams) };
  if (featureCache.size >= 50_000) featureCache.clear();
  featureCache.set(text, f);
  return f;
}

function score(common: number, na: number, nb: number): number {
  const dice = (2 * common) / (na + nb);
  const containment = common / Math.min(na, nb);
  // Containment alone would let a 3-word phrase match any long bullet holding those words.
  const shortShare = Math.min(na, nb) / Math.max(na, nb);
  return Math.max(dice, containment * (0.6 + 0.25 * Math.min(1, shortShare * 2)));
}

/**
 * Similarity of two organisation names in [0, 1], on folded names: 1 when equal, else one minus the
 * normalized edit distance ("Sở Thông tin và Truyền thông" vs "S¢ Thong tin va Truyén thong").
 *
 * @example
 * nameSimilarity('Sở Tài chính', 'So Tai chinh') // 1
 */
export function nameSimilarity(a: string, b: string): number {
  const fa = foldName(a);
  const fb = foldName(b);
  if (fa === fb) return 1;
  const n = Math.max(fa.length, fb.length);
  const chars = n === 0 ? 1 : 1 - levenshtein.get(fa, fb) / n;
  // Word Dice forgives a dropped word ("Các sở, ban, ngành thuộc tỉnh" / "Các sở, ban, ngành tỉnh").
  const wa = fa.split(' ').filter((w) => w !== 'va');
  const wb = fb.split(' ').filter((w) => w !== 'va');
  const words = (2 * tokenOverlap(wa, wb, () => 1)) / (wa.length + wb.length);
  return Math.max(chars, words);
}

/**
 * A body name folded for matching: no diacritics, no leading "các", "&" spelled out, so
 * "Sở TT&TT" and "Sở TT & TT" agree.
 *
 * @example
 * foldName('Các cơ quan báo chí tỉnh') // 'co quan bao chi tinh'
 */
export function foldName(name: string): string {
  return foldSubject(name.replace(/&/g, ' va '))
    .replace(/^cac /, '')
    .trim();
}
