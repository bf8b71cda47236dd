/**
 * Diacritic folding for matching Vietnamese text whatever its state: clean, NFD, old tone placement
 * ("hoà"/"hòa"), or OCR that lost its diacritics. Folding keeps the string length (one UTF-16 unit in,
 * one out), so a match found in the folded text has the same offsets in the original.
 */

const cache = new Map<string, string>();

function foldChar(ch: string): string {
  let out = cache.get(ch);
  if (out !== undefined) return out;
  if (ch === 'đ' || ch === 'Đ') out = 'd';
  else {
    const base = ch.normalize('NFD')[0] ?? ch;
    out = base.toLowerCase();
    if (out.length !== 1) out = ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
  }
  cache.set(ch, out);
  return out;
}

/**
 * Lower-cases and removes Vietnamese diacritics (đ → d), one character for one, so offsets are kept.
 * Expects NFC input (the document text always is); other scripts pass through lower-cased.
 *
 * @example
 * fold('Sở Thông tin và Truyền thông') // 'so thong tin va truyen thong'
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]);
  return out;
}

/**
 * Folds and then removes what OCR damage adds inside words, for fuzzy comparison only (offsets are
 * NOT kept): digits read for letters inside words ("s6" → "so", "1am" → "lam", "B4o" → "bao"),
 * stray marks ("thu'c" → "thuc", "S¢" → "se"), ligatures ("ﬁ"). Punctuation becomes a space.
 *
 * @example
 * foldLoose("KINH PHi THU'C HIEN") // 'kinh phi thuc hien'
 */
export function foldLoose(text: string): string {
  const folded = fold(text.normalize('NFKC').normalize('NFC'));
  return folded
    .replace(/[''`´’‘]/g, '')
    .replace(/¢/g, 'e')
    .replace(/€/g, 'e')
    .replace(/&(?=\s|$)/g, 'o')
    .split(/\s+/)
    .map((tok) => (/[a-z]/.test(tok) && /\d/.test(tok) && !/^\d+[a-z]?$/.test(tok) ? tok.replace(/[0-9]/g, (d) => DIGIT_AS_LETTER[d] ?? d) : tok))
    .join(' ')
    .replace(/[^a-z0-9&\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '3': 'a', '4': 'a', '5': 's', '6': 'o', '8': 'b', '9': 'g' };

/**
 * Levenshtein distance, capped: returns `max + 1` as soon as the distance must exceed `max`.
 *
 * @example
 * editDistance('muc pich', 'muc dich') // 1
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * Similarity in [0, 1] from the edit distance of two strings (1 = equal).
 *
 * @example
 * similarity('so tai chinh', 'se tai chinh') // ≈ 0.92
 */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  return 1 - editDistance(a, b) / n;
}

/**
 * Finds a phrase (folded, words separated by spaces) among the words of a loosely folded text,
 * tolerating about one edit per `lettersPerEdit` letters (5). Returns the index of the first matching word or -1.
 *
 * @example
 * findPhrase(foldLoose('I. MUC PiCH, YEU CAU'), 'muc dich') // 1
 */
export function findPhrase(looseText: string, phrase: string, lettersPerEdit = 5): number {
  const words = looseText.split(' ').filter(Boolean);
  const target = phrase.split(' ');
  const letters = phrase.replace(/ /g, '').length;
  const allowance = Math.max(0, Math.floor(letters / lettersPerEdit));
  for (let i = 0; i + target.length <= words.length; i++) {
    let dist = 0;
    for (let k = 0; k < target.length && dist <= allowance; k++) {
      const w = words[i + k];
      const t = target[k];
      // A word must keep at least its length roughly and share a letter with the target word.
      dist += w === t ? 0 : editDistance(w, t, allowance - dist);
    }
    if (dist <= allowance) return i;
  }
  return -1;
}
