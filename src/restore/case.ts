/**
 * The case a restored word is printed in. The OCR token's own case is poor evidence: the English
 * model reads a lower-case "ở" as "G", an "l" as "I" and a capital "Đ" as "b", so printing the
 * reading in the token's pattern gives "SỞ" for "SG", "Lý" for "Iy", "điều" for "biéu". The case
 * is chosen instead as
 *
 *   P(pattern | context, word) · Π P(each OCR piece as written | the letter it stands for, that letter's case)
 *
 * with the second factor learned from the channel's synthetic pairs (`learnCaseEvidence`) over
 * the channel's own letter alignment, and the first from clean genre text (`countCaps` in
 * model.ts: per context, and per word in the middle of a sentence).
 */
import type { Channel } from './channel.js';
import { charSkeleton, type CasePattern } from './syllable.js';

/** How an OCR piece looks: 0 capital (has a capital letter), 1 lower case, 2 caseless (digit, symbol, nothing). */
export type Look = 0 | 1 | 2;

/**
 * Per truth letter (lower case, with its diacritics) and OCR piece aligned to it (as OCR wrote
 * it), counts in three rows: the letter in lower case in a lower-case word, in lower case after a
 * capital (the engine keeps a word's case together: "Sở" → "SG" far more often than "sở" → "sG"),
 * and as a capital. The piece itself, not only whether it looks like a capital, is the evidence:
 * "b" stands for a capital Đ, never for a lower-case đ (which reads "d").
 */
export type CaseEvidence = Record<string, Record<string, number[]>>;

/**
 * Where a word stands, for the prior over its case, as a number 0–11 (see caseContext): the line
 * (no other cased letters, ordinary, mostly capitals), whether the word starts a sentence, and
 * whether a neighbour on the line is in capitals.
 */
export type CaseContext = number;

/**
 * @param line 0 no other cased letters on the line, 1 ordinary line, 2 line mostly in capitals (heading)
 * @param start first word of a sentence
 * @param capitalsNext the word before or after it on the line is in capitals (names and headings run in capitals)
 *
 * @example
 * caseContext(1, false, false) // 6: the middle of an ordinary sentence
 */
export function caseContext(line: 0 | 1 | 2, start: boolean, capitalsNext: boolean): CaseContext {
  return (line * 2 + (start ? 0 : 1)) * 2 + (capitalsNext ? 1 : 0);
}

/** Whether a context is the middle of a sentence on an ordinary line (where words' own rates apply). */
function midSentence(c: CaseContext): boolean {
  return c >> 1 === 3;
}

/** Whether a context has a word in capitals next to it. */
export function hasCapitalsNext(c: CaseContext): boolean {
  return (c & 1) === 1;
}

/** The number of case contexts (see caseContext). */
export const CONTEXTS = 12;
/** The patterns a chooser chooses from, in the order of the prior's counts and of its memo's codes. */
const PATTERNS: readonly CasePattern[] = ['lower', 'title', 'upper'];
/** Contexts × patterns: the length of the prior's count array. */
export const CONTEXT_COUNTS = CONTEXTS * PATTERNS.length;

/**
 * What a piece of OCR text shows of its letter's case.
 *
 * @example
 * lookOf('G') // 0
 * lookOf('ti') // 1
 * lookOf('6') // 2
 */
export function lookOf(piece: string): Look {
  if (piece.length === 1) {
    const look = asciiLook(piece.charCodeAt(0));
    if (look !== undefined) return look;
  }
  if (piece !== piece.toLowerCase()) return 0;
  return piece !== piece.toUpperCase() ? 1 : 2;
}

/**
 * lookOf of the character with code c when it is ASCII, from the code alone (undefined for
 * others): most OCR output is, and this runs for every letter of every restored word.
 */
function asciiLook(c: number): Look | undefined {
  if (c >= 97 && c <= 122) return 1;
  if (c >= 65 && c <= 90) return 0;
  if (c < 128) return 2;
  return undefined;
}

/**
 * The case contexts of a line's words and numbers (`words`, as OCR wrote them): the context of
 * the one at `i` is read from the others (`start`: it begins a sentence). Linear in the line.
 */
export function lineCaseContexts(words: readonly string[]): (i: number, start: boolean) => CaseContext {
  // Two arrays of counts, not a pair per word: this runs for every line restored.
  const uppers = new Array<number>(words.length);
  const caseds = new Array<number>(words.length);
  const capitals = new Array<boolean>(words.length);
  let upper = 0;
  let cased = 0;
  for (let i = 0; i < words.length; i++) {
    countCasedLetters(words[i]);
    uppers[i] = counted.upper;
    caseds[i] = counted.cased;
    capitals[i] = inCapitals(counted.upper, counted.cased);
    upper += counted.upper;
    cased += counted.cased;
  }
  return (i, start) => caseContext(lineClass(upper - uppers[i], cased - caseds[i]), start, capitals[i - 1] === true || capitals[i + 1] === true);
}

/**
 * Whether a word is written in capitals (two cased letters at least, see casePattern).
 *
 * @example
 * isInCapitals('UBND') // true
 * isInCapitals('A') // false
 */
export function isInCapitals(word: string): boolean {
  countCasedLetters(word);
  return inCapitals(counted.upper, counted.cased);
}

/** isInCapitals from a word's casedLetters (the test of casePattern's 'upper'). */
function inCapitals(upper: number, cased: number): boolean {
  return cased >= 2 && upper >= 2 && upper > 2 * (cased - upper);
}

/**
 * The line's context class from the cased letters of its other words: `upper` of `cased` letters
 * are capitals. Half or more in capitals is a heading.
 *
 * @example
 * lineClass(12, 12) // 2 ("KINH PHi THỰC HIỆN" around "PHi")
 * lineClass(1, 20) // 1
 */
function lineClass(upper: number, cased: number): 0 | 1 | 2 {
  if (cased < 2) return 0;
  return 2 * upper >= cased ? 2 : 1;
}

/**
 * Capitals and cased letters of a word.
 *
 * @example
 * casedLetters('PHi') // [2, 3]
 * casedLetters('348') // [0, 0]
 */
export function casedLetters(word: string): [number, number] {
  countCasedLetters(word);
  return [counted.upper, counted.cased];
}

/** What countCasedLetters counted last (read at once: the next call overwrites it). */
const counted = { upper: 0, cased: 0 };

/**
 * Counts a word's capitals and cased letters into `counted`, lookOf per character: ASCII from its
 * code (asciiLook), other characters (one per code point) by lookOf itself, which compares cases.
 */
function countCasedLetters(word: string): void {
  let upper = 0;
  let cased = 0;
  for (let i = 0; i < word.length; i++) {
    let look = asciiLook(word.charCodeAt(i));
    if (look === undefined) {
      const cp = word.codePointAt(i)!;
      if (cp > 0xffff) i++;
      look = lookOf(String.fromCodePoint(cp));
    }
    if (look === 2) continue;
    cased++;
    if (look === 0) upper++;
  }
  counted.upper = upper;
  counted.cased = cased;
}

/**
 * The pieces of `ocr` (original case) aligned to each letter of `truth` by the channel, or
 * undefined when the channel finds no alignment.
 */
function alignedPieces(channel: Channel, ocr: string, truth: string): [string, string][] | undefined {
  const chars = [...ocr];
  const letters = [...truth];
  // As long as the word: letter for letter (nearly always what the channel would align, and
  // aligning costs far more than the rest of the choice).
  if (chars.length === letters.length) return letters.map((t, i) => [t.toLowerCase(), chars[i]]);
  const lower = ocr.toLowerCase();
  // Lower-casing keeps the length of every letter OCR produces here; if not, no evidence.
  if ([...lower].length !== chars.length) return undefined;
  const al = channel.align(lower, truth.toLowerCase());
  if (!al) return undefined;
  const out: [string, string][] = [];
  let at = 0;
  for (const [t, piece] of al) {
    const n = [...piece].length;
    if (t !== '^') out.push([t, chars.slice(at, at + n).join('')]);
    at += n;
  }
  return out;
}

/**
 * Counts, per truth letter, its case and the OCR piece aligned to it (see CaseEvidence). A pair's
 * optional third element weighs it, as in trainChannel.
 *
 * @example
 * learnCaseEvidence([['Sở', 'SG']], channel)['ở'] // { G: [0, 1, 0] }
 */
export function learnCaseEvidence(pairs: [string, string, number?][], channel: Channel): CaseEvidence {
  const out: CaseEvidence = {};
  const isUpper = (ch: string) => ch !== ch.toLowerCase();
  for (const [truth, ocr, weight = 1] of pairs) {
    const pieces = alignedPieces(channel, ocr, truth);
    if (!pieces) continue;
    const letters = [...truth];
    const capitalised = isUpper(letters[0]);
    pieces.forEach(([t, piece], i) => {
      const row = ((out[t] ??= {})[piece] ??= [0, 0, 0]);
      row[isUpper(letters[i]) ? CAPITAL : capitalised ? AFTER_CAPITAL : LOWER] += weight;
    });
  }
  return out;
}

/** Rows of CaseEvidence. */
const LOWER = 0;
const AFTER_CAPITAL = 1;
const CAPITAL = 2;

/**
 * Pseudo-count pulling a rate towards a coarser estimate: a piece's rate among the letter's pieces
 * of its look (capital, lower, caseless) in a row towards its share over all rows, a letter's look
 * rates towards its base letter's, and those towards all letters'.
 */
const BACKOFF = 2;

/**
 * Chooses the case of restored words (see the file comment).
 */
export class CaseChooser {
  /** Per letter: piece counts and look counts [row × 3 looks]. */
  private readonly letters = new Map<string, { pieces: Record<string, number[]>; looks: number[] }>();
  /** Look counts per base letter and over all letters. */
  private readonly byBase = new Map<string, number[]>();
  private readonly all = new Array<number>(9).fill(0);
  /** Per letter, per piece: ln P(piece | letter, row) for the three rows. */
  private readonly lnPiece = new Map<string, Map<string, Float64Array>>();
  private readonly lnPrior: Float64Array;

  /**
   * @param evidence learned piece counts
   * @param contextCounts per context (3 × CaseContext), counts of lower-case, capitalised, capitals words
   * @param midSentencePrior P(lower, title, upper | word) in the middle of an ordinary sentence (`alone`: no word in capitals next to it), when the word's own rates are known
   */
  constructor(
    evidence: CaseEvidence,
    contextCounts: ArrayLike<number>,
    private readonly channel: Channel,
    private readonly midSentencePrior?: (id: number, alone: boolean) => [number, number, number] | undefined,
  ) {
    for (const [t, pieces] of Object.entries(evidence)) {
      const looks = new Array<number>(9).fill(0);
      for (const [piece, counts] of Object.entries(pieces)) for (let r = 0; r < 3; r++) looks[r * 3 + lookOf(piece)] += counts[r];
      this.letters.set(t, { pieces, looks });
      const base = charSkeleton(t);
      const b = this.byBase.get(base) ?? new Array<number>(9).fill(0);
      for (let i = 0; i < 9; i++) {
        b[i] += looks[i];
        this.all[i] += looks[i];
      }
      this.byBase.set(base, b);
    }
    this.lnPrior = new Float64Array(CONTEXT_COUNTS);
    for (let c = 0; c < CONTEXT_COUNTS; c += 3) {
      const n = contextCounts[c] + contextCounts[c + 1] + contextCounts[c + 2];
      for (let k = 0; k < 3; k++) this.lnPrior[c + k] = Math.log((contextCounts[c + k] + 1) / (n + 3));
    }
  }

  /** Smoothed look rates (probabilities, [row × 3 looks]) of look counts, towards `towards`. */
  private static rates(looks: number[], towards: number[]): number[] {
    const out = new Array<number>(9);
    for (let k = 0; k < 9; k += 3) {
      const n = looks[k] + looks[k + 1] + looks[k + 2];
      for (let l = 0; l < 3; l++) out[k + l] = (looks[k + l] + BACKOFF * towards[k + l]) / (n + BACKOFF);
    }
    return out;
  }

  /** ln P(piece | letter t, row) for the three rows. */
  private pieceRates(t: string, piece: string): Float64Array {
    let known = this.lnPiece.get(t);
    if (!known) this.lnPiece.set(t, (known = new Map()));
    let out = known.get(piece);
    if (out) return out;
    const global = CaseChooser.rates(this.all, new Array<number>(9).fill(1 / 3));
    const base = this.byBase.get(charSkeleton(t));
    const baseRates = base ? CaseChooser.rates(base, global) : global;
    const letter = this.letters.get(t);
    const looks = letter ? CaseChooser.rates(letter.looks, baseRates) : baseRates;
    const look = lookOf(piece);
    // The piece's share among the letter's pieces of the same look, over all rows.
    let same = 0;
    let pieceTotal = 0;
    let kinds = 1;
    for (const [p, counts] of Object.entries(letter?.pieces ?? {})) {
      if (lookOf(p) !== look) continue;
      const n = counts[0] + counts[1] + counts[2];
      same += n;
      kinds++;
      if (p === piece) pieceTotal = n;
    }
    const share = (pieceTotal + 0.5) / (same + 0.5 * kinds);
    const counts = letter?.pieces[piece] ?? [0, 0, 0];
    out = new Float64Array(3);
    // P(look | letter, row) · P(piece | its look, letter, row): the piece's rate among the
    // letter's pieces of that look in that row, pulled towards its share over all rows. The two
    // lower-case rows print the same glyph, so they share one count (only how often the engine
    // writes the letter as a capital differs between them, in `looks`): a garble seen a few times
    // in lower-case words ("éa" for â) is no evidence against "Châu" (after a capital the row has
    // a tenth of the data and had not seen it).
    const ofLook = (r: number) => letter?.looks[r * 3 + look] ?? 0;
    for (let r = 0; r < 3; r++) {
      const [n, of] = r === CAPITAL ? [counts[r], ofLook(r)] : [counts[LOWER] + counts[AFTER_CAPITAL], ofLook(LOWER) + ofLook(AFTER_CAPITAL)];
      out[r] = Math.log(looks[r * 3 + look]) + Math.log((n + BACKOFF * share) / (of + BACKOFF));
    }
    // Bounded: pieces are few (≤ 3 characters), but a stream of odd input must not grow it forever.
    if (known.size > 5000) known.clear();
    known.set(piece, out);
    return out;
  }

  /**
   * The pattern to print `word` (a syllable, lower case) in, read from OCR `token`, LM id `id`.
   *
   * @example
   * chooser.choose('SG', 'sở', id, caseContext(1, false, false)) // 'title'
   */
  choose(token: string, word: string, id: number, context: CaseContext): CasePattern {
    // Kept per (token, reading, context) across documents: their words recur ("cua" → của). Maps
    // by token, then reading, then an array by context: no key string to build per word.
    let byWord = this.memo.get(token);
    if (!byWord) {
      // Bounded: a long stream of new documents must not grow it forever.
      if (this.memo.size > 100_000) this.memo.clear();
      this.memo.set(token, (byWord = new Map()));
    }
    let byContext = byWord.get(word);
    if (!byContext) byWord.set(word, (byContext = new Uint8Array(CONTEXTS)));
    if (byContext[context] === 0) byContext[context] = PATTERNS.indexOf(this.compute(token, word, id, context)) + 1;
    return PATTERNS[byContext[context] - 1];
  }

  /** Per token, per reading, per context: 1 + the pattern's index in PATTERNS (0: not yet chosen). */
  private readonly memo = new Map<string, Map<string, Uint8Array>>();

  private compute(token: string, word: string, id: number, context: CaseContext): CasePattern {
    const mid = midSentence(context) ? this.midSentencePrior?.(id, !hasCapitalsNext(context)) : undefined;
    let lower = mid ? Math.log(mid[0]) : this.lnPrior[context * 3];
    let title = mid ? Math.log(mid[1]) : this.lnPrior[context * 3 + 1];
    let upper = mid ? Math.log(mid[2]) : this.lnPrior[context * 3 + 2];
    const pieces = alignedPieces(this.channel, token, word);
    if (pieces) {
      for (let i = 0; i < pieces.length; i++) {
        const r = this.pieceRates(pieces[i][0], pieces[i][1]);
        lower += r[LOWER];
        title += r[i === 0 ? CAPITAL : AFTER_CAPITAL];
        upper += r[CAPITAL];
      }
    }
    // One letter: capitalised and capitals print the same; their weights add up.
    if ([...word].length === 1) return lower >= Math.log(Math.exp(title) + Math.exp(upper)) ? 'lower' : 'title';
    if (lower >= title && lower >= upper) return 'lower';
    return title >= upper ? 'title' : 'upper';
  }
}
