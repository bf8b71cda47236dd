import data from '../../dictionaries/bodies.json' with { type: 'json' };
import { editDistance, foldLoose } from '../text/fold.js';
import { expandAbbreviations } from './dictionary.js';

/**
 * Word groups that make up the names of Vietnamese bodies, in their correct spelling: the dictionary's
 * names plus the generic phrases of group and local-tier names. Used to repair names whose marks OCR
 * lost or restoration guessed wrong ("Các số, ban, ngành" → "Các sở, ban, ngành").
 */
const GENERIC = (data as { phrases?: string[] }).phrases ?? [];

interface Phrase {
  words: string[];
  keys: string[];
  joined: string;
}

const PHRASES: Phrase[] = [...new Set([...GENERIC, ...(data.bodies as { name: string; aliases: string[] }[]).flatMap((b) => [b.name, ...b.aliases].map((n) => expandAbbreviations(n)))])]
  .map((p) => {
    const words = p.split(/\s+/);
    const keys = words.map((w) => foldLoose(w));
    return { words, keys, joined: keys.join(' ') };
  })
  .filter((p) => p.words.length >= 2)
  .sort((a, b) => b.words.length - a.words.length);

const TIER_WORDS: Record<string, string> = { tinh: 'tỉnh', huyen: 'huyện', xa: 'xã', tình: 'tỉnh', tính: 'tỉnh' };

// The first letter must agree, except Đ read as P or B, and a short word whose initial vowel OCR
// replaced ("Iy", "Ly" for "Ủy").
const sameStart = (a: string, b: string) => a[0] === b[0] || ('dpb'.includes(a[0] ?? '') && b[0] === 'd') || ('aeiouy'.includes(b[0] ?? '') && a.length <= 2 && a.length === b.length && a[1] === b[1]);

/**
 * Rewrites the known word groups of a body name in their correct spelling, tolerating about one wrong
 * letter in six; words outside known groups are left as they are.
 *
 * @example
 * repairName('Ủy ban nhìn dân các huyện, thị xã, thành phố') // 'Ủy ban nhân dân các huyện, thị xã, thành phố'
 */
export function repairName(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const keys = words.map((w) => foldLoose(w));
  const out: string[] = [];
  let i = 0;
  const maxLen = PHRASES[0]?.words.length ?? 0;
  while (i < words.length) {
    let best: { p: Phrase; d: number } | undefined;
    // The longest known group that fits, and among groups of that length the closest one.
    // Fewest wrong letters first, then the longest group.
    for (let n = Math.min(maxLen, words.length - i); n >= 2; n--) {
      const win = keys.slice(i, i + n);
      const joined = win.join(' ');
      for (const p of PHRASES) {
        if (p.words.length !== n || !win.every((k, j) => k && sameStart(k, p.keys[j]))) continue;
        const allowance = Math.max(1, Math.floor(p.joined.length / 6));
        const d = editDistance(joined, p.joined, allowance);
        if (d <= allowance && (!best || d < best.d)) best = { p, d };
        if (best?.d === 0) break;
      }
    }
    if (!best) {
      out.push(words[i]);
      i++;
      continue;
    }
    const n = best.p.words.length;
    const trailing = /[,;.:]+$/.exec(words[i + n - 1])?.[0] ?? '';
    const replacement = [...best.p.words];
    if (trailing && !replacement[n - 1].endsWith(trailing)) replacement[n - 1] += trailing;
    // Keep the case of the first letter as written ("các" inside a name, "Các" at its start).
    if (/^\p{Ll}/u.test(words[i]) && /^\p{Lu}\p{Ll}/u.test(replacement[0])) replacement[0] = replacement[0].charAt(0).toLowerCase() + replacement[0].slice(1);
    if (i === 0 && /^\p{Ll}/u.test(replacement[0])) replacement[0] = replacement[0].charAt(0).toUpperCase() + replacement[0].slice(1);
    out.push(...replacement);
    i += n;
  }
  // A locality word closing the name, written without its marks: "… ngành tinh" is "… ngành tỉnh".
  const last = out.length - 1;
  if (last > 0 && TIER_WORDS[out[last]]) out[last] = TIER_WORDS[out[last]];
  return out.join(' ');
}
