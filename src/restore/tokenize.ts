/**
 * Splits a line into tokens that restoration may change (words, with the digits and symbols an
 * OCR engine puts in place of Vietnamese letters: "d6i", "S&", "k¥") and everything it must keep
 * byte for byte (spaces, punctuation, numbers, URLs, e-mail addresses).
 */

/** One piece of a line; joining every `text` gives the line back exactly. */
export interface Token {
  text: string;
  start: number;
  kind: 'word' | 'number' | 'space' | 'punct' | 'protected';
  /** Sentence-like boundary before the next word (for the language model). */
  boundary?: boolean;
  /**
   * A word OCR joined to the one before it with a mark read in place of the space between them
   * ("S&'Y" for "Sở Y"): the decoder reads the two as words and prints a space for the mark.
   */
  joined?: boolean;
}

// Characters an English OCR engine substitutes for Vietnamese letters inside a word.
const WORD_CHAR = "\\p{L}\\p{M}0-9&¥¢€£§@";
/** How a URL starts: PROTECTED_RE's URLs, and the mark a line must hold to be searched for them. */
const URL_START = String.raw`https?:\/\/|www\.`;
const PROTECTED_RE = new RegExp(String.raw`\b(?:${URL_START})\S+|[\w.+-]+@[\w-]+\.[\w.-]+`, 'giu');
/** What every URL PROTECTED_RE finds contains (its e-mail addresses contain "@"). */
const PROTECTED_MARK = new RegExp(URL_START, 'i');
// "/" and "-" are not boundaries: the model learns document codes "<num>/QĐ-TTg" as sequences.
const BOUNDARY_PUNCT = /[.;:!?()[\]{}"“”,…–—|\t\\=<>*•]/;

/**
 * Whether a word following `prev` (the previous non-space token of its sentence) stands in the
 * middle of a sentence: after a word, a number or a comma. Where case tells something about the
 * word ("Sở" vs "số"): the capitalisation counts and the decoder use this one rule.
 *
 * @example
 * continuesSentence({ text: ',', start: 4, kind: 'punct', boundary: true }) // true
 */
export function continuesSentence(prev: Token | undefined): boolean {
  return prev !== undefined && (prev.kind === 'word' || prev.kind === 'number' || prev.text === ',');
}

/**
 * Whether a line is running text (it has a lower-case letter), where a word in capitals is an
 * acronym or a name, not part of a heading in capitals.
 *
 * @example
 * isRunningText('II. MỤC TIÊU') // false
 */
export function isRunningText(line: string): boolean {
  return /\p{Ll}/u.test(line);
}

/**
 * Whether a line (or the rest of one) is in capitals: a capital letter and no small one, as a
 * heading is ("II. MỤC TIÊU"); digits and punctuation alone are neither.
 */
export function isInCapitalsLine(line: string): boolean {
  return !isRunningText(line) && /\p{Lu}/u.test(line);
}

/**
 * Tokenises one line. Without `spaces`, runs of white space make no tokens (the line is then its
 * tokens at their `start`s, not their join): what restoring reads, a token object fewer per word.
 *
 * @example
 * tokenizeLine('Chién lwgc, 348/QD-TTg').map((t) => t.text) // ['Chién',' ','lwgc',',',' ','348','/','QD','-','TTg']
 * tokenizeLine('Chién lwgc,', false).map((t) => t.text) // ['Chién','lwgc',',']
 */
export function tokenizeLine(line: string, spaces = true): Token[] {
  const tokens: Token[] = [];
  const protectedRanges: [number, number][] = [];
  // Only a line with one of their marks can hold a URL or an address (the e-mail pattern, tried at
  // every letter, was a quarter of the time tokenising OCR pages took).
  if (line.includes('@') || PROTECTED_MARK.test(line)) {
    for (const m of line.matchAll(PROTECTED_RE)) protectedRanges.push([m.index!, m.index! + m[0].length]);
  }
  let pos = 0;
  let pi = 0;
  // Words: runs of WORD_CHAR, joined by an apostrophe ("k'ho"). Found by a scan of character
  // classes, not a regex's matchAll, whose match arrays were a fifth of what restoring allocated.
  for (let s = nextWordStart(line, 0), e = 0; s < line.length; s = nextWordStart(line, e)) {
    e = wordEnd(line, s);
    if (s < pos) continue;
    while (pi < protectedRanges.length && protectedRanges[pi][1] <= s) pi++;
    const pr = protectedRanges[pi];
    if (pr && pr[0] < e && pr[1] > s) {
      if (pr[0] >= pos) {
        pushGap(line, pos, pr[0], spaces, tokens);
        tokens.push({ text: line.slice(pr[0], pr[1]), start: pr[0], kind: 'protected', boundary: true });
        pos = pr[1];
      }
      continue;
    }
    pushGap(line, pos, s, spaces, tokens);
    const text = line.slice(s, e);
    tokens.push({ text, start: s, kind: tokenKind(text) });
    pos = e;
  }
  pushGap(line, pos, line.length, spaces, tokens);
  return tokens;
}

/**
 * Pushes the spaces and punctuation of `line` from `pos` to `end` as tokens. A
 * function of its own, not a closure in tokenizeLine: under tsx (the CLI's loader) a named
 * closure is re-named with Object.defineProperty each time it is made, once per line here.
 */
function pushGap(line: string, pos: number, end: number, spaces: boolean, tokens: Token[]): void {
  while (pos < end) {
    const ch = line[pos];
    if (/\s/.test(ch)) {
      let e = pos;
      while (e < end && /\s/.test(line[e])) e++;
      if (spaces) tokens.push({ text: line.slice(pos, e), start: pos, kind: 'space' });
      pos = e;
    } else {
      tokens.push({ text: ch, start: pos, kind: 'punct', boundary: BOUNDARY_PUNCT.test(ch) });
      pos++;
    }
  }
}

/**
 * Per UTF-16 code unit: 1 when it is a word character (WORD_CHAR). Built on first use (65,536
 * regex tests, about 6 ms); letters beyond it (surrogate pairs) are tested one by one.
 */
let wordCharTable: Uint8Array | undefined;
const WORD_CHAR_RE = new RegExp(`^[${WORD_CHAR}]$`, 'u');

/** Length (1 or 2 code units) of the word character at `i`, or 0 when the character there is none. */
function wordCharAt(line: string, i: number): number {
  if (i >= line.length) return 0;
  const c = line.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    if (!wordCharTable) {
      wordCharTable = new Uint8Array(0x10000);
      for (let x = 0; x < 0x10000; x++) if ((x < 0xd800 || x > 0xdfff) && WORD_CHAR_RE.test(String.fromCharCode(x))) wordCharTable[x] = 1;
    }
    return wordCharTable[c];
  }
  const cp = line.codePointAt(i)!;
  return cp > 0xffff && WORD_CHAR_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/** Where the next word starts at or after `from`: the next word character, or the line's length. */
function nextWordStart(line: string, from: number): number {
  let i = from;
  while (i < line.length && wordCharAt(line, i) === 0) i++;
  return i;
}

/** Where the word starting at `s` ends: a run of word characters, and more runs joined by an apostrophe. */
function wordEnd(line: string, s: number): number {
  let i = s;
  for (;;) {
    for (let n = wordCharAt(line, i); n > 0; n = wordCharAt(line, i)) i += n;
    const c = line.charCodeAt(i);
    if ((c === 0x27 || c === 0x2019) && i + 1 < line.length && wordCharAt(line, i + 1) > 0) i++;
    else return i;
  }
}

/**
 * The kind of a word token (see tokenizeLine): a number (digits, with a decimal or thousands mark
 * after the first ones) or a word.
 */
export function tokenKind(match: string): 'number' | 'word' {
  const first = match.charCodeAt(0);
  // Both patterns start with a digit: most words are told apart without a regex.
  if (!(first >= 48 && first <= 57)) return 'word';
  return /^[0-9]+$/.test(match) || /^[0-9]+[.,][0-9]/.test(match) ? 'number' : 'word';
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

/**
 * Whether a word is a Roman numeral in capitals (a section or quarter number: "II", "IV"). The
 * decoder reads one as a number, and the language model learns it as one, so the two agree.
 */
export function isRomanNumeral(word: string): boolean {
  return /^[IVX]+$/.test(word) && ROMAN.test(word);
}

/**
 * A Roman numeral as OCR may write it, with 1, l or | for I ("I1", "lV"), in its letters. Not the
 * segmenter's parseOcrRoman (text/roman.ts), which reads more (H for II; !, í and small v, x) in
 * heading labels: the decoder's two numeral rules (romanAt, quarterNumeral) read only these.
 */
export function romanLetters(numeral: string): string {
  return numeral.replace(/[1l|]/g, 'I');
}
