/**
 * Vietnamese diacritic restoration and OCR post-correction (issue 3): decides from the text whether
 * it needs restoring, and if so decodes every line with a learned OCR channel and a syllable
 * trigram language model. Line count and every non-word byte are kept.
 */
import type { Stage } from '../document/index.js';
import { spanOf, warn, withPageTexts } from '../document/index.js';
import type { Restoration, RestoreSpeed } from '../schema/index.js';
import { Decoder, DEFAULT_PARAMS, SPEED_PARAMS, type DecodeParams, type WordDecision } from './decode.js';
import { loadModel, type RestoreModel } from './model.js';
import { isBareSyllable, isWellFormed, modelForm } from './syllable.js';
import { tokenizeLine, tokenKind, type Token } from './tokenize.js';

export { loadModel, type RestoreModel } from './model.js';
export { DEFAULT_PARAMS, SPEED_PARAMS, type DecodeParams } from './decode.js';
export { canonicalTone, skeleton, isWellFormed } from './syllable.js';

/** Share of invalid syllables above which `auto` restores. */
export const INVALID_SHARE_THRESHOLD = 0.12;
/** Changed words under this confidence get a `restore:low-confidence` warning. */
export const LOW_CONFIDENCE = 0.6;

/** One restored word in a {@link RestoreResult}: a decoder decision whose `start`/`end` are offsets into the restored text (not the input line). */
export interface RestoredWordInfo extends WordDecision {
  changed: boolean;
}

/** What {@link restoreText} returns. */
export interface RestoreResult {
  text: string;
  applied: boolean;
  reason: string;
  invalidShareBefore: number;
  invalidShareAfter?: number;
  /** The speed restored at (when applied). */
  speed?: RestoreSpeed;
  /** Word tokens seen. */
  tokens: number;
  changed: number;
  meanConfidence?: number;
  /** Every word token (changed or not) with its confidence. */
  words: RestoredWordInfo[];
}

/** Options for {@link restoreText}. */
export interface RestoreOptions {
  /** `auto` (default) restores only text whose invalid share is above the threshold. */
  mode?: 'auto' | 'always' | 'never';
  model?: RestoreModel;
  /** `accurate` (default) or `fast`: see SPEED_PARAMS. */
  speed?: RestoreSpeed;
  /** Decoder parameters, over those of `speed`. */
  params?: Partial<DecodeParams>;
}

/**
 * Measures how un-Vietnamese a text looks: the share of letter tokens that are not valid
 * syllables. With a model, "valid" means in the syllable inventory or a known abbreviation;
 * without one (the default, so deciding costs no model load), the onset + rhyme + tone spelling
 * rules decide and words in capitals that break them count as abbreviations (UBND, BTTTT).
 * Clean plans score about 0.005–0.03, legacy OCR 0.3–0.6.
 *
 * @example
 * invalidShare('Chién lwgc chuyén ddi sé').share // 0.8
 */
export function invalidShare(text: string, model?: RestoreModel): { share: number; tokens: number; asciiShare: number } {
  return invalidShareOfTokens(tokenLines(text), model);
}

/** Each line's tokens, one line at a time (a long document's tokens are not all held at once). */
function* tokenLines(text: string): Generator<Token[]> {
  for (const line of text.split('\n')) yield tokenizeLine(line);
}

/** invalidShare of text already tokenised (tokenizeLine's tokens, a list per line). */
function invalidShareOfTokens(lines: Iterable<Token[]>, model?: RestoreModel): { share: number; tokens: number; asciiShare: number } {
  const tally = new ShareTally(model);
  for (const tokens of lines) for (const t of tokens) if (t.kind === 'word') tally.add(t.text);
  return tally.result();
}

/**
 * invalidShare of the decoder's output, from its input tokens and decisions: the restored text
 * need not be tokenised again. Each line's text is its tokens with each decided one replaced by
 * its reading, which is letters (a syllable or abbreviation) or the token as it was, so the
 * restored line tokenises into the same pieces, a number read as a word now being a word.
 */
function invalidShareOfDecoded(tokenized: Token[][], decoded: { words: WordDecision[] }[], model?: RestoreModel): { share: number; tokens: number; asciiShare: number } {
  const tally = new ShareTally(model);
  tokenized.forEach((tokens, li) => {
    const words = decoded[li].words;
    let k = 0;
    // Where the next token starts in the restored line, less where it started in the input.
    let shift = 0;
    for (const t of tokens) {
      const w = words[k];
      if (w !== undefined && w.start === t.start + shift) {
        k++;
        shift += w.to.length - w.from.length;
        // A decision's `to` holds a space where it reads two words OCR joined (see Decoder.joinedPieces).
        for (const piece of w.to.split(' ')) if (tokenKind(piece) === 'word') tally.add(piece);
      } else if (t.kind === 'word') tally.add(t.text);
    }
  });
  return tally.result();
}

/** Counts for invalidShare, a word token at a time. */
class ShareTally {
  private total = 0;
  private bad = 0;
  private ascii = 0;
  private readonly classes: Map<string, number>;
  constructor(private readonly model?: RestoreModel) {
    this.classes = wordClassMemo(model);
  }

  add(word: string): void {
    let c = this.classes.get(word);
    if (c === undefined) {
      if (this.classes.size > 100_000) this.classes.clear();
      this.classes.set(word, (c = wordClass(word, this.model)));
    }
    if (!(c & HAS_LETTER)) return;
    this.total++;
    if (c & PLAIN_ASCII) this.ascii++;
    if (c & INVALID) this.bad++;
  }

  result(): { share: number; tokens: number; asciiShare: number } {
    const n = this.total;
    return { share: n ? this.bad / n : 0, tokens: n, asciiShare: n ? this.ascii / n : 0 };
  }
}

/** Bits of {@link wordClass}. */
const HAS_LETTER = 1;
const PLAIN_ASCII = 2;
const INVALID = 4;

/**
 * What invalidShare counts of a word token: whether it has a letter, is plain ASCII, and is
 * invalid. A word in capitals counts as its lower case does when it could be a syllable stripped
 * of its marks ("NHAN" in "UY BAN NHAN DAN", "MUC" in "MUC TIEU"), else as an acronym, not counted
 * as plain ASCII ("UBND": clean text writes it without diacritics too). Without a model an acronym
 * is valid; with one, the model's syllables and abbreviations decide, for every word.
 */
function wordClass(word: string, model?: RestoreModel): number {
  if (!/\p{L}/u.test(word)) return 0;
  const bareInCapitals = (p: string) => /^[A-ZĐ]{2,}$/.test(p) && isBareSyllable(p.toLowerCase());
  const valid = model
    ? (p: string) => model.syllables.has(modelForm(p)) || model.abbreviations.has(p)
    : (p: string) => isWellFormed(p) || (/^[A-ZĐ][A-ZĐ&]*[A-ZĐa-z]?$/.test(p) && !bareInCapitals(p));
  let c = HAS_LETTER;
  if (/^[A-Za-z]+$/.test(word) && (!/^[A-Z]{2,}$/.test(word) || bareInCapitals(word))) c |= PLAIN_ASCII;
  if (!word.split(/['’]/).every(valid)) c |= INVALID;
  return c;
}

/**
 * Per model (or none), each word's {@link wordClass}: a document repeats its words, and deciding
 * whether text needs restoring (and measuring it after) classifies every word of it, with regexes.
 */
const wordClasses = new WeakMap<RestoreModel | typeof WITHOUT_MODEL, Map<string, number>>();
const WITHOUT_MODEL = {};
function wordClassMemo(model?: RestoreModel): Map<string, number> {
  const key = model ?? WITHOUT_MODEL;
  let memo = wordClasses.get(key);
  if (!memo) wordClasses.set(key, (memo = new Map()));
  return memo;
}

/** Share of plain-ASCII words above which text counts as stripped of diacritics (clean plans: 0.09–0.14). */
export const ASCII_SHARE_THRESHOLD = 0.4;

/**
 * Whether text needs restoring: too many invalid syllables (legacy OCR), or almost no diacritics
 * at all (text typed or exported without accents).
 *
 * @example
 * needsRestoration(invalidShare('Uy ban nhan dan tinh')) // true: no diacritics
 */
export function needsRestoration(stats: { share: number; asciiShare: number }): boolean {
  return stats.share > INVALID_SHARE_THRESHOLD || stats.asciiShare > ASCII_SHARE_THRESHOLD;
}

function describe(stats: { share: number; asciiShare: number }): string {
  return `${(stats.share * 100).toFixed(1)}% invalid syllables (threshold ${INVALID_SHARE_THRESHOLD * 100}%), ${(stats.asciiShare * 100).toFixed(0)}% words without diacritics (threshold ${ASCII_SHARE_THRESHOLD * 100}%)`;
}

/**
 * Restores Vietnamese text: diacritics, OCR letter confusions, document codes. Returns the text
 * plus, for every word, its confidence and runner-up readings.
 *
 * @example
 * restoreText('Chién lwgc chuyén ddi sé bao chi', { mode: 'always' }).text
 * // 'Chiến lược chuyển đổi số báo chí'
 */
export function restoreText(text: string, options: RestoreOptions = {}): RestoreResult {
  const mode = options.mode ?? 'auto';
  const speed = options.speed ?? 'accurate';
  const speedOverrides = speedParams(speed);
  const norm = text.normalize('NFC');
  const lines = norm.split('\n');
  // Tokenised once, for detection and for the decoder.
  const tokenized = lines.map((l) => tokenizeLine(l, false));
  const before = invalidShareOfTokens(tokenized);
  const base = { invalidShareBefore: round(before.share), tokens: before.tokens };
  if (mode === 'never') return { text: norm, applied: false, reason: 'restoration disabled (--restore never)', changed: 0, words: [], ...base };
  const clean = !needsRestoration(before);
  if (mode === 'auto' && clean) {
    return {
      text: norm,
      applied: false,
      reason: `text looks like clean Vietnamese: ${describe(before)}`,
      changed: 0,
      words: [],
      ...base,
    };
  }
  // Text that is mostly valid gets a strong prior that a valid syllable is already right.
  // and that a token which is no syllable is a name or code to keep.
  const adapt = clean ? { cleanPrior: 0.995, keepCost: 3, lockValid: 1 } : {};
  const decoder = new Decoder(options.model ?? loadModel(), { ...DEFAULT_PARAMS, ...speedOverrides, ...options.params, ...adapt });
  const outLines: string[] = [];
  const words: RestoredWordInfo[] = [];
  let offset = 0;
  let changed = 0;
  let confSum = 0;
  const decoded = decoder.decodeLines(lines, tokenized);
  // Before the words' offsets move from their lines to the text.
  const after = invalidShareOfDecoded(tokenized, decoded);
  for (const r of decoded) {
    for (const w of r.words) {
      const ch = w.to !== w.from;
      if (ch) changed++;
      confSum += w.confidence;
      // The decoder's own record, moved to text offsets (not copied: a long document has
      // hundreds of thousands of them, and they are most of restoration's memory).
      const info = w as RestoredWordInfo;
      info.start += offset;
      info.end += offset;
      info.changed = ch;
      words.push(info);
    }
    outLines.push(r.text);
    offset += r.text.length + 1;
  }
  const out = outLines.join('\n');
  return {
    text: out,
    applied: true,
    reason:
      mode === 'always'
        ? 'restoration forced (--restore always)'
        : `text needs restoring: ${describe(before)}`,
    invalidShareBefore: round(before.share),
    invalidShareAfter: round(after.share),
    speed,
    tokens: before.tokens,
    changed,
    meanConfidence: words.length ? round(confSum / words.length) : undefined,
    words,
  };
}

/** The parameters of a speed, refusing a name that is none (a typo would silently decode at the default). */
function speedParams(speed: RestoreSpeed): Partial<DecodeParams> {
  if (!Object.hasOwn(SPEED_PARAMS, speed)) throw new RangeError(`restoration speed must be ${Object.keys(SPEED_PARAMS).join(' or ')} (got "${speed}")`);
  return SPEED_PARAMS[speed];
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * The pipeline stage: restores the document's pages when needed (or always/never), keeping
 * pages and line counts, and records `doc.restoration`.
 *
 * @example
 * const doc2 = await restoreStage({ mode: 'auto' })(doc, {}); doc2.restoration?.applied // true for legacy OCR
 */
export function restoreStage(options: { mode: 'auto' | 'always' | 'never'; speed?: RestoreSpeed } = { mode: 'auto' }): Stage {
  return async (doc, ctx) => {
    const mode = options.mode ?? 'auto';
    if (mode === 'never') {
      return { ...doc, restoration: { applied: false, reason: 'restoration disabled (--restore never)', invalidShareBefore: 0, tokens: 0, changed: 0, words: [] } };
    }
    // The whole document at once: sentences run across page breaks, and the document cache model
    // counts the words of the pages before. Lines are then dealt back to their pages. restoreText
    // decides before it loads the model: clean documents never pay for loading it.
    const r = restoreText(doc.text, { mode, speed: options.speed });
    if (!r.applied) {
      return { ...doc, restoration: { applied: false, reason: r.reason, invalidShareBefore: r.invalidShareBefore, tokens: r.tokens, changed: 0, words: [] } };
    }
    ctx.log?.(`restore: ${r.reason}; restored ${doc.pages.length} page(s)`);
    const lines = r.text.split('\n');
    let at = 0;
    const pageTexts = doc.pages.map((p) => {
      const t = lines.slice(at, at + p.lines.length).join('\n');
      at += p.lines.length;
      return t;
    });
    const next = withPageTexts(doc, pageTexts);
    const words: Restoration['words'] = [];
    const low: { span: ReturnType<typeof spanOf>; from: string; to: string; confidence: number }[] = [];
    for (const w of r.words) {
      if (!w.changed) continue;
      const span = spanOf(next, w.start, w.end);
      const confidence = Math.max(0, Math.min(1, w.confidence));
      words.push({ span, from: w.from, to: w.to, confidence, alternatives: w.alternatives });
      if (confidence < LOW_CONFIDENCE) low.push({ span, from: w.from, to: w.to, confidence });
    }
    next.restoration = {
      applied: true,
      reason: r.reason,
      invalidShareBefore: r.invalidShareBefore,
      // restoreText measured it on its text, which the pages join back into (else measured here).
      invalidShareAfter: next.text === r.text && r.invalidShareAfter !== undefined ? r.invalidShareAfter : round(invalidShare(next.text).share),
      speed: r.speed,
      tokens: r.tokens,
      changed: words.length,
      ...(r.meanConfidence === undefined ? {} : { meanConfidence: r.meanConfidence }),
      words,
    };
    // Individual warnings for a handful; past that one summary, so the report stays readable.
    const MAX_INDIVIDUAL = 10;
    for (const l of low.slice(0, MAX_INDIVIDUAL)) {
      warn(next, `Khôi phục "${l.from}" → "${l.to}" chưa chắc chắn (độ tin cậy ${l.confidence.toFixed(2)})`, { ruleId: 'restore:low-confidence', span: l.span, severity: 'info' });
    }
    if (low.length > MAX_INDIVIDUAL) {
      warn(next, `Còn ${low.length - MAX_INDIVIDUAL} từ khôi phục khác có độ tin cậy dưới ${LOW_CONFIDENCE} (tổng ${low.length}/${words.length} từ đã sửa)`, {
        ruleId: 'restore:low-confidence',
      });
    }
    return next;
  };
}
