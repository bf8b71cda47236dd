/**
 * Syllable trigram language model, interpolated modified Kneser-Ney, stored in back-off form (log10 P for
 * seen n-grams, back-off weights for contexts) inside open-addressing hash tables over typed
 * arrays: loads in milliseconds and answers a query in one to three probes.
 */

/** Reserved ids: unknown word, sentence start, sentence end, any number, a comma. */
export const UNK = 0;
/** Sentence start. */
export const BOS = 1;
/** Sentence end. */
export const EOS = 2;
/** Any number ("2025", "348"). */
export const NUM = 3;
/**
 * A comma inside a sentence: the words of a list ("biển, đảo"; "thôn, bản") are each other's
 * context, which a cut at the comma would lose.
 */
export const COMMA = 4;
/** The first id of a word (syllable or abbreviation). */
export const FIRST_WORD = 5;
const ID_BITS = 15;
const MAX_VOCAB = 1 << ID_BITS;
const LN10 = Math.LN10;

/**
 * Lm.context's numbers for a context from its components' back-off weights (log10; NaN when a
 * component has none for it, as Lm.pair gives them): β₀ and β₁ at out[o], out[o + 1] (1 for
 * none) and whether a trigram may follow it at out[o + 2].
 */
export function contextFromBackoffs(bowGeneral: number, bowGenre: number, out: Float64Array, o: number): void {
  out[o] = Number.isNaN(bowGeneral) ? 1 : Math.exp(bowGeneral * LN10);
  out[o + 1] = Number.isNaN(bowGenre) ? 1 : Math.exp(bowGenre * LN10);
  out[o + 2] = Number.isNaN(bowGeneral) && Number.isNaN(bowGenre) ? 0 : 1;
}

/**
 * log10 P(w | u v) when no trigram (u, v, w) is stored: log10(β₀·a₀ + β₁·a₁), from Lm.context's
 * numbers for (u, v) at ctx[co] and Lm.pair's for (v, w) at pair[po]. One function for the
 * model's logProb and the decoder's confidence, which must agree with it to the bit.
 */
export function backoffLog10(ctx: Float64Array, co: number, pair: Float64Array, po: number): number {
  return Math.log10(ctx[co] * pair[po] + ctx[co + 1] * pair[po + 1]);
}

/** A built model: vocabulary plus the n-gram tables, all plain typed arrays (serialisable). */
export interface LmData {
  vocab: string[];
  uniLp: Float32Array;
  uniBow: Float32Array;
  /** Bigram entries: key = v << 15 | w; lp (NaN when only a context), bow for trigram contexts. */
  biKey: Int32Array;
  biLp: Float32Array;
  biBow: Float32Array;
  /** Trigram entries: k1 = u << 15 | v, k2 = w. */
  triK1: Int32Array;
  triK2: Int32Array;
  triLp: Float32Array;
}

/**
 * Counts and estimates a trigram modified-KN model from tokenised sentences (arrays of words; `<num>` for
 * numbers). Words outside `vocabulary` become `<unk>`.
 *
 * @example
 * buildLm([[ 'chuyển', 'đổi', 'số' ]], new Set(['chuyển','đổi','số']))
 */
export function buildLm(sentences: Iterable<{ words: string[]; weight?: number }>, vocabulary: Iterable<string>, minTrigramCount = 1): LmData {
  const vocab = ['<unk>', '<s>', '</s>', '<num>', ','];
  const index = new Map<string, number>(vocab.map((w, i) => [w, i]));
  for (const w of vocabulary) {
    if (index.has(w)) continue;
    if (vocab.length >= MAX_VOCAB) break;
    index.set(w, vocab.length);
    vocab.push(w);
  }
  const V = vocab.length;
  const tri = new Map<number, number>(); // key = (u*V + v)*V + w
  for (const { words, weight = 1 } of sentences) {
    let u = BOS;
    let v = BOS;
    for (let i = 0; i <= words.length; i++) {
      const w = i === words.length ? EOS : (index.get(words[i]) ?? UNK);
      const k = (u * V + v) * V + w;
      tri.set(k, (tri.get(k) ?? 0) + weight);
      u = v;
      v = w;
    }
  }
  // Modified Kneser-Ney (Chen & Goodman): discounts for counts 1, 2 and 3+, from counts-of-counts.
  const discounts = (counts: Iterable<number>): [number, number, number] => {
    const n = [0, 0, 0, 0, 0];
    for (const c of counts) if (c >= 1 && c <= 4 && Number.isInteger(c)) n[c]++;
    // A corpus too small to have every count from 1 to 4 (a test's, a tiny genre text) gets fixed ones.
    if (!n[1] || !n[2] || !n[3] || !n[4]) return [0.5, 1, 1.5];
    const y = n[1] / (n[1] + 2 * n[2]);
    const clamp = (d: number, hi: number) => Math.min(hi, Math.max(0.05, d));
    return [clamp(1 - (2 * y * n[2]) / n[1], 1), clamp(2 - (3 * y * n[3]) / n[2], 2), clamp(3 - (4 * y * n[4]) / n[3], 3)];
  };
  const discountOf = (d: [number, number, number], c: number) => (c <= 0 ? 0 : c < 1.5 ? d[0] : c < 2.5 ? d[1] : d[2]);
  const D3 = discounts(tri.values());
  // Trigram contexts and bigram continuation counts; a context's discounted mass is its back-off's.
  const ctx3 = new Map<number, { total: number; mass: number }>(); // key u*V+v
  const biCont = new Map<number, number>(); // N1+(• v w), key v*V+w
  for (const [k, c] of tri) {
    const w = k % V;
    const uv = (k - w) / V;
    const v = uv % V;
    const e = ctx3.get(uv);
    const m = Math.min(c, discountOf(D3, c));
    if (e) {
      e.total += c;
      e.mass += m;
    } else ctx3.set(uv, { total: c, mass: m });
    const vw = v * V + w;
    biCont.set(vw, (biCont.get(vw) ?? 0) + 1);
  }
  const D2 = discounts(biCont.values());
  const ctx2Total = new Float64Array(V);
  const ctx2Mass = new Float64Array(V);
  const uniCont = new Float64Array(V);
  for (const [vw, c] of biCont) {
    const w = vw % V;
    const v = (vw - w) / V;
    ctx2Total[v] += c;
    ctx2Mass[v] += Math.min(c, discountOf(D2, c));
    uniCont[w]++;
  }
  let uniTotal = 0;
  for (let w = 0; w < V; w++) uniTotal += uniCont[w];
  const p1 = new Float64Array(V);
  for (let w = 0; w < V; w++) p1[w] = 0.99 * (uniCont[w] / uniTotal) + 0.01 / V;
  const uniLp = new Float32Array(V);
  const uniBow = new Float32Array(V);
  for (let w = 0; w < V; w++) {
    uniLp[w] = Math.log10(p1[w]);
    uniBow[w] = ctx2Total[w] > 0 ? Math.log10(ctx2Mass[w] / ctx2Total[w]) : 0;
  }
  const p2 = (v: number, w: number) => {
    const c = biCont.get(v * V + w) ?? 0;
    if (ctx2Total[v] === 0) return p1[w];
    return Math.max(c - discountOf(D2, c), 0) / ctx2Total[v] + (ctx2Mass[v] / ctx2Total[v]) * p1[w];
  };
  // Bigram table: every seen bigram (lp) and every trigram context (bow).
  const bi = new Map<number, { lp: number; bow: number }>();
  for (const vw of biCont.keys()) {
    const w = vw % V;
    const v = (vw - w) / V;
    bi.set(vw, { lp: Math.log10(p2(v, w)), bow: 0 });
  }
  for (const [uv, e] of ctx3) {
    const bow = Math.log10(e.mass / e.total);
    const x = bi.get(uv);
    if (x) x.bow = bow;
    else bi.set(uv, { lp: NaN, bow });
  }
  const triKeys: number[] = [];
  const triLps: number[] = [];
  for (const [k, c] of tri) {
    if (c < minTrigramCount) continue;
    const w = k % V;
    const uv = (k - w) / V;
    const v = uv % V;
    const e = ctx3.get(uv)!;
    const p = Math.max(c - discountOf(D3, c), 0) / e.total + (e.mass / e.total) * p2(v, w);
    triKeys.push(k);
    triLps.push(Math.log10(p));
  }
  const biKey = new Int32Array(bi.size);
  const biLp = new Float32Array(bi.size);
  const biBow = new Float32Array(bi.size);
  let i = 0;
  for (const [vw, e] of bi) {
    const w = vw % V;
    const v = (vw - w) / V;
    biKey[i] = (v << ID_BITS) | w;
    biLp[i] = e.lp;
    biBow[i] = e.bow;
    i++;
  }
  const triK1 = new Int32Array(triKeys.length);
  const triK2 = new Int32Array(triKeys.length);
  const triLp = new Float32Array(triKeys.length);
  triKeys.forEach((k, j) => {
    const w = k % V;
    const uv = (k - w) / V;
    const v = uv % V;
    const u = (uv - v) / V;
    triK1[j] = (u << ID_BITS) | v;
    triK2[j] = w;
    triLp[j] = triLps[j];
  });
  return { vocab, uniLp, uniBow, biKey, biLp, biBow, triK1, triK2, triLp };
}

function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  return Math.imul(h, 0x27d4eb2f) ^ (h >>> 13);
}

/**
 * Offset of the trigram record [u<<15|v, w + 1, lp] for (k1, w) in an open-addressing table: the
 * record itself, or the empty slot where it belongs (then t[o + 1] === 0). Look-ups and inserts of
 * both the single and the mixed model go through it, as they store trigrams alike.
 */
function trigramSlot(t: Int32Array, size: number, k1: number, w: number): number {
  let h = slotOf(hash2(k1, w), size);
  for (;;) {
    const o = h * 3;
    const k2 = t[o + 1];
    if (k2 === 0 || (k2 === w + 1 && t[o] === k1)) return o;
    h = h + 1 === size ? 0 : h + 1;
  }
}

/** The slot of a 32-bit hash in a table of `size` slots (any size: multiply-shift, no modulo). */
function slotOf(hash: number, size: number): number {
  return Math.floor(((hash >>> 0) * size) / 4294967296);
}

/** Slots of a dense open-addressing table for `n` records: TABLE_LOAD per record, and one empty at least. */
function denseSize(n: number): number {
  return Math.ceil(n * TABLE_LOAD) + 1;
}

/** Words per record of the mixed model's bigram table (see MixedLanguageModel.bi). */
const BI_RECORD = 4;
/** Words per slot of that table: the record and, in a second region, the slot's two back-off weights. */
const BI_SLOT_WORDS = 6;

const FILTER_BITS = 24;
/** The filter is blocked by context: all bits of a context (u, v) lie in one 512-bit line. */
const LINE_BITS = 9;

/**
 * The trigram filter's two bits for (k1, w) lie in the line of context k1 ({@link filterLine})
 * at offsets from {@link filterHash}: the beam asks one context about all of a word's candidates
 * in a row, and they then read one cache line instead of one line each. Other hashes than the
 * table's, so the two fail apart.
 */
function filterLine(k1: number): number {
  return (hash2(k1 ^ 0x2545f491, 0x68e31da4) & ((1 << (FILTER_BITS - LINE_BITS)) - 1)) << LINE_BITS;
}

/**
 * The hash of trigram (k1, w) whose bits 0–8 and 9–17 are its two bits' offsets in k1's line
 * (see filterBit). Two numbers, not a pair of bits in an array: the beam asks the filter about
 * most cells, and the arrays were a tenth of what restoring allocated.
 */
function filterHash(k1: number, w: number): number {
  return hash2(k1 ^ 0x3c6ef372, w + 0x1b873593);
}

/** Bit `which` (0 or 1) of a trigram in the filter, from its context's line and its filterHash. */
function filterBit(line: number, hash: number, which: number): number {
  return line | ((hash >>> (9 * which)) & 511);
}

/**
 * 32-bit words per record of the mixed model's pair table: [key, bound, back-off weight of
 * general, of genre, log10 P(w | v) of general, of genre (all float32)], 24 bytes (see pairTable).
 */
const PAIR_RECORD = 6;
/** Words per record of the mixed model's pair memo: the pair record with a₀ and a₁ as float64 (see pairMemo). */
const PAIR_MEMO_RECORD = 8;

/** The smallest float32 at least x: a bound stays a bound in single precision. */
function float32AtLeast(x: number): number {
  const f = Math.fround(x);
  if (f >= x || !Number.isFinite(f)) return f;
  FLOAT32_BITS[0] = f;
  INT32_BITS[0] += f > 0 ? 1 : -1;
  return FLOAT32_BITS[0];
}
const FLOAT32_BITS = new Float32Array(1);
const INT32_BITS = new Int32Array(FLOAT32_BITS.buffer);

/** log2 of the records of the mixed model's memo of pair look-ups (2^14 of 32 bytes: 512 KB). */
const PAIR_MEMO_BITS = 14;
/** log2 of the records of its memo of trigram look-ups (2^13 of 16 bytes: 128 KB). */
const TRIGRAM_MEMO_BITS = 13;
/** Bits of the mixed model's bigram filter per stored bigram, at least (its regions are powers of two). */
const BI_FILTER_BITS_PER_BIGRAM = 8;
const BI_FILTER_SEED = 0x5bd1e995;

/** The bigram filter's two bits (of a 32-bit word) for a key with hash h. */
function bigramFilterBits(h: number): number {
  return (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
}

/**
 * A model's filter of the pairs (v, w) it stores, and what Lm.pair says of the others: two in three
 * pairs the beam asks about are stored by neither component, and then a₀ and a₁ are the unigram
 * back-off, a number of v's times one of w's, with no trigram (·, v, w) and no context (v, w). The
 * beam scores those itself instead of calling pair(): same answers, about 3% faster decoding
 * (same-process runs interleaved ABBA: ×1.000 to ×1.046 in five).
 */
export interface PairFilter {
  /** Two bits per stored pair (see mayStorePair), in v's region: words [region[v], region[v + 1]), a power of two of them. */
  readonly words: Uint32Array;
  readonly region: Int32Array;
  /** Per word v, each component's weight of P(w | v) backed off to the unigram (its mixture weight included). */
  readonly backoff0: Float64Array;
  readonly backoff1: Float64Array;
  /** Per word w, each component's unigram probability. */
  readonly unigram0: Float64Array;
  readonly unigram1: Float64Array;
}

/**
 * Whether filter `f` may hold the pair (v, w). When it does not, neither component stores (v, w),
 * and Lm.pair(v, w) writes a₀ = f.backoff0[v]·f.unigram0[w], a₁ = f.backoff1[v]·f.unigram1[w],
 * bound 0 and no context (NaN, NaN).
 */
export function mayStorePair(f: PairFilter, v: number, w: number): boolean {
  const start = f.region[v];
  return filterHolds(f.words, start, f.region[v + 1] - start - 1, pairFilterHash(v, w));
}

/** The hash of the pair (v, w) in a pair filter. */
export function pairFilterHash(v: number, w: number): number {
  return hash2(((v << ID_BITS) | w) + 1, BI_FILTER_SEED);
}

/**
 * Whether filter words `words` may hold the pair with hash h (see pairFilterHash) of a v whose
 * region is words start … start + mask: mayStorePair, for a caller that asks one v about many w.
 */
export function filterHolds(words: Uint32Array, start: number, mask: number, h: number): boolean {
  const bits = bigramFilterBits(h);
  return (words[filterWordAt(start, mask, h)] & bits) === bits;
}

/** The filter word that holds the bits of hash h in the region start … start + mask. */
function filterWordAt(start: number, mask: number, h: number): number {
  return start + ((h >>> 10) & mask);
}

/**
 * Offset of the bigram record [v<<15|w + 1, …] for key `k` (= v<<15|w + 1) in a table of records
 * of `stride` words: the record, or the empty slot where it belongs (then t[o] === 0).
 */
function bigramSlot(t: Int32Array, mask: number, k: number, stride = 3): number {
  let h = hash2(k - 1, 7) & mask;
  for (;;) {
    const x = t[h * stride];
    if (x === 0 || x === k) return h * stride;
    h = (h + 1) & mask;
  }
}

/**
 * Slots per record of the mixed model's trigram table and pair table regions (see denseSize):
 * four fifths full, not a power of two at least 1.5 per record (a third to two thirds full): the
 * two tables take 19 MB instead of 44 MB, with the same answers. Look-ups probe a little longer;
 * decoding speed did not change measurably (same-process runs interleaved ABBA over small chunks
 * of the bench's steady phase: ×1.004 and ×1/0.986).
 */
const TABLE_LOAD = 1.25;

/** Slots of an open-addressing table for `n` records, at least `load` slots per record: a power of two. */
function tableSize(n: number, load = 2): number {
  let size = 1;
  while (size < n * load) size <<= 1;
  return size;
}

/**
 * Query side of the model: open-addressing hash tables built once from {@link LmData}, each entry
 * stored in one 12-byte record (key and values side by side), so a look-up usually costs one cache
 * miss instead of three (slot, key, value arrays): the LM is most of the decoder's time.
 *
 * @example
 * const lm = new LanguageModel(data);
 * lm.logProb(lm.id('chuyển'), lm.id('đổi'), lm.id('số')) // ≈ -0.3
 */
export class LanguageModel implements Lm {
  readonly vocab: string[];
  private bound?: Float64Array;
  private readonly ids = new Map<string, number>();
  private readonly data: LmData;
  private readonly biMask: number;
  /** Records [v<<15|w + 1 (0 = empty), lp, bow] (lp, bow as float32 bits). */
  private readonly bi: Int32Array;
  private readonly biF: Float32Array;
  /** Slots of the trigram table. */
  private readonly triSize: number;
  /** Records [u<<15|v, w + 1 (0 = empty), lp]. */
  private readonly tri: Int32Array;
  private readonly triF: Float32Array;
  /** No filter: every pair may be stored, and pair() answers each (correct, not fast: the decoder reads a mixed model). */
  readonly pairFilter: PairFilter;

  constructor(data: LmData) {
    this.data = data;
    this.vocab = data.vocab;
    const V = data.vocab.length;
    const none = new Float64Array(V);
    this.pairFilter = { words: new Uint32Array(V).fill(0xffffffff), region: Int32Array.from({ length: V + 1 }, (_, v) => v), backoff0: none, backoff1: none, unigram0: none, unigram1: none };
    data.vocab.forEach((w, i) => this.ids.set(w, i));
    this.biMask = tableSize(data.biKey.length) - 1;
    this.bi = new Int32Array((this.biMask + 1) * 3);
    this.biF = new Float32Array(this.bi.buffer);
    for (let i = 0; i < data.biKey.length; i++) {
      const o = bigramSlot(this.bi, this.biMask, data.biKey[i] + 1);
      this.bi[o] = data.biKey[i] + 1;
      this.biF[o + 1] = data.biLp[i];
      this.biF[o + 2] = data.biBow[i];
    }
    this.triSize = tableSize(data.triK1.length);
    this.tri = new Int32Array(this.triSize * 3);
    this.triF = new Float32Array(this.tri.buffer);
    for (let i = 0; i < data.triK1.length; i++) {
      const o = trigramSlot(this.tri, this.triSize, data.triK1[i], data.triK2[i]);
      this.tri[o] = data.triK1[i];
      this.tri[o + 1] = data.triK2[i] + 1;
      this.triF[o + 2] = data.triLp[i];
    }
  }

  /** The id of a word (lower case, canonical tone), or `UNK`. */
  id(word: string): number {
    return this.ids.get(word) ?? UNK;
  }

  get maxLogProb(): Float64Array {
    return (this.bound ??= this.maxLogProbs());
  }

  /** Record offset of bigram (v, w), or −1. */
  private bigram(v: number, w: number): number {
    const o = bigramSlot(this.bi, this.biMask, ((v << ID_BITS) | w) + 1);
    return this.bi[o] === 0 ? -1 : o;
  }

  /** log10 P(w | u v). */
  logProb(u: number, v: number, w: number): number {
    return this.logProbIn(u, v, w, this.contextBow(u, v));
  }

  /** Back-off weight (log10) of the context (u, v): 0 when the model never saw it. */
  contextBow(u: number, v: number): number {
    const bow = this.storedContextBow(u, v);
    return Number.isNaN(bow) ? 0 : bow;
  }

  /**
   * Back-off weight of the context (u, v), or NaN when (u, v) is not stored as a bigram. Every
   * context of a stored trigram is (with a NaN probability if it only came as a context), so NaN
   * also says that no trigram (u, v, ·) exists.
   */
  storedContextBow(u: number, v: number): number {
    const ctx = this.bigram(u, v);
    return ctx >= 0 ? this.biF[ctx + 2] : NaN;
  }

  /**
   * log10 P(w | u v) given the context's back-off weight from {@link contextBow}: callers asking
   * one context about many words look the context up once.
   */
  logProbIn(u: number, v: number, w: number, bow: number): number {
    const tri = this.storedTrigramLp(u, v, w);
    return Number.isNaN(tri) ? bow + this.bigramLp(v, w) : tri;
  }

  /** log10 P(w | u v) of the stored trigram, or NaN when none is stored. */
  private storedTrigramLp(u: number, v: number, w: number): number {
    const o = trigramSlot(this.tri, this.triSize, (u << ID_BITS) | v, w);
    return this.tri[o + 1] !== 0 ? this.triF[o + 2] : NaN;
  }

  /** log10 P(w | v) including this model's back-off to the unigram (no trigram context). */
  bigramLp(v: number, w: number): number {
    const b = this.bigram(v, w);
    if (b >= 0 && !Number.isNaN(this.biF[b + 1])) return this.biF[b + 1];
    return this.unigramBackoff(v, w);
  }

  /** log10 P(w | v) for a bigram this model does not store: the back-off to the unigram. */
  unigramBackoff(v: number, w: number): number {
    return this.data.uniBow[v] + this.data.uniLp[w];
  }

  /** The back-off weight (log10) of v as a bigram context. */
  unigramBackoffWeight(v: number): number {
    return this.data.uniBow[v];
  }

  pair(v: number, w: number, out: Float64Array, o: number): void {
    out[o] = Math.exp(this.bigramLp(v, w) * LN10);
    out[o + 1] = 0;
    // Which trigrams (·, v, w) exist is not indexed here: "maybe", and trigramLn answers.
    out[o + 2] = Infinity;
    out[o + 3] = this.storedContextBow(v, w);
    out[o + 4] = NaN;
  }

  context(u: number, v: number, out: Float64Array, o: number): void {
    contextFromBackoffs(this.storedContextBow(u, v), NaN, out, o);
  }

  trigramLn(u: number, v: number, w: number): number {
    return this.storedTrigramLp(u, v, w) * LN10;
  }

  /** Calls `f(k1, w)` for every stored trigram (k1 = u << 15 | v). */
  forEachTrigram(f: (k1: number, w: number) => void): void {
    const d = this.data;
    for (let i = 0; i < d.triK1.length; i++) f(d.triK1[i], d.triK2[i]);
  }

  /** Calls `f(v, w)` for every stored bigram, also those stored only as a trigram context. */
  forEachBigram(f: (v: number, w: number) => void): void {
    const d = this.data;
    for (let i = 0; i < d.biKey.length; i++) f(d.biKey[i] >>> ID_BITS, d.biKey[i] & (MAX_VOCAB - 1));
  }

  /** log10 P(w) under the unigram (continuation) distribution. */
  unigram(w: number): number {
    return this.data.uniLp[w];
  }

  /**
   * The largest back-off weights (log10) a look-up can add: of a trigram context and of a bigram
   * context. At least 0, the weight of a context the model never saw.
   */
  maxBackoff(): { context: number; unigram: number } {
    let context = 0;
    for (const b of this.data.biBow) if (b > context) context = b;
    let unigram = 0;
    for (const b of this.data.uniBow) if (b > unigram) unigram = b;
    return { context, unigram };
  }

  /** An upper bound of log10 P(w | u v) over every context, per word id. */
  private maxLogProbs(): Float64Array {
    const d = this.data;
    const { context, unigram } = this.maxBackoff();
    const out = new Float64Array(d.vocab.length);
    for (let w = 0; w < out.length; w++) out[w] = context + unigram + d.uniLp[w];
    for (let i = 0; i < d.biKey.length; i++) {
      const w = d.biKey[i] & (MAX_VOCAB - 1);
      if (!Number.isNaN(d.biLp[i]) && context + d.biLp[i] > out[w]) out[w] = context + d.biLp[i];
    }
    for (let i = 0; i < d.triK2.length; i++) if (d.triLp[i] > out[d.triK2[i]]) out[d.triK2[i]] = d.triLp[i];
    return out;
  }

  /** Number of stored n-grams, for reports. */
  get size(): { unigrams: number; bigrams: number; trigrams: number } {
    return { unigrams: this.vocab.length, bigrams: this.data.biKey.length, trigrams: this.data.triK1.length };
  }
}

/** What the decoder needs from a language model. */
export interface Lm {
  readonly vocab: string[];
  id(word: string): number;
  logProb(u: number, v: number, w: number): number;
  /**
   * Per word id, an upper bound of log10 P(w | u v) over all contexts: the decoder skips a
   * reading whose score could not reach the beam even with this probability.
   */
  readonly maxLogProb: Float64Array;
  unigram(w: number): number;
  readonly size: { unigrams: number; bigrams: number; trigrams: number };
  // The beam's decomposed look-up. A model is a mixture of (at most two) back-off models, so
  // log P(w | u v) is the stored trigram's when there is one, else
  //   ln(β₀(u v)·a₀(v w) + β₁(u v)·a₁(v w))
  // with βₖ a component's back-off weight of the context and aₖ its weighted P(w | v): the
  // beam looks up a once per (v, w) and β once per hypothesis, instead of the whole (u, v, w)
  // per hypothesis and reading.
  /**
   * Writes for (v, w): out[o] = a₀, out[o + 1] = a₁ (0 for a single model), out[o + 2] = an upper
   * bound of the probability of any stored trigram (·, v, w) (0 when there is none), and at
   * out[o + 3], out[o + 4] the components' back-off weights of (v, w) as a trigram context (log10,
   * NaN when none): the beam extends a hypothesis with the pair it scored, and
   * {@link contextFromBackoffs} turns them into the new context's numbers without a look-up.
   */
  pair(v: number, w: number, out: Float64Array, o: number): void;
  /**
   * Writes for the context (u, v): out[o] = β₀, out[o + 1] = β₁ (1 when a component never saw
   * the context), out[o + 2] = 1 when a trigram (u, v, ·) may be stored, else 0.
   */
  context(u: number, v: number, out: Float64Array, o: number): void;
  /** Natural-log probability of the stored trigram (u, v, w), or NaN when none is stored. */
  trigramLn(u: number, v: number, w: number): number;
  /** The pairs (v, w) the model may store, and pair()'s numbers of the others (see PairFilter). */
  readonly pairFilter: PairFilter;
}

/** The mixed model's precomputed tables (see {@link MixedLanguageModel}), for a given λ. */
export interface MixedTables {
  lambda: number;
  tri: Int32Array;
  bi: Int32Array;
  /**
   * {@link MixedLanguageModel.maxLogProb}, built with the tables: it scans every stored n-gram
   * (about 30 ms here), which a model loaded without it pays on its first document.
   */
  maxLogProb: Float64Array;
}

/**
 * Linear interpolation of a general model (dictionary text) and an in-domain model (plans):
 * P = λ·P_genre + (1−λ)·P_general. Both share one vocabulary, so ids agree. Unlike weighting
 * counts, this lets the in-domain back-off distributions count ("báo chí tỉnh", not "chí tình").
 *
 * @example
 * const lm = new MixedLanguageModel(general, genre, 0.5);
 */
export class MixedLanguageModel implements Lm {
  readonly vocab: string[];
  private bound?: Float64Array;

  /** Slots of the trigram table. */
  private readonly triSize: number;
  /** Mixed log-prob of every trigram either model stores: records [k1, w + 1, lp]. */
  private readonly tri: Int32Array;
  private readonly triF: Float32Array;
  /**
   * One bit per hash of a stored trigram (2 MB, stays in cache): most trigrams the decoder asks
   * about are stored by neither model, and the bit answers "absent" without touching the table.
   */
  private readonly triFilter = new Uint32Array(1 << (FILTER_BITS - 5));
  /**
   * Per bigram either model stores (also as a trigram context only): records of BI_RECORD words
   * [v<<15|w + 1, lp general, lp genre (each with its own back-off to the unigram), the largest
   * mixed lp of a stored trigram (·, v, w) (−∞ when none)], then, from `bowBase`, two words per
   * slot: the back-off weights of general and genre for (v, w) as a trigram context (NaN when not
   * one). Cached with the model; the pair table, which queries read, is built from it at load.
   */
  private readonly biMask: number;
  private readonly bi: Int32Array;
  private readonly biF: Float32Array;
  private readonly bowBase: number;
  /**
   * Two bits per bigram either model stores, in one 32-bit word of v's region. Regions by v (sized
   * to v's bigrams), because the beam asks one v about all of a word's readings in a row: they
   * read a few cache lines, not one each.
   */
  readonly pairFilter: PairFilter;
  /**
   * pair()'s and context()'s answers for every stored bigram (v, w), computed at load: records of
   * PAIR_RECORD words [key (v<<15|w + 1, 0 = empty), bound of a trigram's probability (rounded
   * up to float32), general's and genre's back-off weights (log10, float32; NaN when not one of
   * that model's trigram contexts), each model's log10 P(w | v) (float32, as the bigram table
   * has them; a₀ and a₁ are computed from them when the record enters pairMemo)], open addressing
   * within a region per v (sized to v's bigrams), so the readings of one row sit near each other
   * instead of all over the bigram table. A context (u, v) is a stored bigram too: its record
   * answers context(), and the beam, which extends a hypothesis with the pair it scored, reads it
   * without a second probe. Small records in full regions (see TABLE_LOAD): 8.6 MB, not 19 MB.
   */
  private pairTable!: Int32Array;
  private pairTableF!: Float32Array;
  /**
   * Copies of the pair records looked up last (direct-mapped by key): the beam and the
   * confidence ask about the same stored pairs of a document again and again (seven look-ups
   * in ten), and the pair table is too large for the cache and the TLB, while these 512 KB stay
   * near. Records of PAIR_MEMO_RECORD words: the pair record's first four words, then a₀ and a₁
   * as float64, computed from its log-probs as pair() gives them.
   */
  private readonly pairMemo = new Int32Array((1 << PAIR_MEMO_BITS) * PAIR_MEMO_RECORD);
  private readonly pairMemoF = new Float32Array(this.pairMemo.buffer);
  private readonly pairMemoD = new Float64Array(this.pairMemo.buffer);
  /** The trigram look-ups done last: records [u<<15|v, w + 1, lp (NaN: none stored)], direct-mapped (as pairMemo). */
  private readonly trigramMemo = new Int32Array((1 << TRIGRAM_MEMO_BITS) * 4);
  private readonly trigramMemoF = new Float32Array(this.trigramMemo.buffer);
  /** Per word v, the first slot of its region of pairTable (it ends where v + 1's starts). */
  private pairRegion!: Int32Array;

  constructor(
    private readonly general: LanguageModel,
    private readonly genre: LanguageModel,
    private readonly lambda: number,
    prebuilt?: MixedTables,
  ) {
    this.vocab = general.vocab;
    const V = this.vocab.length;
    // (1−λ)·10^(general's back-off weight of v) and λ·10^(genre's); 10^(general's unigram log-prob of w) and 10^(genre's).
    const backoff0 = new Float64Array(V);
    const backoff1 = new Float64Array(V);
    const unigram0 = new Float64Array(V);
    const unigram1 = new Float64Array(V);
    for (let w = 0; w < V; w++) {
      backoff0[w] = (1 - lambda) * Math.exp(general.unigramBackoffWeight(w) * LN10);
      backoff1[w] = lambda * Math.exp(genre.unigramBackoffWeight(w) * LN10);
      unigram0[w] = Math.exp(general.unigram(w) * LN10);
      unigram1[w] = Math.exp(genre.unigram(w) * LN10);
    }
    const unstored = { backoff0, backoff1, unigram0, unigram1 };
    if (prebuilt && prebuilt.lambda === lambda) {
      // Built once with the model and cached: loading takes no time.
      this.tri = prebuilt.tri;
      this.triF = new Float32Array(this.tri.buffer, this.tri.byteOffset, this.tri.length);
      this.triSize = this.tri.length / 3;
      this.bi = prebuilt.bi;
      this.biF = new Float32Array(this.bi.buffer, this.bi.byteOffset, this.bi.length);
      this.biMask = this.bi.length / BI_SLOT_WORDS - 1;
      this.bowBase = (this.biMask + 1) * BI_RECORD;
      this.bound = prebuilt.maxLogProb;
      this.fillFilter();
      this.pairFilter = { ...this.indexBigramsByWord(), ...unstored };
      return;
    }
    // The interpolation is precomputed for every stored trigram (one probe answers it, no
    // exponentials) and both models' bigram probabilities sit in one record: an unseen trigram
    // then costs one bigram probe, not a walk through two models (the LM is most of decoding).
    this.triSize = denseSize(general.size.trigrams + genre.size.trigrams);
    this.tri = new Int32Array(this.triSize * 3);
    this.triF = new Float32Array(this.tri.buffer);
    const addTrigram = (k1: number, w: number) => {
      const o = trigramSlot(this.tri, this.triSize, k1, w);
      if (this.tri[o + 1] !== 0) return; // stored by the other model too: already mixed
      const u = k1 >>> ID_BITS;
      const v = k1 & (MAX_VOCAB - 1);
      this.tri[o] = k1;
      this.tri[o + 1] = w + 1;
      this.triF[o + 2] = this.mixed(general.logProb(u, v, w), genre.logProb(u, v, w));
    };
    general.forEachTrigram(addTrigram);
    genre.forEachTrigram(addTrigram);
    this.biMask = tableSize(general.size.bigrams + genre.size.bigrams, 1.5) - 1;
    this.bi = new Int32Array((this.biMask + 1) * BI_SLOT_WORDS);
    this.biF = new Float32Array(this.bi.buffer);
    this.bowBase = (this.biMask + 1) * BI_RECORD;
    const addBigram = (v: number, w: number): number => {
      const k = ((v << ID_BITS) | w) + 1;
      const o = bigramSlot(this.bi, this.biMask, k, BI_RECORD);
      if (this.bi[o] !== 0) return o;
      this.bi[o] = k;
      this.biF[o + 1] = general.bigramLp(v, w);
      this.biF[o + 2] = genre.bigramLp(v, w);
      this.biF[o + 3] = -Infinity;
      this.biF[this.bowBase + o / 2] = general.storedContextBow(v, w);
      this.biF[this.bowBase + o / 2 + 1] = genre.storedContextBow(v, w);
      return o;
    };
    general.forEachBigram(addBigram);
    genre.forEachBigram(addBigram);
    // Each stored trigram raises the bound of its (v, w) (a trigram's tail is a stored bigram of
    // its model, so the record exists; addBigram would add it otherwise).
    for (let o = 0; o < this.tri.length; o += 3) {
      if (this.tri[o + 1] === 0) continue;
      const b = addBigram(this.tri[o] & (MAX_VOCAB - 1), this.tri[o + 1] - 1);
      if (this.triF[o + 2] > this.biF[b + 3]) this.biF[b + 3] = this.triF[o + 2];
    }
    this.fillFilter();
    this.pairFilter = { ...this.indexBigramsByWord(), ...unstored };
  }

  get maxLogProb(): Float64Array {
    return (this.bound ??= this.maxLogProbs());
  }

  /**
   * Per word, the largest mixed log-prob of any stored trigram, of any stored bigram after the
   * largest context back-off, and of the unigram after the largest back-offs (the mixture is
   * monotone in both models' log-probs, so this bounds every context).
   */
  private maxLogProbs(): Float64Array {
    const g = this.general.maxBackoff();
    const n = this.genre.maxBackoff();
    const out = new Float64Array(this.vocab.length);
    for (let w = 0; w < out.length; w++) {
      out[w] = this.mixed(g.context + g.unigram + this.general.unigram(w), n.context + n.unigram + this.genre.unigram(w));
    }
    const t = this.tri;
    for (let o = 0; o < t.length; o += 3) {
      if (t[o + 1] === 0) continue;
      const w = t[o + 1] - 1;
      if (this.triF[o + 2] > out[w]) out[w] = this.triF[o + 2];
    }
    const b = this.bi;
    for (let o = 0; o < this.bowBase; o += BI_RECORD) {
      if (b[o] === 0) continue;
      const w = (b[o] - 1) & (MAX_VOCAB - 1);
      const lp = this.mixed(g.context + this.biF[o + 1], n.context + this.biF[o + 2]);
      if (lp > out[w]) out[w] = lp;
    }
    return out;
  }

  private fillFilter(): void {
    const t = this.tri;
    for (let o = 0; o < t.length; o += 3) {
      if (t[o + 1] === 0) continue;
      const line = filterLine(t[o]);
      const hash = filterHash(t[o], t[o + 1] - 1);
      for (let which = 0; which < 2; which++) {
        const bit = filterBit(line, hash, which);
        this.triFilter[bit >>> 5] |= 1 << (bit & 31);
      }
    }
  }

  /** Fills the pair table (see pairTable) from the bigram table, and gives the bigram filter (see pairFilter). */
  private indexBigramsByWord(): Pick<PairFilter, 'words' | 'region'> {
    const V = this.vocab.length;
    const bigrams = new Int32Array(V);
    for (let o = 0; o < this.bowBase; o += BI_RECORD) if (this.bi[o] !== 0) bigrams[(this.bi[o] - 1) >>> ID_BITS]++;
    const region = new Int32Array(V + 1);
    this.pairRegion = new Int32Array(V + 1);
    for (let v = 0; v < V; v++) {
      region[v + 1] = region[v] + tableSize((bigrams[v] * BI_FILTER_BITS_PER_BIGRAM) / 32, 1);
      this.pairRegion[v + 1] = this.pairRegion[v] + denseSize(bigrams[v]);
    }
    const words = new Uint32Array(region[V]);
    this.pairTable = new Int32Array(this.pairRegion[V] * PAIR_RECORD);
    this.pairTableF = new Float32Array(this.pairTable.buffer);
    for (let o = 0; o < this.bowBase; o += BI_RECORD) {
      const k = this.bi[o];
      if (k === 0) continue;
      const v = (k - 1) >>> ID_BITS;
      const h = pairFilterHash(v, (k - 1) & (MAX_VOCAB - 1));
      words[filterWordAt(region[v], region[v + 1] - region[v] - 1, h)] |= bigramFilterBits(h);
      const x = this.pairSlot(k);
      this.pairTable[x] = k;
      this.pairTableF[x + 1] = float32AtLeast(Math.exp(this.biF[o + 3] * LN10));
      this.pairTableF[x + 2] = this.biF[this.bowBase + o / 2];
      this.pairTableF[x + 3] = this.biF[this.bowBase + o / 2 + 1];
      this.pairTableF[x + 4] = this.biF[o + 1];
      this.pairTableF[x + 5] = this.biF[o + 2];
    }
    return { words, region };
  }

  /** The precomputed tables, to cache with the model. */
  tables(): MixedTables {
    return { lambda: this.lambda, tri: this.tri, bi: this.bi, maxLogProb: this.maxLogProb };
  }

  /** log10((1−λ)·10^a + λ·10^b), with one exponential instead of two (it runs per LM miss). */
  private mixed(a: number, b: number): number {
    return a + Math.log10(1 - this.lambda + this.lambda * Math.exp((b - a) * Math.LN10));
  }

  id(word: string): number {
    return this.general.id(word);
  }

  // No memo: the beam asks through pair/context/trigramLn, and only the confidence and sentence
  // ends ask here, a few times per word; this is the same decomposition.
  logProb(u: number, v: number, w: number): number {
    const x = this.logProbParts;
    this.context(u, v, x, 0);
    if (x[2] === 1) {
      const tri = this.storedTrigram((u << ID_BITS) | v, w);
      if (tri === tri) return tri;
    }
    // Neither model has the trigram: both back off from the context to the bigram.
    this.pair(v, w, x, 3);
    return backoffLog10(x, 0, x, 3);
  }

  /** Scratch for logProb: the context's three numbers, then the pair's five. */
  private readonly logProbParts = new Float64Array(8);

  /** log10 P of the stored trigram (k1, w), or NaN (the filter, then the memo answer most look-ups). */
  private storedTrigram(k1: number, w: number): number {
    if (!this.inFilter(k1, w)) return NaN;
    const m = (Math.imul(k1 ^ Math.imul(w + 1, 0x85ebca6b), 0x9e3779b1) >>> (32 - TRIGRAM_MEMO_BITS)) * 4;
    const memo = this.trigramMemo;
    if (memo[m] === k1 && memo[m + 1] === w + 1) return this.trigramMemoF[m + 2];
    const o = trigramSlot(this.tri, this.triSize, k1, w);
    const lp = this.tri[o + 1] !== 0 ? this.triF[o + 2] : NaN;
    memo[m] = k1;
    memo[m + 1] = w + 1;
    this.trigramMemoF[m + 2] = lp;
    return lp;
  }

  /** Whether the filter may hold trigram (k1, w) (false: it is certainly absent). */
  private inFilter(k1: number, w: number): boolean {
    const line = filterLine(k1);
    const hash = filterHash(k1, w);
    const a = filterBit(line, hash, 0);
    const b = filterBit(line, hash, 1);
    const f = this.triFilter;
    return (f[a >>> 5] & (1 << (a & 31))) !== 0 && (f[b >>> 5] & (1 << (b & 31))) !== 0;
  }

  pair(v: number, w: number, out: Float64Array, o: number): void {
    const m = this.pairRecord(v, w);
    if (m < 0) {
      // Neither model stores (v, w): both back off to the unigram, no trigram (·, v, w) exists,
      // and (v, w) is no context.
      const f = this.pairFilter;
      out[o] = f.backoff0[v] * f.unigram0[w];
      out[o + 1] = f.backoff1[v] * f.unigram1[w];
      out[o + 2] = 0;
      out[o + 3] = NaN;
      out[o + 4] = NaN;
      return;
    }
    out[o] = this.pairMemoD[m / 2 + 2];
    out[o + 1] = this.pairMemoD[m / 2 + 3];
    out[o + 2] = this.pairMemoF[m + 1];
    out[o + 3] = this.pairMemoF[m + 2];
    out[o + 4] = this.pairMemoF[m + 3];
  }

  /**
   * Offset in pairMemo of (v, w)'s record, copied there from the pair table when absent; −1 when
   * (v, w) is not stored (the filter answers most of those).
   */
  private pairRecord(v: number, w: number): number {
    if (!mayStorePair(this.pairFilter, v, w)) return -1;
    const k = ((v << ID_BITS) | w) + 1;
    const m = (Math.imul(k, 0x2545f491) >>> (32 - PAIR_MEMO_BITS)) * PAIR_MEMO_RECORD;
    if (this.pairMemo[m] === k) return m;
    const x = this.pairSlot(k);
    if (this.pairTable[x] === 0) return -1;
    // Key, bound and back-off weights as they are; a₀ = (1 − λ)·10^lp and a₁ = λ·10^lp′ from the
    // log-probs (see Lm.pair).
    for (let i = 0; i < 4; i++) this.pairMemo[m + i] = this.pairTable[x + i];
    this.pairMemoD[m / 2 + 2] = (1 - this.lambda) * Math.exp(this.pairTableF[x + 4] * LN10);
    this.pairMemoD[m / 2 + 3] = this.lambda * Math.exp(this.pairTableF[x + 5] * LN10);
    return m;
  }

  /** Offset in pairTable of key k's (= v<<15|w + 1) record, or of the empty slot where it belongs (then pairTable[x] is 0). */
  private pairSlot(k: number): number {
    const v = (k - 1) >>> ID_BITS;
    const start = this.pairRegion[v];
    const size = this.pairRegion[v + 1] - start;
    let i = slotOf(Math.imul(k, 0x9e3779b1), size);
    for (;;) {
      const x = (start + i) * PAIR_RECORD;
      const key = this.pairTable[x];
      if (key === 0 || key === k) return x;
      i = i + 1 === size ? 0 : i + 1;
    }
  }

  context(u: number, v: number, out: Float64Array, o: number): void {
    const m = this.pairRecord(u, v);
    if (m < 0) contextFromBackoffs(NaN, NaN, out, o);
    else contextFromBackoffs(this.pairMemoF[m + 2], this.pairMemoF[m + 3], out, o);
  }

  trigramLn(u: number, v: number, w: number): number {
    return this.storedTrigram((u << ID_BITS) | v, w) * LN10;
  }

  unigram(w: number): number {
    return Math.log10((1 - this.lambda) * 10 ** this.general.unigram(w) + this.lambda * 10 ** this.genre.unigram(w));
  }

  get size(): { unigrams: number; bigrams: number; trigrams: number } {
    const a = this.general.size;
    const b = this.genre.size;
    return { unigrams: a.unigrams, bigrams: a.bigrams + b.bigrams, trigrams: a.trigrams + b.trigrams };
  }
}
