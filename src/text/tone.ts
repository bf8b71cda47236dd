/**
 * Tone-mark placement: the old style puts the mark on the second vowel of "oa", "oe", "uy" ("hoà",
 * "thuý", "Uỷ"), the new style (and Unicode's usual form in administrative text) on the first ("hòa",
 * "thúy", "Ủy"). Users treat both as the same word, so names are compared and printed in one style.
 */

const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/**
 * Rewrites old-style tone placement to the new style in "oa", "oe", "uy" when no consonant follows
 * in the syllable ("hoà" → "hòa", "Uỷ ban" → "Ủy ban"; "hoàn" stays, the mark belongs on "a" there).
 *
 * @example
 * newStyleTones('Uỷ ban nhân dân, hoà nhập') // 'Ủy ban nhân dân, hòa nhập'
 */
export function newStyleTones(text: string): string {
  return text.normalize('NFD').replace(/(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![\p{L}])/gu, (all, v1: string, v2: string, tone: string) => {
    if (!TONES.includes(tone)) return all;
    // "qu" + "y": "quý" keeps the mark on y (u is part of the consonant "qu").
    return `${v1}${tone}${v2}`;
  }).normalize('NFC');
}
