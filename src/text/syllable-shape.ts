/**
 * Whether a word has the shape of a Vietnamese syllable: an optional onset, one to three vowels, an
 * optional coda, at most one tone mark. A cheap test (no dictionary) used to tell real Vietnamese
 * from mojibake, e.g. when choosing how to decode a legacy 8-bit file.
 */
const SHAPE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|nh|ng|[cmnpt])?$/;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * @example
 * isSyllableShaped('Truyền') // true
 * isSyllableShaped('TruyÒn') // false — TCVN3 bytes read as Latin-1
 */
export function isSyllableShaped(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONES)?.length ?? 0;
  if (tones > 1) return false;
  return SHAPE.test(nfd.replace(TONES, '').normalize('NFC'));
}

/**
 * The share of alphabetic words in `text` that are syllable-shaped (0 when there are none).
 *
 * @example
 * syllableShapeShare('Kế hoạch triển khai') // 1
 */
export function syllableShapeShare(text: string): { share: number; words: number } {
  // Words are cut at spaces only and trimmed of bordering punctuation, so a stray symbol inside a
  // word (mojibake's '?', '¹', '®') makes it fail rather than splitting it into clean-looking pieces.
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/^[.,;:!?()"“”'‘’\-–/*…]+|[.,;:!?()"“”'‘’\-–/*…]+$/g, ''))
    .filter((w) => /\p{L}/u.test(w) && !/\d/.test(w));
  if (words.length === 0) return { share: 0, words: 0 };
  return { share: words.filter(isSyllableShaped).length / words.length, words: words.length };
}
