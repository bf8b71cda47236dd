/**
 * The OCR channel model P(OCR token | true syllable), learned from synthetic pairs: each character
 * of the true syllable (with its diacritics) emits a substring of 0–3 OCR characters ("ủ" → "ti",
 * "ư" → "w", "ộ" → "6", "đ" → "d"). Emission costs (−ln P) are re-estimated from hard alignments a
 * few times (Viterbi EM), starting from a prior that only knows the diacritic-free skeleton.
 */
import type { CaseEvidence } from './case.js';
import { charSkeleton, modelForm, skeleton, toneVariants } from './syllable.js';

/** Emission costs: truth char → OCR substring → cost (natural log units). */
export type EmissionTable = Record<string, Record<string, number>>;

/** Learned channel, serialisable as JSON. */
export interface ChannelData {
  emissions: EmissionTable;
  /** Most likely skeleton letter behind each OCR character ("6" → "o", "&" → "o"). */
  ocrToSkeleton: Record<string, string>;
  /** Number of aligned token pairs it was learned from. */
  pairs: number;
  /** How OCR shows each letter's case (see case.ts), learned from the same pairs. */
  caseEvidence?: CaseEvidence;
  /** Whole-token confusions (see {@link learnTokenReadings}), learned from the same pairs. */
  tokenReadings?: TokenReadings;
}

/** Per skeleton letter, the letters it stands for (d → d, đ; o → o, ô, ơ, ó…); a letter not in it stands for itself. */
export type LetterGroups = ReadonlyMap<string, readonly string[]>;

/** Per OCR token (lower case), the syllables it stood for and −ln P(token | syllable). */
export type TokenReadings = Record<string, [string, number][]>;

const MAX_EMIT = 3;
/** Truth characters with a dense emission index (Vietnamese letters, digits, a few symbols fit). */
const VEC_SIZE = 256;

const priorCost = (t: string, o: string) => priorCostRaw(t, o);

/** The vector of OCR substring `o` in `vectors` (NaN throughout when new). */
function vectorOf(vectors: Map<string, Float64Array>, o: string): Float64Array {
  let v = vectors.get(o);
  if (!v) {
    // Bounded: OCR substrings are few (≤ 3 characters) but a stream of odd input must not grow it forever.
    if (vectors.size > 20000) vectors.clear();
    vectors.set(o, (v = new Float64Array(VEC_SIZE).fill(NaN)));
  }
  return v;
}

/**
 * The OCR pieces an alignment emits: at [j * (MAX_EMIT + 1) + k] the k characters of `chars`
 * ending before j ('' where k > j).
 */
function ocrPieces(chars: string[]): string[] {
  const K = MAX_EMIT + 1;
  const out = new Array<string>((chars.length + 1) * K).fill('');
  for (let j = 0; j <= chars.length; j++) for (let k = 1; k <= MAX_EMIT && k <= j; k++) out[j * K + k] = chars.slice(j - k, j).join('');
  return out;
}

/** The cheapest cost of `o` in any of the emission rows (Infinity: in none). */
function cheapestIn(rows: EmissionTable[string][], o: string): number {
  let best = Infinity;
  for (const row of rows) {
    const c = row[o];
    if (c !== undefined && c < best) best = c;
  }
  return best;
}

/** Cost of an emission nobody observed: a prior from skeleton similarity. */
function priorCostRaw(t: string, o: string): number {
  if (o === t) return 0.05;
  const st = t.length === 1 ? charSkeleton(t) : skeleton(t);
  if (o.length === 1) {
    if (charSkeleton(o) === st) return 1.5;
    if (/[a-z]/.test(o) && /[a-z]/.test(st)) return 7;
    return 8;
  }
  if (o.length === 0) return 6;
  if (o.includes(st)) return 5 + 2 * (o.length - 1);
  return 8 + 2 * (o.length - 1);
}

/**
 * Emissions up to this cost (−ln P) make an OCR character, or a string of two or three, a
 * stand-in for a letter (see letterAlternatives and substringLetters).
 */
const ALTERNATIVE_MAX_COST = 9;

/**
 * Scores OCR strings against candidate syllables with a learned emission table.
 *
 * @example
 * const ch = new Channel(committedChannel());
 * ch.cost('dugc', 'được') < ch.cost('dugc', 'dục') // true
 */
export class Channel {
  private readonly em: EmissionTable;
  readonly ocrToSkeleton: Record<string, string>;
  /** Extra cost for every emission the table has not seen, on top of the prior. */
  private readonly unseenPenalty: number;
  /**
   * An English OCR engine draws a vowel's tone mark as noise, so a piece it writes for one tone of
   * a letter is a likely reading of the others (a piece learned for ế stands for ệ too, when the
   * engine that made the text is not the one the table was learned from): the cost of an emission
   * seen only for another tone of the letter, on top of that one's.
   */
  private readonly tonePenalty: number;
  /**
   * The same one step wider: the cost of an emission seen only for another letter with the same
   * skeleton letter (ê, ẽ, é… for e; ơ for o; đ for d), on top of that one's (Infinity = off). An
   * emission the pages never showed for a letter may still be its engine's habit ("&" learned for
   * ẽ, not for ệ), which the letter's plain prior prices out.
   */
  private readonly letterPenalty: number;

  /**
   * OCR characters that stand for no letter on their own (no `ocrToSkeleton` entry, e.g. "1")
   * but that the table saw inside an emission of a letter ("l" → "1&"): those letters.
   */
  readonly letterAlternatives: Record<string, string[]>;

  /**
   * OCR strings of two or three characters that the table saw for a letter ("ir" and "tr" for ừ,
   * "ti" for ủ): the skeleton letters they stand for. Read one character at a time,
   * such a string is a letter too many and one wrong, so with one more error elsewhere ("chire"
   * for chức) the syllable is three edits from the token's skeleton and out of the search's reach.
   */
  readonly substringLetters: Map<string, string[]>;

  /**
   * @param unseenPenalty extra cost of an emission the table has not seen (on top of the prior)
   * @param tonePenalty an emission the table has not seen for a letter but has for the same letter
   *   in another tone costs that one's cost plus this (Infinity = off, as in training)
   * @param letterPenalty the same for an emission seen for another letter of the same skeleton
   *   letter (Infinity = off, as in training)
   */
  constructor(data: ChannelData, unseenPenalty = 2, tonePenalty = Infinity, letterPenalty = Infinity) {
    this.em = data.emissions;
    this.ocrToSkeleton = data.ocrToSkeleton;
    this.unseenPenalty = unseenPenalty;
    this.tonePenalty = tonePenalty;
    this.letterPenalty = letterPenalty;
    const alts: Record<string, Set<string>> = {};
    const substrings = new Map<string, Set<string>>();
    for (const [t, row] of Object.entries(data.emissions)) {
      const letter = charSkeleton(t);
      if (!/^[a-z]$/.test(letter)) continue;
      for (const [o, cost] of Object.entries(row)) {
        if (cost > ALTERNATIVE_MAX_COST) continue;
        for (const c of o) if (!/[a-z]/.test(c) && !data.ocrToSkeleton[c]) (alts[c] ??= new Set()).add(letter);
        const length = [...o].length;
        if (length >= 2 && length <= 3) {
          let letters = substrings.get(o);
          if (!letters) substrings.set(o, (letters = new Set()));
          letters.add(letter);
        }
      }
    }
    this.letterAlternatives = Object.fromEntries(Object.entries(alts).map(([c, s]) => [c, [...s]]));
    this.substringLetters = new Map([...substrings].map(([o, s]) => [o, [...s]]));
    this.tokenReadings = new Map(Object.entries(data.tokenReadings ?? {}));
  }

  /** Whole-token confusions by OCR token (lower case); see {@link learnTokenReadings}. */
  readonly tokenReadings: Map<string, [string, number][]>;

  private readonly emitCache = new Map<string, Map<string, number>>();

  // Emission costs by OCR substring, as a dense vector over truth characters (index from
  // charIndex): a token's alignment rows are then filled with array reads, not string-keyed
  // look-ups. NaN = not computed yet.
  private readonly charIdx = new Map<string, number>();
  private readonly vecs = new Map<string, Float64Array>();

  /** The truth character of each dense index (see charIndex). */
  private readonly indexed: string[] = [];

  /** Dense index of a truth character (or −1 past {@link VEC_SIZE}). */
  charIndex(t: string): number {
    let i = this.charIdx.get(t);
    if (i === undefined) {
      i = this.charIdx.size < VEC_SIZE ? this.charIdx.size : -1;
      this.charIdx.set(t, i);
      if (i >= 0) this.indexed[i] = t;
    }
    return i;
  }

  /** The truth character of dense index `i` (see charIndex). */
  charOf(i: number): string {
    return this.indexed[i];
  }

  /**
   * Appends `text`'s characters as dense indices (see charIndex) to `out`, after their count:
   * the offset where they start, for {@link PreparedOcr.costOf} and {@link PreparedOcr.boundOf};
   * −1 (and nothing appended) when a character has no index.
   */
  appendLetters(text: string, out: number[]): number {
    const at = out.length;
    out.push(0);
    for (const ch of text) {
      const i = this.charIndex(ch);
      if (i < 0) {
        out.length = at;
        return -1;
      }
      out.push(i);
    }
    out[at] = out.length - at - 1;
    return at;
  }

  /** The emission vector of one OCR substring (see charIndex). */
  emitVec(o: string): Float64Array {
    return vectorOf(this.vecs, o);
  }

  /** Per OCR substring, the cheapest emission of it by any letter of a group (see groupMinVec). */
  private readonly groupMins = new Map<string, Float64Array>();
  /** The letter groups of groupMins (see groupMinVec). */
  private groups?: LetterGroups;

  /**
   * The group minima of one OCR substring: at [charIndex(x)] the cheapest cost of any letter of
   * skeleton letter x's group in `groups` emitting it (see PreparedOcr.bound). NaN = not computed
   * yet. A model has one set of groups; other groups start the minima afresh.
   */
  groupMinVec(o: string, groups: LetterGroups): Float64Array {
    if (this.groups !== groups) {
      this.groupMins.clear();
      this.groups = groups;
    }
    return vectorOf(this.groupMins, o);
  }

  /** −ln P(truth char t emits OCR substring o). */
  emit(t: string, o: string): number {
    let m = this.emitCache.get(t);
    if (!m) this.emitCache.set(t, (m = new Map()));
    let c = m.get(o);
    if (c === undefined) m.set(o, (c = this.computeEmit(t, o)));
    return c;
  }

  /**
   * {@link emit} of truth character t (dense index ti, see charIndex) and OCR piece o, read from
   * and kept in o's emission vector `vec` (see emitVec); by emit itself for a character without
   * an index.
   */
  emitIn(vec: Float64Array, t: string, ti: number, o: string): number {
    if (ti < 0) return this.emit(t, o);
    let c = vec[ti];
    if (c !== c) vec[ti] = c = this.computeEmit(t, o);
    return c;
  }

  /** {@link emit} without its cache: for callers that keep the answer themselves (emitVec's vectors). */
  computeEmit(t: string, o: string): number {
    const row = this.em[t];
    return row?.[o] ?? Math.min(priorCostRaw(t, o) + (row ? this.unseenPenalty : 0), this.otherTone(t, o), this.otherLetter(t, o));
  }

  /**
   * Of `letters`, the one the learned table has seen emit `o` most cheaply (undefined: none has).
   *
   * @example
   * channel.seenWriter('¢', 'abc') // 'c'
   */
  seenWriter(o: string, letters: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestCost = Infinity;
    for (const t of letters) {
      const c = this.em[t]?.[o];
      if (c !== undefined && c < bestCost) [best, bestCost] = [t, c];
    }
    return best;
  }

  /** The cheapest emission of `o` by `t` in another tone, plus tonePenalty (Infinity if none or off). */
  private otherTone(t: string, o: string): number {
    if (this.tonePenalty === Infinity) return Infinity;
    let rows = this.otherToneRows.get(t);
    if (!rows) {
      // Asked for every truth letter of each new OCR substring: the rows are looked up once per letter.
      rows = toneVariants(t).flatMap((s) => (this.em[s] ? [this.em[s]] : []));
      this.otherToneRows.set(t, rows);
    }
    return cheapestIn(rows, o) + this.tonePenalty;
  }

  /** Per truth letter, the emission rows of its other tones (see otherTone). */
  private readonly otherToneRows = new Map<string, EmissionTable[string][]>();

  /** The cheapest emission of `o` by another letter of t's skeleton letter, plus letterPenalty (Infinity if none or off). */
  private otherLetter(t: string, o: string): number {
    if (this.letterPenalty === Infinity) return Infinity;
    let rows = this.otherLetterRows.get(t);
    if (!rows) {
      // As otherToneRows: the rows are looked up once per letter. Digits and marks have no group.
      const x = charSkeleton(t);
      rows = /^[a-z]$/.test(x) ? Object.keys(this.em).flatMap((u) => (u !== t && charSkeleton(u) === x ? [this.em[u]] : [])) : [];
      this.otherLetterRows.set(t, rows);
    }
    return cheapestIn(rows, o) + this.letterPenalty;
  }

  /** Per truth letter, the emission rows of the other letters of its skeleton letter (see otherLetter). */
  private readonly otherLetterRows = new Map<string, EmissionTable[string][]>();

  /**
   * −ln P(ocr | truth), both lower case, best alignment (Viterbi). `truth` is a syllable.
   *
   * @example
   * channel.cost('nudc', 'nước') // ≈ 3.1, much less than channel.cost('nudc', 'nuôi')
   */
  cost(ocr: string, truth: string): number {
    return this.prepare(ocr).cost(truth);
  }

  /**
   * Prepares one OCR string for scoring many candidate syllables: emission costs per truth
   * character are computed once per (character, OCR substring) and kept in flat arrays.
   */
  prepare(ocr: string, scratch?: AlignmentScratch): PreparedOcr {
    return new PreparedOcr(this, ocr, scratch);
  }
  /**
   * Best alignment as (truth char, OCR substring) pairs: in training, and for the case of a
   * restored word (case.ts). The OCR pieces and their emission vectors are looked up once, not
   * per truth letter.
   */
  align(ocr: string, truth: string): [string, string][] | undefined {
    const t = ['^', ...truth];
    const o = [...ocr];
    const n = t.length;
    const m = o.length;
    const K = MAX_EMIT + 1;
    const subs = ocrPieces(o);
    const vecs = subs.map((piece) => this.emitVec(piece));
    const d: Float64Array[] = [];
    const back: Int8Array[] = [];
    for (let i = 0; i <= n; i++) {
      d.push(new Float64Array(m + 1).fill(Infinity));
      back.push(new Int8Array(m + 1));
    }
    d[0][0] = 0;
    for (let i = 1; i <= n; i++) {
      const ti = this.charIndex(t[i - 1]);
      for (let j = 0; j <= m; j++) {
        for (let k = 0; k <= MAX_EMIT && k <= j; k++) {
          const p = d[i - 1][j - k];
          if (p === Infinity) continue;
          if (i === 1 && k > 1) continue;
          const c = p + this.emitIn(vecs[j * K + k], t[i - 1], ti, subs[j * K + k]);
          if (c < d[i][j]) {
            d[i][j] = c;
            back[i][j] = k;
          }
        }
      }
    }
    if (d[n][m] === Infinity) return undefined;
    const out: [string, string][] = [];
    let j = m;
    for (let i = n; i >= 1; i--) {
      const k = back[i][j];
      out.push([t[i - 1], o.slice(j - k, j).join('')]);
      j -= k;
    }
    return out.reverse();
  }
}

/**
 * Memory a caller lends to the tokens it prepares, one at a time (a token prepared with it is
 * done with when the next is prepared): the candidate search prepares every new token, and
 * allocating each one's rows anew was a twentieth of the search.
 */
export class AlignmentScratch {
  store = new Float64Array(0);
  /**
   * Per dense index (see Channel.charIndex), the offset in store of the prepared token's row of
   * that truth character, and from VEC_SIZE on of that skeleton letter's cheapest row; valid when
   * its stamp is the token's generation (nothing to clear per token).
   */
  readonly rowAt = new Int32Array(2 * VEC_SIZE);
  readonly stamp = new Int32Array(2 * VEC_SIZE);
  generation = 0;

  /** A generation for the next prepared token (its rows start empty). */
  next(): number {
    if (this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }
}

/**
 * An OCR token ready to be scored against many syllables.
 *
 * @example
 * const p = channel.prepare('nudc'); p.cost('nước') // ≈ 3
 */
export class PreparedOcr {
  private readonly o: string[];
  private readonly m: number;
  private readonly subs: string[];
  private readonly vecs: Float64Array[];
  /**
   * The alignment rows computed so far, one after another: per truth character (and per skeleton
   * letter, see minRow) a row of costs[j * (MAX_EMIT + 1) + k] = emit(t, ocr[j-k..j)). One array
   * grown by doubling, not one per row: a search asks for dozens of rows, and each small typed
   * array of its own was an allocation outside the heap.
   */
  private store: Float64Array;
  private used = 0;
  /** Its rows and where they are (see AlignmentScratch), lent or its own. */
  private readonly scratch: AlignmentScratch;
  private readonly generation: number;
  /** The rows of truth characters and skeleton letters without a dense index (see Channel.charIndex). */
  private rows?: Map<string, number>;
  private minRows?: Map<string, number>;
  /** Per OCR substring (as `vecs`), the channel's group minima (see Channel.groupMinVec), got at the first minRow. */
  private groupMins?: Float64Array[];
  private readonly rowLength: number;
  private readonly start: Float64Array;
  /** The alignment so far (see begin and advance), and the next one's space. */
  private prev: Float64Array;
  private cur: Float64Array;

  constructor(
    private readonly channel: Channel,
    ocr: string,
    scratch?: AlignmentScratch,
  ) {
    this.scratch = scratch ?? new AlignmentScratch();
    this.generation = this.scratch.next();
    this.store = this.scratch.store;
    this.o = [...ocr];
    this.m = this.o.length;
    this.rowLength = (this.m + 1) * (MAX_EMIT + 1);
    this.subs = ocrPieces(this.o);
    this.vecs = this.subs.map((o) => channel.emitVec(o));
    this.start = new Float64Array(this.m + 1).fill(Infinity);
    this.start[0] = 0;
    // Leading OCR noise (an apostrophe, a stray mark) is emitted by a virtual start symbol.
    if (this.m >= 1) this.start[1] = channel.emit('^', this.o[0]);
    this.prev = new Float64Array(this.m + 1);
    this.cur = new Float64Array(this.m + 1);
  }

  /** A new row of Infinity in store: its offset. */
  private newRow(): number {
    if (this.used + this.rowLength > this.store.length) {
      // Room for 16 rows at first (a token too long to have neighbours asks for none).
      const grown = new Float64Array(Math.max(16 * this.rowLength, 2 * this.store.length));
      grown.set(this.store.subarray(0, this.used));
      this.store = grown;
      this.scratch.store = grown;
    }
    const at = this.used;
    this.used += this.rowLength;
    this.store.fill(Infinity, at, this.used);
    return at;
  }

  /** The row of truth character t, whose dense index is ti (see Channel.charIndex). */
  private row(t: string, ti: number): number {
    const sc = this.scratch;
    if (ti >= 0 && sc.stamp[ti] === this.generation) return sc.rowAt[ti];
    let at = ti < 0 ? (this.rows?.get(t) ?? -1) : -1;
    if (at >= 0) return at;
    at = this.newRow();
    const r = this.store;
    const K = MAX_EMIT + 1;
    for (let j = 0; j <= this.m; j++) {
      for (let k = 0; k <= MAX_EMIT && k <= j; k++) r[at + j * K + k] = this.channel.emitIn(this.vecs[j * K + k], t, ti, this.subs[j * K + k]);
    }
    if (ti >= 0) {
      sc.stamp[ti] = this.generation;
      sc.rowAt[ti] = at;
    } else (this.rows ??= new Map()).set(t, at);
    return at;
  }

  /**
   * Per position and emission length, the cheapest emission of any letter skeleton letter x stands
   * for (`groups`, see bound). The minima are kept by the channel (groupMinVec), not worked out
   * per token from a row per letter of the group: a token asks for most letters' groups, and the
   * vowels' have a dozen letters or more each.
   */
  private minRow(x: string, xi: number, groups: LetterGroups): number {
    const sc = this.scratch;
    if (xi >= 0 && sc.stamp[VEC_SIZE + xi] === this.generation) return sc.rowAt[VEC_SIZE + xi];
    let at = xi < 0 ? (this.minRows?.get(x) ?? -1) : -1;
    if (at >= 0) return at;
    at = this.newRow();
    const r = this.store;
    const K = MAX_EMIT + 1;
    const group = groups.get(x) ?? [x];
    // The group's letters' dense indices, looked up at the first minimum not kept yet: once per
    // row, not per piece.
    let groupIdx: number[] | undefined;
    const mins = (this.groupMins ??= this.subs.map((o) => this.channel.groupMinVec(o, groups)));
    for (let j = 0; j <= this.m; j++) {
      for (let k = 0; k <= MAX_EMIT && k <= j; k++) {
        const sub = this.subs[j * K + k];
        const vec = this.vecs[j * K + k];
        let c = xi < 0 ? NaN : mins[j * K + k][xi];
        if (c !== c) {
          c = Infinity;
          groupIdx ??= group.map((t) => this.channel.charIndex(t));
          for (let g = 0; g < group.length; g++) {
            const e = this.channel.emitIn(vec, group[g], groupIdx[g], sub);
            if (e < c) c = e;
          }
          if (xi >= 0) mins[j * K + k][xi] = c;
        }
        r[at + j * K + k] = c;
      }
    }
    if (xi >= 0) {
      sc.stamp[VEC_SIZE + xi] = this.generation;
      sc.rowAt[VEC_SIZE + xi] = at;
    } else (this.minRows ??= new Map()).set(x, at);
    return at;
  }

  /** One alignment step: next[j] = min over k of prev[j − k] + the row at `at`'s [j, k]. */
  private step(prev: Float64Array, at: number, next: Float64Array): void {
    const m = this.m;
    const K = MAX_EMIT + 1;
    const r = this.store;
    for (let j = 0; j <= m; j++) {
      let best = Infinity;
      const base = at + j * K;
      for (let k = 0; k <= MAX_EMIT && k <= j; k++) {
        const c = prev[j - k] + r[base + k];
        if (c < best) best = c;
      }
      next[j] = best;
    }
  }

  /**
   * A lower bound of {@link cost} over every syllable with this skeleton: each skeleton letter
   * emits at the cheapest cost of any letter it stands for (`groups`: d → d, đ; o → o, ô, ơ, ó…).
   */
  bound(skel: string, groups: LetterGroups): number {
    this.begin();
    for (const x of skel) this.advance(this.minRow(x, this.channel.charIndex(x), groups));
    return this.prev[this.m];
  }

  /**
   * {@link bound} of the skeleton whose letters `letters` holds at `at` (see
   * Channel.appendLetters): no characters to iterate or look up per skeleton.
   */
  boundOf(letters: Int32Array, at: number, groups: LetterGroups): number {
    this.begin();
    for (let i = at + 1; i <= at + letters[at]; i++) this.advance(this.minRow(this.channel.charOf(letters[i]), letters[i], groups));
    return this.prev[this.m];
  }

  /** −ln P(this OCR string | truth). */
  cost(truth: string): number {
    this.begin();
    for (const t of truth) this.advance(this.row(t, this.channel.charIndex(t)));
    return this.prev[this.m];
  }

  /** {@link cost} of the truth whose letters `letters` holds at `at` (see Channel.appendLetters). */
  costOf(letters: Int32Array, at: number): number {
    this.begin();
    for (let i = at + 1; i <= at + letters[at]; i++) this.advance(this.row(this.channel.charOf(letters[i]), letters[i]));
    return this.prev[this.m];
  }

  /** Starts an alignment: nothing emitted but the OCR's leading noise. */
  private begin(): void {
    this.prev.set(this.start);
  }

  /** Aligns one more letter, whose row is at `at`: the alignment so far is then in prev. */
  private advance(at: number): void {
    this.step(this.prev, at, this.cur);
    const done = this.prev;
    this.prev = this.cur;
    this.cur = done;
  }
}

/**
 * Learns emission costs from (truth syllable, OCR token) pairs, both lower case. A pair's optional
 * third element weighs it (default 1): pages of a less common OCR engine count for less.
 *
 * @example
 * trainChannel([['nước', 'nudc'], ['được', 'dugc'], ['của', 'cta']])
 */
export function trainChannel(pairs: [string, string, number?][], iterations = 4): ChannelData {
  let data: ChannelData = { emissions: {}, ocrToSkeleton: {}, pairs: pairs.length };
  for (let it = 0; it < iterations; it++) {
    const ch = new Channel(data, 0);
    const counts = new Map<string, Map<string, number>>();
    for (const [truth, ocr, weight = 1] of pairs) {
      const al = ch.align(ocr, truth);
      if (!al) continue;
      for (const [t, o] of al) {
        let row = counts.get(t);
        if (!row) counts.set(t, (row = new Map()));
        row.set(o, (row.get(o) ?? 0) + weight);
      }
    }
    const emissions: EmissionTable = {};
    const toSkel = new Map<string, Map<string, number>>();
    for (const [t, row] of counts) {
      let total = 0;
      for (const c of row.values()) total += c;
      // Additive smoothing towards the prior: unseen emissions keep a finite cost.
      const alpha = 0.5;
      const out: Record<string, number> = {};
      for (const [o, c] of row) {
        out[o] = -Math.log((c + alpha * Math.exp(-priorCost(t, o))) / (total + alpha));
        if (o.length === 1 && t !== '^') {
          let m = toSkel.get(o);
          if (!m) toSkel.set(o, (m = new Map()));
          const s = skeleton(t);
          m.set(s, (m.get(s) ?? 0) + c);
        }
      }
      emissions[t] = out;
    }
    const ocrToSkeleton: Record<string, string> = {};
    for (const [o, m] of toSkel) {
      const best = [...m].sort((a, b) => b[1] - a[1])[0];
      if (best && best[0] !== o && /^[a-z]$/.test(best[0])) ocrToSkeleton[o] = best[0];
    }
    data = { emissions, ocrToSkeleton, pairs: pairs.length };
  }
  return data;
}

/**
 * Whole-token confusions: OCR tokens that stood for a syllable on the channel's pages but share
 * too little with it for the letter-by-letter channel to reach. An English model writes a word of
 * its own language for a syllable it cannot read ("trudge" for "trước", "site" for "sức"); letter
 * emissions would price that as a row of unrelated substitutions. Per OCR token (lower case), the
 * syllables (in the model's form) with −ln P(token | syllable), the count absolutely discounted by
 * `discount` (a single sighting is weak evidence); pairs whose skeletons agree are left to the
 * letter channel, which reaches them.
 *
 * @example
 * learnTokenReadings([['trước', 'trudge'], ['trước', 'trudge'], ['trước', 'truoc']]).trudge // [['trước', 0.693]] (−ln(1.5 / 3))
 */
export function learnTokenReadings(pairs: [string, string, number?][], minCount = 1, discount = 0.5): TokenReadings {
  const truthCount = new Map<string, number>();
  const seen = new Map<string, Map<string, number>>();
  for (const [truth, ocr, weight = 1] of pairs) {
    const t = modelForm(truth);
    truthCount.set(t, (truthCount.get(t) ?? 0) + weight);
    const o = ocr.toLowerCase();
    if (!/\p{L}/u.test(o) || !/\p{L}/u.test(t) || skeleton(o) === skeleton(t)) continue;
    let row = seen.get(o);
    if (!row) seen.set(o, (row = new Map()));
    row.set(t, (row.get(t) ?? 0) + weight);
  }
  const out: TokenReadings = {};
  for (const o of [...seen.keys()].sort()) {
    const readings: [string, number][] = [];
    for (const [t, c] of seen.get(o)!) {
      if (c < minCount) continue;
      readings.push([t, Math.round(-Math.log((c - discount) / truthCount.get(t)!) * 1000) / 1000]);
    }
    if (readings.length) out[o] = readings.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  }
  return out;
}
