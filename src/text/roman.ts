/**
 * Roman numerals as Vietnamese plans print them (I, II, III, IV…), including the forms OCR makes of
 * them: "I1." or "Il." for II, "I11." for III, "1V." for IV, "|I" for II.
 */

const VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/**
 * Parses a strict Roman numeral (I…CXC). Returns undefined for anything else.
 *
 * @example
 * parseRoman('XIV') // 14
 */
export function parseRoman(label: string): number | undefined {
  const s = label.toUpperCase();
  if (!/^[IVXLC]+$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VALUES[s[i]];
    const next = VALUES[s[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return toRoman(total) === s ? total : undefined;
}

/**
 * Formats 1…399 as a Roman numeral.
 *
 * @example
 * toRoman(4) // 'IV'
 */
export function toRoman(n: number): string {
  const table: [number, string][] = [
    [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let rest = Math.floor(n);
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/**
 * Reads a label that should be a Roman numeral but may carry OCR damage: 1, l, |, ! and í read for I,
 * and H read for II (two close bars with a blurred serif between them: "IH." is III).
 * Labels made only of digits are refused ("11." is an arabic item number), unless `allowDigits`.
 *
 * @example
 * parseOcrRoman('I11') // 3
 */
export function parseOcrRoman(label: string, allowDigits = false): number | undefined {
  const raw = label.trim();
  if (!raw || raw.length > 6) return undefined;
  if (!allowDigits && /^[0-9]+$/.test(raw)) return undefined;
  const mapped = raw.replace(/H/g, 'II').replace(/[1l|!íìĩ]/g, 'I').replace(/[vV]/g, 'V').replace(/[xX]/g, 'X').replace(/i/g, 'I');
  return parseRoman(mapped);
}
