import { fold } from './fold.js';

/**
 * True when most words carry Vietnamese marks, as in clean text (about 60–70% of syllables do); text
 * OCR'd without Vietnamese keeps few. Stages use it to decide between exact and approximate matching.
 *
 * @example
 * isCleanVietnamese('Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ban, ngành') // true
 */
export function isCleanVietnamese(text: string): boolean {
  const words = text.match(/[\p{L}]+/gu) ?? [];
  if (words.length < 20) return true;
  const marked = words.filter((w) => fold(w) !== w.toLowerCase()).length;
  return marked / words.length >= 0.4;
}
