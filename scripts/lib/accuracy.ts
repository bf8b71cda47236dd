/**
 * Syllable accuracy of a text against its truth, insensitive to case and to old/new tone placement
 * (hoà = hòa): the share of truth syllables found in order (LCS over syllables).
 */
export function syllableAccuracy(truth: string, actual: string): number {
  const a = syllables(truth);
  const b = syllables(actual);
  if (a.length === 0) return b.length === 0 ? 1 : 0;
  // LCS with two rows: texts here are at most a few thousand syllables.
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[b.length] / a.length;
}

const OLD_TONE: Record<string, string> = {
  òa: 'oà', óa: 'oá', ỏa: 'oả', õa: 'oã', ọa: 'oạ', òe: 'oè', óe: 'oé', ỏe: 'oẻ', õe: 'oẽ', ọe: 'oẹ',
  ùy: 'uỳ', úy: 'uý', ủy: 'uỷ', ũy: 'uỹ', ụy: 'uỵ',
};

/** Lower-cased, NFC syllables with tone placement unified (both "hoà" and "hòa" become "hoà"). */
export function syllables(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((s) => s.replace(/(òa|óa|ỏa|õa|ọa|òe|óe|ỏe|õe|ọe|ùy|úy|ủy|ũy|ụy)$/u, (m) => OLD_TONE[m] ?? m));
}
