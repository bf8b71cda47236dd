/**
 * The decoder: per line, candidates for every word from the channel (skeleton neighbourhood +
 * learned emission costs), then a beam search over the trigram language model, then a local
 * posterior per word for confidence and alternatives.
 */
import { backoffLog10, BOS, COMMA, contextFromBackoffs, EOS, filterHolds, FIRST_WORD, NUM, pairFilterHash, UNK } from './lm.js';
import { deletesOf, type RestoreModel } from './model.js';
import { AlignmentScratch, type Channel } from './channel.js';
import { CONTEXTS as CASE_CONTEXTS, hasCapitalsNext, isInCapitals, lineCaseContexts, type CaseChooser, type CaseContext } from './case.js';
import { applyCase, casePattern, charSkeleton, modelForm, skeleton, type CasePattern } from './syllable.js';
import { continuesSentence, isInCapitalsLine, isRomanNumeral, isRunningText, romanLetters, tokenizeLine, type Token } from './tokenize.js';
import type { RestoreSpeed } from '../schema/index.js';

/** Tunable decoder settings (defaults measured with `npm run bench:restore`). */
export interface DecodeParams {
  /**
   * Weight of the language model against the channel (LM log-prob is in natural log units). 1.2
   * since the LM became modified Kneser-Ney with commas inside sentences: on DEV (tune.ts, the Lâm
   * Đồng plan, the one real plan with a truth) 98.17% / 98.29% / 98.23% / 98.23% at 1.1 / 1.2 /
   * 1.25 / 1.3, and on the 190 older held-out plans errors on the halves 2,507 / 2,597, 2,478 /
   * 2,607, 2,484 / 2,619 and 2,506 / 2,626.
   */
  lmWeight: number;
  /** Hypotheses kept per position. */
  beam: number;
  /** Candidates kept per word. */
  maxCandidates: number;
  /** Probability that a token which is already a valid syllable is simply right (clean text). */
  cleanPrior: number;
  /** Cost of keeping a token that is no syllable as it is (foreign word, code, name). */
  keepCost: number;
  /** Temperature of the local posterior used as confidence. */
  temperature: number;
  /** 1 = a token that is already a valid syllable or known abbreviation is never changed (clean text). */
  lockValid: number;
  /** Weight of the unigram prior (log10) when ranking candidates before the search. */
  rankUnigram: number;
  /** The same for a token with capitals inside or in capitals ("FDI", "SG"). */
  rankUnigramCapitals: number;
  /** Candidates whose channel cost exceeds the best one's by more than this (nats) are dropped. */
  costGap: number;
  /** Hypotheses scoring more than this below the best one are dropped from the beam. */
  beamGap: number;
  /**
   * Weight of the document cache model (0 = off): each sentence is decoded with the unigram
   * distribution of the words the document chose in the sentences before it mixed in, so a
   * document spells its own vocabulary consistently. Counted online: a first pass over the whole
   * document that counted its words before decoding it (cacheWeight 0.15, narrower beam) was the
   * default until the bench showed it no more accurate than online counting at 0.1 (errors on
   * the two halves of the test plans, 153K words each: 3,145 and 3,582 against 3,127 and 3,614)
   * at ×0.79–0.89 of the speed, and was removed.
   */
  cacheWeight: number;
  /** Tokens whose rough skeleton is at most this long look for candidates one edit away only. */
  shortToken: number;
  /**
   * Weight of the capitalisation model (0 = off): in mid-sentence, a capitalised token prefers
   * words that clean text capitalises there ("Sở", not "Số"), a lower-case one words it does not.
   */
  capWeight: number;
  /**
   * Probability that a short number standing among words is a misread word ("16p" is clear, but
   * "sạt 16" is "sạt lở", "6 nhiễm" is "ô nhiễm"): such numbers get the channel's word readings
   * at this prior, and the language model decides (0 = numbers are never read as words). 0.13:
   * the share of such numbers that stood for words on English-model OCR of 60 training plans,
   * 138 of 1,070 (`scripts/restore/digit-prior.ts`). It was 0.05, a guess.
   */
  digitWordPrior: number;
}

/**
 * Defaults, tuned on the dev set (`scripts/restore/tune.ts`: Lâm Đồng with the LM rebuilt without
 * it; beamGap 8: same held-out and dev accuracy as 25, ~3x fewer LM calls), except maxCandidates
 * and beam: 20 readings and 12 hypotheses instead of 12 and 16 were chosen on 25 held-out
 * documents (952 → 861 errors of 38K words; dev 70 → 70) and confirmed on the 50 others (see
 * SOURCES.md): the truth was often not among 12 readings, of valid-looking tokens too. And
 * rankUnigram 1 (was 2): at 2 the unigram prior pushed a rare word that reads the token well
 * out of the 20 ("dõi" from "doi", channel cost 1.0, behind "đi" at 9.1: "theo dõi" became "theo
 * đòi"); chosen on half of the test plans (3,498 → 3,341 errors of 155K words, maxCandidates 24
 * with it 3,316) and confirmed on the other half (3,682 → 3,566 of 152K). Tokens with capitals keep
 * 2 (rankUnigramCapitals): at 1 the acronym in "vốn FDI" met "DĨ" and became "vốn Dĩ". And
 * costGap 9 (was 30, which dropped nothing): a reading 9 nats of channel cost behind the token's
 * cheapest one needs the LM to favour it about a thousandfold, and when it got that it was more
 * often wrong than right. Of a word's 20.3 readings, 4.6 lay that far behind; readings ranked
 * below 20 that lie within the gap take some of their places, so a word has 18.5 readings (on
 * the OCR pages of the bench's test plans, 305K words). Errors on the two halves of the test
 * plans (153K words each): 3,127 and 3,614 at 30, 3,112 and 3,592 at 9, 3,120 and 3,603 at 8;
 * 3,193 at 7 on the first half. (maxCandidates 24 with costGap 9: 3,064 and 3,551, but 21.6
 * readings a word: not taken while speed is short of its target.)
 */
export const DEFAULT_PARAMS: DecodeParams = {
  lmWeight: 1.2,
  beam: 12,
  maxCandidates: 20,
  cleanPrior: 0.05,
  keepCost: 10,
  temperature: 1,
  lockValid: 0,
  rankUnigram: 1,
  rankUnigramCapitals: 2,
  costGap: 9,
  beamGap: 8,
  cacheWeight: 0.1,
  shortToken: 2,
  capWeight: 1,
  digitWordPrior: 0.13,
};

/**
 * The parameters each speed changes from {@link DEFAULT_PARAMS}. `accurate` is the defaults.
 * `fast` keeps a narrower beam. Chosen when accurate still counted the cache model's words in a
 * first pass, on half of the bench's test plans (155K words; speed: steady phase, one process, 5
 * rounds interleaved, as a ratio to accurate in the same run): accurate 3,236 errors; online with
 * cacheWeight 0.1 and beam/beamGap 8/6 3,565 at ×1.24–1.44, 6/6 3,662 at ×1.41, 6/5 (fast)
 * 3,812 at ×1.42–1.53, 5/5 3,963 at ×1.50, 6/4 4,201. Since accurate counts online too, errors
 * on the two halves of the test plans (153K words each): 12/8 (accurate) 3,127 / 3,614, 10/8
 * 3,148 / 3,642, 8/8 3,221 / 3,710, 6/5 (fast) 3,611 / 4,125; 10/7 3,182 on the first.
 */
export const SPEED_PARAMS: Record<RestoreSpeed, Partial<DecodeParams>> = {
  accurate: {},
  fast: { beam: 6, beamGap: 5 },
};

/** A reading of one word. */
export interface Candidate {
  /** Text as it will be printed (case applied). */
  text: string;
  /** LM id. */
  id: number;
  /** Channel cost −ln P(token | reading). */
  cost: number;
  /** True when this reading keeps the token exactly. */
  keep: boolean;
  /**
   * The text this reading is printed as when chosen in case context `printedIn` (see
   * printedCase; −1: none yet), and in the others (`printedElse`, by context), filled on use: a
   * reading belongs to one token, so its printed forms are its own. Most are printed in one
   * context only: that one is kept beside the reading, not in an array of its own.
   */
  printedIn: number;
  printedText: string;
  printedElse?: string[];
}

/** A reading (see Candidate); every reading is made here, so that all have one shape. */
function reading(text: string, id: number, cost: number, keep: boolean): Candidate {
  return { text, id, cost, keep, printedIn: -1, printedText: '', printedElse: undefined };
}

/** A reading of a lower-case token before case is applied (what the candidate table stores). */
export interface BaseCandidate {
  /** Syllable (canonical lower case) or abbreviation as written. */
  w: string;
  id: number;
  cost: number;
  isAbbr: boolean;
}

/**
 * The parameters candidate generation depends on, as a key: a precomputed table is used only by
 * decoders with the same values.
 *
 * @example
 * candidateParamsKey(DEFAULT_PARAMS) // '20|0.05|1|2|9|2'
 */
export function candidateParamsKey(p: DecodeParams): string {
  return [p.maxCandidates, p.cleanPrior, p.rankUnigram, p.rankUnigramCapitals, p.costGap, p.shortToken].join('|');
}

/** What the decoder decided for one word of a line. */
export interface WordDecision {
  /** Offsets into the restored line. */
  start: number;
  end: number;
  from: string;
  to: string;
  confidence: number;
  alternatives: { text: string; score: number }[];
}

const LN10 = Math.LN10;

const levA = new Int32Array(64);
const levB = new Int32Array(64);
function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > 60 || b.length > 60) return max + 1;
  let prev = levA;
  let cur = levB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const x = prev;
    prev = cur;
    cur = x;
  }
  return prev[b.length];
}

interface Entry {
  w: string;
  /** What the channel compares with: the syllable, or the abbreviation in lower case. */
  truth: string;
  id: number;
  isAbbr: boolean;
  /** Unigram log10 P, for ranking. */
  uni: number;
  /** Where `letters` of the SkeletonIndex holds the truth's letters (−1: it cannot; see Channel.appendLetters). */
  lettersAt: number;
}

/** What the candidate search knows of one skeleton: one look-up finds all of it. */
interface SkeletonEntry {
  /** Its syllables and abbreviations. */
  entries: Entry[];
  /** Best unigram log10 P among them (for the ranking bound). */
  maxUni: number;
  /** Where the SkeletonIndex's `letters` holds its letters (−1: it cannot). */
  lettersAt: number;
}

interface SkeletonIndex {
  skeletons: Map<string, SkeletonEntry>;
  /** The entries' truths and the skeletons as dense letter indices (see Channel.appendLetters). */
  letters: Int32Array;
  /** Skeleton letter → the letters it stands for in the entries' spellings. */
  groups: Map<string, string[]>;
}

const maxProbCache = new WeakMap<RestoreModel, Float64Array>();

/** Per word id, the largest LM probability it has in any context: 10^maxLogProb, once per model (not per reading of every new word). */
function maxProbs(model: RestoreModel): Float64Array {
  let out = maxProbCache.get(model);
  if (!out) {
    const maxLogProb = model.lm.maxLogProb;
    out = new Float64Array(maxLogProb.length);
    for (let id = 0; id < out.length; id++) out[id] = Math.exp(maxLogProb[id] * LN10);
    maxProbCache.set(model, out);
  }
  return out;
}

const entryCache = new WeakMap<RestoreModel, SkeletonIndex>();
function skeletonIndex(model: RestoreModel): SkeletonIndex {
  let idx = entryCache.get(model);
  if (idx) return idx;
  const skeletons = new Map<string, SkeletonEntry>();
  const letters: number[] = [];
  for (const [sk, words] of model.bySkeleton) {
    const lettersAt = model.channel.appendLetters(sk, letters);
    const entries = words.map((w) => {
      const isAbbr = model.abbreviations.has(w);
      const id = model.lm.id(w);
      const truth = isAbbr ? w.toLowerCase() : w;
      return { w, truth, id, isAbbr, uni: model.lm.unigram(id), lettersAt: model.channel.appendLetters(truth, letters) };
    });
    skeletons.set(sk, { entries, maxUni: Math.max(...entries.map((e) => e.uni)), lettersAt });
  }
  const groupSets = new Map<string, Set<string>>();
  for (const { entries: list } of skeletons.values()) {
    for (const e of list) {
      for (const ch of e.truth) {
        const x = charSkeleton(ch);
        let g = groupSets.get(x);
        if (!g) groupSets.set(x, (g = new Set()));
        g.add(ch);
      }
    }
  }
  const groups = new Map([...groupSets].map(([x, g]) => [x, [...g]]));
  idx = { skeletons, letters: Int32Array.from(letters), groups };
  entryCache.set(model, idx);
  return idx;
}

/**
 * Restores lines with one model and one parameter set; caches candidates per distinct token.
 *
 * @example
 * const d = new Decoder(loadModel());
 * d.decodeLine('Chién lwgc chuyén ddi sé').text // 'Chiến lược chuyển đổi số'
 */
export class Decoder {
  /** What this decoder learns per token and per reading list (see DecoderMemos). */
  private readonly memos: DecoderMemos;
  private readonly scratch = new BeamScratch();
  private readonly alive = new Alive();
  /** The document cache model of the document being decoded (empty between documents). */
  private readonly cache: DocumentCache;

  constructor(
    readonly model: RestoreModel,
    readonly params: DecodeParams = DEFAULT_PARAMS,
    options: { sharedCache?: boolean } = {},
  ) {
    // What it learns per word depends only on the model and the parameters (see DecoderMemos):
    // shared between decoders, since restoreText builds one per document.
    this.memos = options.sharedCache === false ? new DecoderMemos() : sharedMemos(model, params);
    this.cache = new DocumentCache(model.lm.vocab.length, params.cacheWeight);
    this.paramsKey = candidateParamsKey(params);
  }

  /** The candidate search's alignment rows (see AlignmentScratch), made at the first search. */
  private alignmentScratch?: AlignmentScratch;
  /** The candidate search's queue (see SkeletonQueue), made at the first search. */
  private skeletonQueue?: SkeletonQueue;

  /** {@link candidateParamsKey} of this decoder's parameters (asked per new token). */
  private readonly paramsKey: string;

  /** Candidate readings of a word token, best channel cost first. */
  candidates(token: string): Candidate[] {
    return this.known(token).cands;
  }

  /**
   * What this decoder knows of a word token, its candidates found on first sight (see TokenMemo).
   * `inCode`: the token is a piece of a document code (see isCodePiece), where abbreviations are
   * readings whatever its case.
   */
  private known(token: string, inCode = false): TokenMemo {
    // A code piece has its own memo: "/" is in no word token.
    const key = inCode ? `/${token}` : token;
    let memo = this.memos.tokens.get(key);
    if (!memo) this.memos.tokens.set(key, (memo = { cands: this.computeCandidates(token, inCode) }));
    return memo;
  }

  private computeCandidates(token: string, inCode = false): Candidate[] {
    const { model, params } = this;
    const lower = token.toLowerCase();
    const pattern = casePattern(token);
    const lowerCanon = modelForm(lower);
    const tokenIsAbbr = model.abbreviations.has(token);
    const keepId = this.keepId(token, lowerCanon);
    // A token that is already a syllable (or a known abbreviation) may simply be right.
    const valid = keepId !== UNK;
    if (valid && params.lockValid) return [reading(token, keepId, 0, true)];
    // A Roman numeral (section number) in capitals is a number, not a word.
    if (isRomanNumeral(token)) return [reading(token, NUM, 0, true)];
    const upperish = inCode || pattern === 'upper' || /[A-ZĐ]/.test(token.slice(1));
    // Without capitals inside, abbreviations are not candidates and the readings depend on the
    // lower-case token only: those come from the model's precomputed table when it has them.
    const caseFree = !upperish && !tokenIsAbbr;
    // In capitals ("BAN", "UBND"), the readings depend on the lower-case token only as well.
    const capitals = upperish && token === lower.toUpperCase();
    const base =
      (caseFree ? this.tableLookup(lower, false) : capitals ? this.tableLookup(lower, true) : undefined) ??
      this.baseCandidates(lower, token, upperish, valid);
    const best: Candidate[] = base.map(({ w, id, cost, isAbbr }) => {
      const text = isAbbr ? w : w === lowerCanon ? token : applyCase(w, pattern);
      return reading(text, id, cost, text === token);
    });
    if (!valid && !best.some((c) => c.keep)) best.push(reading(token, UNK, params.keepCost, true));
    if (valid && !best.some((c) => c.keep)) {
      best.push(reading(token, keepId, -Math.log(params.cleanPrior), true));
    }
    return best;
  }

  /**
   * The LM id of a token read as it stands: the syllable it spells (`lowerCanon`: its lower case
   * in canonical tone placement) or the abbreviation it is; UNK when it is neither.
   */
  keepId(token: string, lowerCanon = modelForm(token.toLowerCase())): number {
    const { model } = this;
    if (model.syllables.has(lowerCanon)) return model.lm.id(lowerCanon);
    return model.abbreviations.has(token) ? model.lm.id(token) : UNK;
  }

  private tableLookup(lower: string, capitals: boolean): BaseCandidate[] | undefined {
    const table = this.model.candidateTable;
    if (!table || table.paramsKey !== this.paramsKey) return undefined;
    return capitals ? table.getCapitals(lower) : table.get(lower);
  }

  /**
   * Readings of a token before case is applied: every syllable (or abbreviation, for tokens with
   * capitals inside) whose skeleton is within two edits of the token's rough skeleton, scored by
   * the channel, and the syllables the channel's pages saw written as this very token (see
   * learnTokenReadings), the best few by channel cost plus a little unigram prior. Depends on `token`
   * itself only through `upperish` and abbreviation identity.
   */
  baseCandidates(lower: string, token: string, upperish: boolean, valid: boolean): BaseCandidate[] {
    const { model, params } = this;
    const lowerCanon = modelForm(lower);
    const roughs = roughSkeletons(lower, model.channel.ocrToSkeleton, model.channel.letterAlternatives);
    const maxDist = roughs[0].length <= this.params.shortToken ? 1 : 2;
    const near = neighbourhood(model, roughs, maxDist, substringSkeletons(lower, model.channel));
    const scored: (BaseCandidate & { rank: number })[] = [];
    const { groups, letters } = skeletonIndex(model);
    const prepared = model.channel.prepare(lower, (this.alignmentScratch ??= new AlignmentScratch()));
    const notCleanCost = -Math.log(1 - params.cleanPrior);
    const R = (upperish ? params.rankUnigramCapitals : params.rankUnigram) * LN10;
    // Skeletons in order of a lower bound of their best rank; stop once the bound cannot beat the
    // current top-N (the same N best ranks as scoring every syllable, far fewer alignments; the
    // costGap filter's reference is the cheapest cost among the syllables scored).
    const ownSkeleton = skeleton(lowerCanon);
    // The unigram term first, a lower bound of the rank on its own (channel costs are ≥ 0): a
    // skeleton's alignment bound is computed only once that could reach the front of the queue.
    // Skeletons are still visited in exactly the order of their full bound (ties: discovery
    // order), so the candidates are the same. (Adding the cheapest alignment of any skeleton of
    // the length skipped more alignments but cost more time: it aligns every truth letter.) The
    // token's own skeleton comes first (it may hold the identity reading, whose mixture cost is
    // below the bound), then the others by unigram term: for R > 0 that is the neighbourhood's
    // order, commonest word first, kept with it instead of sorted per token.
    const ownSeq = near.skeletons.indexOf(ownSkeleton);
    const order = R > 0 ? near.byUnigram : unigramOrder(near.entries, R);
    // The skeletons whose bound is known, by it (see SkeletonQueue).
    const ready = (this.skeletonQueue ??= new SkeletonQueue());
    ready.clear();
    // Who the identity reading is, by LM id (entries are vocabulary words, one id each): UNK, no entry's.
    const canonId = model.lm.id(lowerCanon);
    const tokenId = model.lm.id(token);
    // −1: the own skeleton is still to come.
    let li = ownSeq >= 0 ? -1 : 0;
    let threshold = Infinity;
    let minScoredCost = Infinity;
    const top: number[] = [];
    let seen = 0;
    for (;;) {
      for (;;) {
        if (li >= 0 && li < order.length && order[li] === ownSeq) li++;
        if (li >= order.length) break;
        const seq = li < 0 ? ownSeq : order[li];
        const uniTerm = li < 0 ? -Infinity : -R * near.entries[seq].maxUni;
        if (ready.size > 0 && uniTerm > ready.topLb()) break;
        li++;
        const at = near.entries[seq].lettersAt;
        const b = uniTerm === -Infinity ? -Infinity : at >= 0 ? prepared.boundOf(letters, at, groups) : prepared.bound(near.skeletons[seq], groups);
        ready.push(b + uniTerm, seq, b);
      }
      if (ready.size === 0) break;
      const lb = ready.topLb();
      const b = ready.topB();
      const seq = ready.pop();
      if (lb > threshold) break;
      for (const e of near.entries[seq].entries) {
        const { w, isAbbr } = e;
        if (isAbbr && !upperish) continue;
        const identity = e.id === canonId || (isAbbr && e.id === tokenId);
        // An entry whose rank cannot beat the N best so far (its cost is at least b) is not
        // aligned; nor would it lower the cheapest cost (the costGap filter's reference) when b
        // is at least that. Exact: the same candidates, fewer alignments.
        if (!identity && top.length === params.maxCandidates && b - R * e.uni > threshold && b >= minScoredCost) continue;
        let cost = e.lettersAt >= 0 ? prepared.costOf(letters, e.lettersAt) : prepared.cost(e.truth);
        // Mixture channel: with probability cleanPrior the token is simply right as it stands.
        if (identity) cost = -Math.log(params.cleanPrior + (1 - params.cleanPrior) * Math.exp(-cost));
        else if (valid) cost += notCleanCost;
        if (!Number.isFinite(cost)) continue;
        if (cost < minScoredCost) minScoredCost = cost;
        scored.push({ w, id: e.id, cost, isAbbr, rank: cost - R * e.uni });
      }
      // Keep the N best ranks in a small sorted array; its last one is the bar to beat.
      for (; seen < scored.length; seen++) {
        const r = scored[seen].rank;
        if (top.length === params.maxCandidates && r >= top[top.length - 1]) continue;
        let i = top.length;
        while (i > 0 && top[i - 1] > r) i--;
        top.splice(i, 0, r);
        if (top.length > params.maxCandidates) top.pop();
      }
      if (top.length === params.maxCandidates) threshold = top[top.length - 1];
    }
    // Syllables the channel's pages saw written as this whole token, out of the letter channel's
    // reach ("trudge" for "trước"): readings too, at their whole-token cost.
    for (const [w, tokenCost] of model.channel.tokenReadings.get(lower) ?? []) {
      if (!model.syllables.has(w) || scored.some((c) => c.w === w)) continue;
      const id = model.lm.id(w);
      const cost = valid ? tokenCost + notCleanCost : tokenCost;
      if (cost < minScoredCost) minScoredCost = cost;
      scored.push({ w, id, cost, isAbbr: false, rank: cost - R * model.lm.unigram(id) });
    }
    // Rank by channel cost plus a little unigram prior, keep the best few (those within costGap
    // of the cheapest; filtered before the stable sort, which gives the same order, on fewer).
    return scored
      .filter((c) => c.cost <= minScoredCost + params.costGap)
      .sort((a, b) => a.rank - b.rank)
      .slice(0, params.maxCandidates)
      .map(({ w, id, cost, isAbbr }) => ({ w, id, cost, isAbbr }));
  }

  /**
   * The beam's view of a mid-sentence token's candidates with the capitalisation model's cost
   * added: −ln P(case of the token | word), learned from clean genre text (no change when off).
   * Asked for a token in capitals only on a line of ordinary case (not a heading); `alone`: no
   * word in capitals next to it (then it is an acronym, not part of a name in capitals). The
   * readings stay the token's own; only the view's costs change.
   */
  private withCase(token: string, memo: TokenMemo, alone: boolean): Readings {
    if (!alone) return (memo.cased ??= this.casedView(token, memo, false));
    // Only a token in capitals costs differently alone: the others share one view.
    return (memo.casedAlone ??= isInCapitals(token) ? this.casedView(token, memo, true) : this.withCase(token, memo, false));
  }

  private casedView(token: string, memo: TokenMemo, alone: boolean): Readings {
    const costs = this.caseCosts(token, memo.cands, alone);
    return costs ? this.newReadings(memo.cands, costs) : this.plainView(memo);
  }

  /**
   * The beam's view of a token's candidates as they are, kept with the token only (the list is
   * the token's own): a WeakMap entry as well, one per new word, was an ephemeron for the
   * young-generation collector to trace until promoted.
   */
  private plainView(memo: TokenMemo): Readings {
    return (memo.view ??= this.newReadings(memo.cands));
  }

  /**
   * The candidates' costs with the capitalisation model's added (see withCase); undefined when it
   * changes none. In a reused array (valid until the next call): newReadings copies them.
   */
  private caseCosts(token: string, cands: Candidate[], alone: boolean): Float64Array | undefined {
    const caps = this.model.capCost;
    const w = this.params.capWeight;
    if (!caps || w === 0 || cands.length < 2) return undefined;
    if (this.caseCostScratch.length < cands.length) this.caseCostScratch = new Float64Array(2 * cands.length);
    const costs = this.caseCostScratch;
    const pattern = casePattern(token);
    if (pattern === 'upper') {
      // Capitals in the middle of a sentence of ordinary case: clean text writes acronyms so ("vốn
      // FDI"), hardly ever a syllable ("số") unless in a name in capitals ("tỉnh LAI CHÂU"). Here
      // keeping an unknown token (UNK) moves against the words, unlike below: an acronym outside
      // the vocabulary is the likely reading.
      const upper = alone ? caps.upperAlone : caps.upper;
      cands.forEach((c, j) => (costs[j] = c.id >= FIRST_WORD || c.id === UNK ? c.cost + w * upper[c.id] : c.cost));
      return costs;
    }
    const table = pattern === 'title' ? caps.title : caps.lower;
    // Relative to the likeliest word: only the choice between words moves, not word vs kept token.
    let min = Infinity;
    for (const c of cands) if (c.id >= FIRST_WORD && table[c.id] < min) min = table[c.id];
    if (min === Infinity) return undefined;
    cands.forEach((c, j) => (costs[j] = c.id >= FIRST_WORD ? c.cost + w * (table[c.id] - min) : c.cost));
    return costs;
  }

  /**
   * Readings of a number token: the number itself, and for a short number that stands among
   * words (not "16/2023", "1.000", "16%", "3." or "(2)") the channel's word readings too, at the
   * prior `digitWordPrior`.
   */
  private numberReadings(line: string, t: Token): NumberMemo {
    const pw = this.params.digitWordPrior;
    if (pw <= 0 || !standsAmongWords(line, t)) {
      return { cands: [reading(t.text, NUM, 0, true)], view: this.loneNumberView() };
    }
    // One list per number, shared by its occurrences (as a word's candidates are).
    let memo = this.memos.numberWords.get(t.text);
    if (!memo) {
      const words = this.candidates(t.text)
        .filter((c) => !c.keep && c.id >= FIRST_WORD)
        .map((c) => reading(c.text, c.id, c.cost - Math.log(pw), c.keep));
      const asNumber = reading(t.text, NUM, words.length ? -Math.log(1 - pw) : 0, true);
      const cands = [asNumber, ...words];
      this.memos.numberWords.set(t.text, (memo = { cands, view: this.newReadings(cands) }));
    }
    return memo;
  }

  /**
   * Restores one line; never adds or removes line breaks, keeps every non-word byte.
   */
  decodeLine(line: string): { text: string; words: WordDecision[] } {
    return this.decodeLines([line])[0];
  }

  /**
   * Restores lines, letting a sentence run on from one line to the next (OCR wraps lines
   * mid-sentence: "trên địa bàn / tỉnh Lâm Đồng") while each line keeps its own text.
   * `tokenizedAsGiven`: the lines' tokens by tokenizeLine (with or without spaces), when the caller
   * has them already. A decision's `to` holds a space where OCR joined two words (see joinedPieces).
   */
  decodeLines(lines: string[], tokenizedAsGiven: Token[][] = lines.map((l) => tokenizeLine(l, false))): { text: string; words: WordDecision[] }[] {
    // Only a line with an apostrophe can hold two words OCR joined (see joinedPieces).
    const tokenized = tokenizedAsGiven.map((tokens, li) => (lines[li].includes("'") || lines[li].includes('’') ? this.splitJoined(tokens) : tokens));
    interface Slot {
      line: number;
      /** The token's index among its line's tokens. */
      at: number;
      token: Token;
      cands: Candidate[];
      /** The beam's view of them (with the capitalisation model's costs in mid-sentence). */
      view: Readings;
      /** Where the word stands, for the case it is printed in (words and numbers read as words). */
      context?: CaseContext;
    }
    const segments: Slot[][] = [[]];
    let prevToken: Token | undefined;
    const endsAtComma = (seg: Slot[]) => seg.length > 0 && seg[seg.length - 1].cands[0].id === COMMA;
    const cut = () => {
      const seg = segments[segments.length - 1];
      // A sentence ends at a word, as the LM learned it (see textToSentences).
      while (endsAtComma(seg)) seg.pop();
      if (seg.length) segments.push([]);
      prevToken = undefined;
    };
    // A numeral or label read by rule: one reading, outside the LM's words (a number to it).
    const ruled = (li: number, at: number, t: Token, text: string) => {
      const cands = [reading(text, NUM, 0, text === t.text)];
      segments[segments.length - 1].push({ line: li, at, token: t, cands, view: this.loneNumberView() });
    };
    // The letter of the last line-start label: the one after "d)" is "đ)", which OCR reads "d)".
    let lastLabel: string | undefined;
    // The numeral of the last heading numbered in Roman numerals (see romanAt).
    let lastRoman: string | undefined;
    tokenized.forEach((tokens, li) => {
      if (!tokens.some((t) => t.kind === 'word' || t.kind === 'number')) cut(); // blank line: paragraph break
      const roman = romanAt(lines[li], tokens, lastRoman);
      if (roman) lastRoman = roman.text;
      const runningText = isRunningText(lines[li]);
      const label = roman ? undefined : labelAt(lines[li], tokens);
      // The line's words and numbers as OCR wrote them: each word's case context.
      const contextAt = lineCaseContexts(tokens.filter((t) => t.kind === 'word' || t.kind === 'number').map((t) => t.text));
      let wordIndex = -1;
      for (let at = 0; at < tokens.length; at++) {
        const t = tokens[at];
        if (t.kind === 'word' || t.kind === 'number') wordIndex++;
        const seg = segments[segments.length - 1];
        // Case is evidence only in mid-sentence ("giao Sở", "tổng số"), not at a sentence start.
        const midSentence = t.kind !== 'space' && continuesSentence(prevToken);
        const quarter = t.kind === 'space' ? undefined : quarterNumeral(prevToken, t);
        if (t.kind !== 'space') prevToken = t;
        if (t === roman?.token) ruled(li, at, t, roman.text);
        else if (quarter) ruled(li, at, t, quarter);
        else if (t.kind === 'word' && isOtherScript(t.text)) cut();
        else if (t === label) ruled(li, at, t, (lastLabel = nextLabel(lastLabel, this.labelLetter(t.text))));
        else if (isLetterMark(lines[li], t)) ruled(li, at, t, this.labelLetter(t.text));
        else if (t.kind === 'word') {
          const memo = this.known(t.text, isCodePiece(lines[li], t));
          const caseEvidence = midSentence && seg.length > 0 && (runningText || casePattern(t.text) !== 'upper');
          const context = contextAt(wordIndex, !midSentence);
          const view = caseEvidence ? this.withCase(t.text, memo, !hasCapitalsNext(context)) : this.plainView(memo);
          seg.push({ line: li, at, token: t, cands: memo.cands, view, context });
        } else if (t.kind === 'number') {
          const { cands, view } = this.numberReadings(lines[li], t);
          seg.push({ line: li, at, token: t, cands, view, context: contextAt(wordIndex, !midSentence) });
        } else if (t.text === ',') {
          // A comma inside a sentence: not at its start, and one for a run of them.
          if (seg.length && !endsAtComma(seg)) seg.push({ line: li, at, token: t, cands: [reading(',', COMMA, 0, true)], view: this.commaView() });
        } else if (t.boundary) cut();
      }
      // A heading or list line in capitals ends its sentence.
      if (isInCapitalsLine(lines[li])) cut();
    });
    cut();
    // Per line, per token, what the decoder decided; offsets are set when the text is built.
    const decided = tokenized.map((tokens) => new Array<WordDecision | undefined>(tokens.length));
    // Per sentence, the beam's view of each position's candidates.
    const slotsOf = segments.filter((seg) => seg.length).map((seg) => ({ seg, readings: seg.map((s) => s.view) }));
    this.cache.clear();
    const counting = this.params.cacheWeight > 0;
    const alive = this.alive;
    try {
      for (const { seg, readings } of slotsOf) {
        // The cache model: the words of the sentences before this one (none yet: no cache model).
        const cache = counting && this.cache.total > 0 ? this.cache : undefined;
        const choice = this.beamSearch(readings, cache, alive);
        const ids = choice.map((c, i) => readings[i].int[ID * readings[i].size + c]);
        for (let i = 0; i < seg.length; i++) {
          const { line, at, token, cands, context } = seg[i];
          if (token.kind !== 'word' && cands.length === 1 && cands[0].keep) continue;
          const chosen = cands[choice[i]];
          const post = this.posterior(readings[i], ids, i, alive, cache);
          const alternatives = topAlternatives(cands, post, choice[i]);
          const to = context === undefined ? chosen.text : this.printedCase(token.text, chosen, context);
          if (to !== chosen.text) for (const a of alternatives) a.text = this.inCase(a.text, casePattern(to));
          decided[line][at] = { start: 0, end: 0, from: token.text, to, confidence: post[choice[i]], alternatives };
        }
        if (counting) this.cache.count(ids);
      }
    } finally {
      // The counts belong to this document only (also when decoding failed half-way).
      this.cache.clear();
    }
    // Each line is its own text with the decided tokens' readings in their place (the tokens
    // need not cover it: spaces may have none).
    return tokenized.map((tokens, li) => {
      const line = lines[li];
      let text = '';
      let copied = 0;
      const words: WordDecision[] = [];
      for (let at = 0; at < tokens.length; at++) {
        const r = decided[li][at];
        if (!r) continue;
        const t = tokens[at];
        const first = t.joined ? decided[li][at - 1] : undefined;
        if (first) {
          // The second of two words OCR joined: one decision for the token OCR wrote, the mark
          // between them printed as the space it stood for.
          text += ' ' + r.to;
          joinDecisions(first, r, line.slice(copied, t.start), text.length);
          copied = t.start + t.text.length;
          continue;
        }
        if (t.start > copied) text += line.slice(copied, t.start);
        r.start = text.length;
        r.end = text.length + r.to.length;
        words.push(r);
        text += r.to;
        copied = t.start + t.text.length;
      }
      return { text: words.length ? text + line.slice(copied) : line, words };
    });
  }

  /** A line's tokens with each token that is two words OCR joined (see joinedPieces) as those two. */
  private splitJoined(tokens: Token[]): Token[] {
    let out: Token[] | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const pieces = tokens[i].kind === 'word' ? this.joinedPieces(tokens[i]) : undefined;
      if (pieces) (out ??= tokens.slice(0, i)).push(...pieces);
      else out?.push(tokens[i]);
    }
    return out ?? tokens;
  }

  /**
   * The two words of a token OCR made of two, or undefined. The English model reads the horn of
   * "ở" before "Y" as an apostrophe and loses the space: "Sở Y tế" comes out "S&'Y té" or "SG'Y
   * té" (33 of the 172 "Sở Y" of the bench's synthetic OCR pages). A token is two words when an
   * apostrophe parts a capitalised piece of two characters or more that is no word as it stands
   * ("S&", "SG": the letter before the lost space garbled) from a capitalised syllable as it
   * stands ("Y"), and the two read as words for less than the whole token does (JOIN_COST added).
   * Tesseract's legacy engine writes a mark as an apostrophe inside a word, after a plain vowel
   * ("CU'A", "THU'C", "nha't"): the piece before it is a syllable itself ("CU") or the piece after
   * it none ("C"). Names keep theirs ("H'Drai", "K'Ho": one letter before it).
   */
  private joinedPieces(t: Token): [Token, Token] | undefined {
    const m = JOINED_WORDS.exec(t.text);
    if (!m) return undefined;
    const [, left, right] = m;
    if (this.keepId(left) !== UNK || !this.model.syllables.has(modelForm(right.toLowerCase()))) return undefined;
    if (cheapestReading(this.known(left).cands) + cheapestReading(this.known(right).cands) + JOIN_COST >= cheapestReading(this.known(t.text).cands)) return undefined;
    return [
      { text: left, start: t.start, kind: 'word' },
      { text: right, start: t.start + left.length + 1, kind: 'word', joined: true },
    ];
  }

  /**
   * The letter a one-character list label or mark stands for: itself, or for an OCR character that
   * is no letter ("¢)" for "c)"), the label letter the channel has seen written so; else itself.
   */
  private labelLetter(mark: string): string {
    if (/\p{L}/u.test(mark)) return mark;
    let letter = this.memos.labelLetters.get(mark);
    if (letter === undefined) this.memos.labelLetters.set(mark, (letter = this.model.channel.seenWriter(mark, LABEL_LETTERS) ?? mark));
    return letter;
  }

  /**
   * The text a chosen reading is printed as: a syllable the token did not spell as it stands is
   * put in the case the case model chooses (see case.ts), not in the token's own pattern.
   */
  private printedCase(token: string, chosen: Candidate, context: CaseContext): string {
    const chooser = this.model.caseChooser;
    if (!chooser || chosen.keep || chosen.id < FIRST_WORD) return chosen.text;
    // Per reading (a reading belongs to one token) and context: a document's words recur.
    if (chosen.printedIn === context) return chosen.printedText;
    if (chosen.printedIn === -1) {
      chosen.printedIn = context;
      return (chosen.printedText = this.printIn(chooser, token, chosen, context));
    }
    return ((chosen.printedElse ??= new Array<string>(CASE_CONTEXTS))[context] ??= this.printIn(chooser, token, chosen, context));
  }

  private printIn(chooser: CaseChooser, token: string, chosen: Candidate, context: CaseContext): string {
    // The reading's syllable as the LM spells it (its text is that syllable in the token's case).
    const word = this.model.lm.vocab[chosen.id];
    if (this.model.abbreviations.has(word)) return chosen.text;
    return applyCase(word, chooser.choose(token, word, chosen.id, context));
  }

  /** A syllable reading in case `pattern`; other readings (abbreviations, kept tokens) as they are. */
  private inCase(text: string, pattern: CasePattern): string {
    const word = text.toLowerCase();
    return this.model.syllables.has(word) ? applyCase(word, pattern) : text;
  }

  /**
   * The beam's view of a number's or label's one reading (its list is made afresh per occurrence:
   * the reading's text is the token's): it looks the same to the beam for all of them.
   */
  private loneNumberView(): Readings {
    return (this.memos.numberView ??= this.newReadings([reading('0', NUM, 0, true)]));
  }

  /** The view of a comma's one reading. */
  private commaView(): Readings {
    return (this.memos.commaView ??= this.newReadings([reading(',', COMMA, 0, true)]));
  }

  /** A new view of `cands`, with `costs` instead of theirs when given (see withCase). */
  private newReadings(cands: Candidate[], costs?: Float64Array): Readings {
    const C = cands.length;
    if (C > this.memos.widest) this.memos.widest = C;
    const maxProb = maxProbs(this.model);
    // One buffer, its doubles then its ints (see Readings).
    const buffer = new ArrayBuffer(C * (DOUBLE_BLOCKS * 8 + INT_BLOCKS * 4));
    const r: Readings = {
      size: C,
      num: new Float64Array(buffer, 0, DOUBLE_BLOCKS * C),
      int: new Int32Array(buffer, DOUBLE_BLOCKS * C * 8, INT_BLOCKS * C),
      docVersion: -1,
    };
    const { num, int } = r;
    for (let c = 0; c < C; c++) {
      const id = cands[c].id;
      int[ID * C + c] = id;
      const cost = (num[COST * C + c] = costs ? costs[c] : cands[c].cost);
      const costFactor = (num[COST_FACTOR * C + c] = Math.exp(cost / this.params.lmWeight));
      const pMax = (num[P_MAX * C + c] = maxProb[id]);
      // The first reading with the same LM id (the same state): this one at the latest.
      let first = 0;
      while (int[ID * C + first] !== id) first++;
      int[FIRST * C + c] = first;
      num[BOUND * C + c] = pMax / costFactor;
    }
    sortByBound(r, BOUND, ORDER);
    return r;
  }

  /**
   * Fills the view's DOC_WEIGHT, DOC_BOUND and DOC_ORDER blocks for the cache's version (see
   * Readings): per document, and after every sentence when counting online. The sort starts from
   * the order without the cache, which most readings keep (a word the document has not chosen is
   * only scaled by 1 − mu).
   */
  private documentBounds(r: Readings, cache: DocumentCache): void {
    const keep = 1 - this.params.cacheWeight;
    const { size: C, num, int } = r;
    for (let c = 0; c < C; c++) {
      const weight = (num[DOC_WEIGHT * C + c] = cache.weight(int[ID * C + c]));
      num[DOC_BOUND * C + c] = (keep * num[P_MAX * C + c] + weight) / num[COST_FACTOR * C + c];
    }
    sortByBound(r, DOC_BOUND, DOC_ORDER, ORDER);
    r.docVersion = cache.version;
  }

  /**
   * Best path through the slots' readings, as reading indices. `alive` receives per position the
   * readings still held by some hypothesis there (the rest fell more than beamGap behind).
   * `cache`, when given, is the document cache model (see cacheWeight).
   */
  private beamSearch(slots: Readings[], cache: DocumentCache | undefined, alive: Alive): number[] {
    const mu = cache ? this.params.cacheWeight : 0;
    const { lm } = this.model;
    const filter = lm.pairFilter;
    const { words: filterWords, region: filterRegion, unigram0, unigram1 } = filter;
    const { lmWeight, beam: B, beamGap: gap } = this.params;
    const n = slots.length;
    // The most readings a position can have: not found by a pass over the slots, which read each
    // view before the beam did (a cache miss each, a twentieth of the beam's own time).
    const maxC = this.memos.widest;
    // Hypotheses live in typed arrays, one block of B per position (no objects, no Map), reused
    // between calls: the beam is the hot loop of restoration. back[p*B + k] = index of the
    // predecessor in block p−1.
    const scratch = this.scratch;
    const { hypotheses, back, candAt, nextScore, nextFrom, nextOrder, vList, hypV, top, topScore, pairs, pairStamp, ctx } = scratch.reserve(n, B, maxC);
    alive.reset(n, maxC);
    const logKeep = mu > 0 ? Math.log(1 - mu) : 0;
    // The hypotheses at this position and the next one's (swapped after each position).
    let cur = hypotheses[0];
    let nxt = hypotheses[1];
    let size = 1;
    lm.context(BOS, BOS, ctx, 0);
    setHypothesis(cur, 0, BOS, BOS, 0, ctx);
    for (let p = 0; p < n; p++) {
      const r = slots[p];
      // The view's numbers by block (see Readings): ID and COST are the first (cid[c], cNum[c]).
      const { size: C, num: cNum, int: cid } = r;
      const factorAt = COST_FACTOR * C;
      const firstAt = FIRST * C;
      const { u: curU, v: curV, s: curS, beta0: curB0, beta1: curB1, tri: curT } = cur;
      // The best score each reading could add to any hypothesis (its channel cost and the largest
      // LM probability it has in any context, with the cache model mixed in), and the readings in
      // that order: per word, and per word and document.
      if (cache && r.docVersion !== cache.version) this.documentBounds(r, cache);
      const boundAt = (cache ? DOC_BOUND : BOUND) * C;
      const weightAt = DOC_WEIGHT * C;
      const orderAt = (cache ? DOC_ORDER : ORDER) * C;
      let nv = 0;
      for (let k = 0; k < size; k++) {
        const v = curV[k];
        let j = 0;
        while (j < nv && vList[j] !== v) j++;
        if (j === nv) vList[nv++] = v;
        hypV[k] = j;
      }
      nextScore.fill(-Infinity, 0, nv * C);
      // Per (distinct v, reading): the LM's (v, w) part, looked up on first use at this position.
      const stamp = scratch.nextStamp();
      let cells = 0;
      // A cell more than beamGap behind the best cell so far is dropped. It is, when its LM
      // probability P (cache model mixed in) is below floor × its costFactor (see beamFloor):
      // testing that before taking the log saves the log for most cells (four in five are
      // dropped). And a reading whose bound (its largest P in any context over costFactor) is below
      // floor cannot reach it in any context: its LM call is skipped. Hypotheses come best first and
      // readings by bound, so the first hopeless reading ends the row, and a hopeless best reading
      // ends the search.
      let bestSoFar = -Infinity;
      for (let k = 0; k < size; k++) {
        const hs = curS[k];
        // Recomputed when bestSoFar rises.
        let floorFor = bestSoFar;
        let floor = beamFloor(bestSoFar, gap, hs, lmWeight);
        if (cNum[boundAt + cid[orderAt]] < floor) break;
        const hu = curU[k];
        const hv = curV[k];
        const row = hypV[k] * C;
        const beta0 = curB0[k];
        const beta1 = curB1[k];
        const mayHaveTrigram = curT[k] === 1;
        const filterStart = filterRegion[hv];
        const filterMask = filterRegion[hv + 1] - filterStart - 1;
        const backoff0 = filter.backoff0[hv];
        const backoff1 = filter.backoff1[hv];
        for (let q = 0; q < C; q++) {
          const c = cid[orderAt + q];
          if (floorFor !== bestSoFar) {
            floorFor = bestSoFar;
            floor = beamFloor(bestSoFar, gap, hs, lmWeight);
          }
          if (cNum[boundAt + c] < floor) break;
          const w = cid[c];
          const pc = row + c;
          const po = pc * PAIR_NUMBERS;
          const cw = cache ? cNum[weightAt + c] : 0;
          // The LM's (v, w) part (see Lm.pair): a pair neither model stores scored here (two in
          // three), the others looked up on first use at this position.
          let a0: number;
          let a1: number;
          let triBound = 0;
          if (!filterHolds(filterWords, filterStart, filterMask, pairFilterHash(hv, w))) {
            a0 = backoff0 * unigram0[w];
            a1 = backoff1 * unigram1[w];
          } else {
            if (pairStamp[pc] !== stamp) {
              lm.pair(hv, w, pairs, po);
              pairStamp[pc] = stamp;
            }
            a0 = pairs[po];
            a1 = pairs[po + 1];
            triBound = pairs[po + 2];
          }
          // P(w | hu hv) by the back-off mixture, with the cache model mixed in; a stored trigram,
          // when the context may have one and (·, v, w) has one, replaces it.
          const prob = beta0 * a0 + beta1 * a1;
          const backOff = (1 - mu) * prob + cw;
          const mayBeTrigram = mayHaveTrigram && triBound > 0;
          // With the trigram's bound (cache model mixed in) when there may be one: a cell that
          // could not reach the floor even with it is dropped before the trigram is looked up.
          if ((mayBeTrigram ? Math.max(backOff, (1 - mu) * triBound + cw) : backOff) < floor * cNum[factorAt + c]) continue;
          // Natural log from here (Math.exp/log are much cheaper than 10 ** x and log10).
          let lp = cw > 0 ? Math.log(backOff) : Math.log(prob) + logKeep;
          if (mayBeTrigram) {
            const tri = lm.trigramLn(hu, hv, w);
            if (tri === tri) lp = withCacheModel(tri, cw, mu, logKeep);
          }
          const s = hs - cNum[c] + lmWeight * lp;
          if (s < bestSoFar - gap) continue; // dropped at the end of the position anyway
          if (s > bestSoFar) bestSoFar = s;
          const cell = row + cid[firstAt + c];
          const old = nextScore[cell];
          const from = k * maxC + c;
          if (old === -Infinity) nextOrder[cells++] = cell;
          // Ties keep the earlier hypothesis, then the earlier reading (readings are visited out of order).
          if (old === -Infinity || old < s || (old === s && from < nextFrom[cell])) {
            nextScore[cell] = s;
            nextFrom[cell] = from;
          }
        }
      }
      // The B best cells, best first; equal scores keep insertion order (as a stable sort would).
      let t = 0;
      for (let q = 0; q < cells; q++) {
        const cell = nextOrder[q];
        const sc = nextScore[cell];
        if (t === B && sc <= topScore[t - 1]) continue;
        let i = t < B ? t++ : B - 1;
        while (i > 0 && topScore[i - 1] < sc) {
          topScore[i] = topScore[i - 1];
          top[i] = top[i - 1];
          i--;
        }
        topScore[i] = sc;
        top[i] = cell;
      }
      const floor = topScore[0] - gap;
      while (t > 1 && topScore[t - 1] < floor) t--;
      for (let i = 0; i < t; i++) {
        const from = nextFrom[top[i]];
        const k = (from / maxC) | 0;
        const c = from - k * maxC;
        // The new context (v, w) is the pair the cell scored: Lm.pair gave its back-off weights too,
        // and a pair neither model stores (not looked up) is no context.
        const pc = hypV[k] * C + c;
        if (pairStamp[pc] === stamp) contextFromBackoffs(pairs[pc * PAIR_NUMBERS + 3], pairs[pc * PAIR_NUMBERS + 4], ctx, 0);
        else contextFromBackoffs(NaN, NaN, ctx, 0);
        setHypothesis(nxt, i, curV[k], cid[c], topScore[i], ctx);
        back[p * B + i] = k;
        candAt[p * B + i] = c;
        alive.mark(p, c);
      }
      size = t;
      const done = cur;
      cur = nxt;
      nxt = done;
    }
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < size; k++) {
      const s = cur.s[k] + lmWeight * LN10 * lm.logProb(cur.u[k], cur.v[k], EOS);
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    const out = new Array<number>(n);
    for (let p = n - 1, k = best; p >= 0; p--) {
      out[p] = candAt[p * B + k];
      k = back[p * B + k];
    }
    return out;
  }

  /**
   * Local posterior over a word's candidates with its neighbours fixed to the best path, among
   * the candidates the beam still held at that position: one it dropped was already more than
   * beamGap behind on the left context, so its weight is negligible, and skipping it saves three
   * LM look-ups per candidate (most of a word's candidates). With the document cache model mixed in
   * as the beam mixed it (else the confidence would doubt a choice the cache made: "thông"
   * chosen for a document full of it, at 0.07 against "thống"). From the beam's view of the
   * candidates (their LM ids, and their costs as the beam weighed them). Written into a reused
   * array (valid until the next call): this runs for every word.
   */
  private posterior(view: Readings, ids: number[], i: number, alive: Alive, cache?: DocumentCache): Float64Array {
    const C = view.size;
    if (this.post.length < C) this.post = new Float64Array(Math.max(C, 2 * this.post.length));
    const post = this.post;
    // One candidate alive (or only one at all): it has all the weight, no need to ask the LM.
    let only = -1;
    for (let j = 0; j < C; j++) {
      if (!alive.has(i, j)) continue;
      only = only === -1 ? j : -2;
    }
    if (C === 1) only = 0;
    if (only >= 0) {
      post.fill(0, 0, C);
      post[only] = 1;
      return post;
    }
    const { lm } = this.model;
    const W = this.params.lmWeight;
    const T = this.params.temperature;
    const mu = cache ? this.params.cacheWeight : 0;
    const logKeep = mu > 0 ? Math.log(1 - mu) : 0;
    // The neighbours on the best path, sentence start and end beyond it (no closure: this runs per word).
    const n = ids.length;
    const u = i >= 2 ? ids[i - 2] : BOS;
    const v = i >= 1 ? ids[i - 1] : BOS;
    const x = i + 1 < n ? ids[i + 1] : EOS;
    const y = i + 2 < n ? ids[i + 2] : EOS;
    const hasNext = i + 1 <= n;
    const hasNext2 = i + 2 <= n;
    // The three terms by the beam's decomposition (see Lm.pair): the context (u, v) and the pair
    // (x, y) are the same for every candidate, and the pairs a candidate looks up, (v, c) and
    // (c, x), hold the contexts of its next two terms.
    const q = this.postParts;
    lm.context(u, v, q, POST_UV);
    if (hasNext2) lm.pair(x, y, q, POST_XY);
    let max = -Infinity;
    for (let j = 0; j < C; j++) {
      if (!alive.has(i, j)) {
        post[j] = -Infinity;
        continue;
      }
      const id = view.int[ID * C + j];
      lm.pair(v, id, q, POST_VC);
      let s = -view.num[COST * C + j] + W * this.lnGiven(q, POST_UV, u, v, id, q, POST_VC, cache, mu, logKeep);
      if (hasNext) {
        contextFromBackoffs(q[POST_VC + 3], q[POST_VC + 4], q, POST_VC_CONTEXT);
        lm.pair(id, x, q, POST_CX);
        s += W * this.lnGiven(q, POST_VC_CONTEXT, v, id, x, q, POST_CX, cache, mu, logKeep);
        if (hasNext2) {
          contextFromBackoffs(q[POST_CX + 3], q[POST_CX + 4], q, POST_CX_CONTEXT);
          s += W * this.lnGiven(q, POST_CX_CONTEXT, id, x, y, q, POST_XY, cache, mu, logKeep);
        }
      }
      post[j] = s / T;
      if (post[j] > max) max = post[j];
    }
    let sum = 0;
    for (let j = 0; j < C; j++) sum += post[j] = Math.exp(post[j] - max);
    for (let j = 0; j < C; j++) post[j] /= sum;
    return post;
  }

  private post = new Float64Array(32);
  /** caseCosts's array. */
  private caseCostScratch = new Float64Array(32);
  /** Scratch for posterior: contexts' and pairs' numbers (Lm.context, Lm.pair), at the POST_ offsets. */
  private readonly postParts = new Float64Array(POST_CX_CONTEXT + 3);

  /**
   * ln P(w | u v) (with the cache model when there is one, as the beam scores it) from the
   * context's numbers at ctx[co] and the pair (v, w)'s at pair[po]: the stored trigram's when
   * there is one, else the back-off mixture: LN10·Lm.logProb(u, v, w) (to the bit for the mixed
   * model, which computes it with the same backoffLog10).
   */
  private lnGiven(ctx: Float64Array, co: number, u: number, v: number, w: number, pair: Float64Array, po: number, cache: DocumentCache | undefined, mu: number, logKeep: number): number {
    let ln = NaN;
    if (ctx[co + 2] === 1 && pair[po + 2] > 0) ln = this.model.lm.trigramLn(u, v, w);
    if (ln !== ln) ln = LN10 * backoffLog10(ctx, co, pair, po);
    return cache ? withCacheModel(ln, cache.weight(w), mu, logKeep) : ln;
  }
}

/** The least posterior that rounds to a score above 0 at 3 decimals. */
const MIN_ALTERNATIVE = 0.0005;

/** Two capitalised pieces parted by an apostrophe, the first of two characters or more (see joinedPieces). */
const JOINED_WORDS = /^(\p{Lu}[^'’]+)['’](\p{Lu}[^'’]*)$/u;

/**
 * What reading a token as two words costs beyond the two words' readings (nats; see joinedPieces).
 * The English model's joined words read as two for about 10 nats less than as one ("S&'Y": Sở 1.4
 * and Y 0 against SUY 12.0); the legacy engine's "XL'I" for xử (ử as "L'I") for under 7, which
 * the first bench run with 4 split into "Xử I" twice. The bench's test pages split the same at 7 to 10.
 */
const JOIN_COST = 8;

/** The lowest channel cost of a reading other than keeping a token that is no word. */
function cheapestReading(cands: Candidate[]): number {
  let min = Infinity;
  for (const c of cands) if (!(c.keep && c.id === UNK) && c.cost < min) min = c.cost;
  return min;
}

/**
 * Makes `first`, the decision on the first of two words OCR joined (see joinedPieces), the
 * decision on the token OCR wrote: from it (with the mark between the two) to both readings, at
 * the lower of their confidences, its alternatives followed by the second word's reading.
 */
function joinDecisions(first: WordDecision, second: WordDecision, mark: string, end: number): void {
  first.from += mark + second.from;
  first.to += ' ' + second.to;
  first.end = end;
  first.confidence = Math.min(first.confidence, second.confidence);
  for (const a of first.alternatives) a.text += ' ' + second.to;
}

/**
 * The three likeliest candidates other than the chosen one, with their posterior (3 decimals);
 * only those whose posterior shows at 3 decimals, so fewer or none.
 */
function topAlternatives(cands: Candidate[], post: Float64Array, chosen: number): { text: string; score: number }[] {
  // Insertion into a list of three (ties keep candidate order, as a stable sort would): this
  // runs for every word.
  let b0 = -1;
  let b1 = -1;
  let b2 = -1;
  for (let j = 0; j < cands.length; j++) {
    const p = post[j];
    // A reading the beam dropped gets posterior 0, and one below half a thousandth prints as 0:
    // listed at 0, either one read as "also possible" (the report's words), which it is not.
    if (j === chosen || p < MIN_ALTERNATIVE) continue;
    if (b0 < 0 || post[b0] < p) {
      b2 = b1;
      b1 = b0;
      b0 = j;
    } else if (b1 < 0 || post[b1] < p) {
      b2 = b1;
      b1 = j;
    } else if (b2 < 0 || post[b2] < p) b2 = j;
  }
  const out: { text: string; score: number }[] = [];
  // In a loop, not a helper closure: under tsx (the CLI's loader), a named closure is re-named
  // with Object.defineProperty each time it is made, 4% of decoding when made per word.
  for (const j of [b0, b1, b2]) if (j >= 0) out.push({ text: cands[j].text, score: Math.round(post[j] * 1000) / 1000 });
  return out;
}

/**
 * Which candidates some hypothesis still held, per position of a beam search: a flag per
 * (position, candidate) in one reused array.
 */
class Alive {
  private flags = new Uint8Array(0);
  private stride = 1;

  reset(n: number, maxC: number): void {
    if (this.flags.length < n * maxC) this.flags = new Uint8Array(Math.max(n * maxC, 2 * this.flags.length));
    else this.flags.fill(0, 0, n * maxC);
    this.stride = maxC;
  }

  mark(p: number, c: number): void {
    this.flags[p * this.stride + c] = 1;
  }

  has(p: number, c: number): boolean {
    return this.flags[p * this.stride + c] === 1;
  }
}

/**
 * A word's readings as the beam search reads them: per reading, numbers in blocks of `size`, the
 * doubles in `num` and the ints in `int`, two arrays on one buffer (the beam reads them all at
 * each position). A view is made per new word and lives as long as the word's memo: an array per
 * number was ten objects to allocate and for the young-generation collector to copy.
 */
interface Readings {
  /** How many readings. */
  size: number;
  /** Blocks COST, COST_FACTOR, P_MAX, BOUND, DOC_BOUND, DOC_WEIGHT (see there). */
  num: Float64Array;
  /** Blocks ID, FIRST, ORDER, DOC_ORDER (see there). */
  int: Int32Array;
  /**
   * The DocumentCache version the DOC_ blocks are for. Versions are unique across caches, so the
   * decoders sharing memos (see DecoderMemos) can share views.
   */
  docVersion: number;
}

// Blocks of Readings.num.
/** Channel cost per reading (the first block: num[c]). */
const COST = 0;
/** Per reading, exp(cost / lmWeight): the beam's floor on its LM probability is a multiple of it. */
const COST_FACTOR = 1;
/** Per reading, the largest LM probability it has in any context. */
const P_MAX = 2;
/**
 * Per reading, pMax / costFactor: the most it can add to a hypothesis's score is lmWeight × ln
 * of this. The beam compares it with its floor (see beamSearch) and needs no logarithm.
 */
const BOUND = 3;
/** BOUND with the cache model mixed in, as it stood at version docVersion. */
const DOC_BOUND = 4;
/** Per reading, its word's cache weight at that version. */
const DOC_WEIGHT = 5;
const DOUBLE_BLOCKS = 6;
// Blocks of Readings.int.
/** LM id per reading (the first block: int[c]). */
const ID = 0;
/** Per reading, the first reading with the same LM id: they lead to the same state. */
const FIRST = 1;
/** Readings by BOUND, best first. */
const ORDER = 2;
/** Readings by DOC_BOUND, best first. */
const DOC_ORDER = 3;
const INT_BLOCKS = 4;

/**
 * Words the cache model counts as if already seen before a document's own: a word's weight is
 * cacheWeight × count / (total + this), so the few words of a short input or of a document's
 * first sentences, where one choice would be a tenth of the cache ("biên giới tính An Giang" for
 * "tỉnh"), steer little, and a plan of a thousand words as without them (bench test set, 307K
 * words: 7,572 → 7,574 errors, when the words were counted in a first pass).
 */
export const CACHE_PRIOR_WORDS = 50;

/**
 * The document cache model: how often each word was chosen in the sentences of the document
 * decoded so far. A word's weight is cacheWeight × its share of the words counted (see
 * CACHE_PRIOR_WORDS), computed from its count when asked.
 */
class DocumentCache {
  private static nextVersion = 0;
  private readonly counts: Float64Array;
  total = 0;
  /**
   * Changes with every change of the weights (a reading's document bounds belong to one version):
   * unique across caches, since decoders share readings (see DecoderMemos).
   */
  version = DocumentCache.nextVersion++;
  private touched: number[] = [];

  constructor(
    vocabSize: number,
    private readonly mu: number,
  ) {
    this.counts = new Float64Array(vocabSize);
  }

  weight(id: number): number {
    return (this.mu * this.counts[id]) / (this.total + CACHE_PRIOR_WORDS);
  }

  /** Counts a sentence's chosen words (ids of numbers and unknown tokens are not words). */
  count(ids: number[]): void {
    for (const id of ids) {
      if (id < FIRST_WORD) continue;
      if (this.counts[id] === 0) this.touched.push(id);
      this.counts[id]++;
      this.total++;
    }
    this.version = DocumentCache.nextVersion++;
  }

  clear(): void {
    for (const id of this.touched) this.counts[id] = 0;
    this.touched = [];
    this.total = 0;
    this.version = DocumentCache.nextVersion++;
  }
}

/**
 * A natural-log LM probability with the document cache model mixed in: (1 − mu)·P + cw for a word
 * with cache weight cw, (1 − mu)·P (logKeep = ln(1 − mu)) for the others. (The beam's back-off
 * case and its bounds mix P itself, without the exp.)
 */
function withCacheModel(lnP: number, cw: number, mu: number, logKeep: number): number {
  return cw > 0 ? Math.log((1 - mu) * Math.exp(lnP) + cw) : lnP + logKeep;
}

/**
 * The beam's floor for a hypothesis scoring hs: a cell whose LM probability is below floor ×
 * exp(cost / lmWeight) scores more than gap below bestSoFar. exp((bestSoFar − gap − hs) /
 * lmWeight), a hair lower for rounding, so that the test drops no cell the score would keep.
 */
function beamFloor(bestSoFar: number, gap: number, hs: number, lmWeight: number): number {
  return Math.exp((bestSoFar - gap - hs) / lmWeight) * (1 - 1e-9);
}

/**
 * Fills view r's int block `order` with its readings by decreasing num block `bound`: insertion,
 * a word has a dozen. Ties keep the order they are taken in: index order, or int block `from`'s, a
 * nearly sorted start that leaves little to move.
 */
function sortByBound(r: Readings, bound: number, order: number, from?: number): void {
  const { size: C, num, int } = r;
  const b = bound * C;
  const o = order * C;
  for (let q = 0; q < C; q++) {
    const c = from === undefined ? q : int[from * C + q];
    let i = q;
    while (i > 0 && num[b + int[o + i - 1]] < num[b + c]) {
      int[o + i] = int[o + i - 1];
      i--;
    }
    int[o + i] = c;
  }
}

/** The beam search's working arrays, kept by a decoder and grown when a line needs more. */
class BeamScratch {
  private n = 0;
  private B = 0;
  private C = 0;
  private arrays!: ReturnType<typeof beamArrays>;
  private stamp = 0;

  /** A new mark for `pairStamp`: entries with an older one are stale (no clearing per position). */
  nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.arrays.pairStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  reserve(n: number, B: number, C: number): ReturnType<typeof beamArrays> {
    if (n > this.n || B > this.B || C > this.C) {
      // Grown by doubling the sequence length: a document's longest segment sets it once.
      this.n = Math.max(n, 2 * this.n, 64);
      this.B = Math.max(B, this.B);
      this.C = Math.max(C, this.C);
      this.arrays = beamArrays(this.n, this.B, this.C);
    }
    return this.arrays;
  }
}

/**
 * B hypotheses of one position: last two words u, v, score s, and the back-off weights β₀, β₁ of
 * the context (u, v) with whether it may have trigrams (see Lm.context).
 */
function hypothesisArrays(B: number) {
  return { u: new Int32Array(B), v: new Int32Array(B), s: new Float64Array(B), beta0: new Float64Array(B), beta1: new Float64Array(B), tri: new Uint8Array(B) };
}

/** Sets hypothesis i to the words (u, v) at score s, with the context (u, v)'s numbers in `ctx` (see Lm.context). */
function setHypothesis(h: ReturnType<typeof hypothesisArrays>, i: number, u: number, v: number, s: number, ctx: Float64Array): void {
  h.u[i] = u;
  h.v[i] = v;
  h.s[i] = s;
  h.beta0[i] = ctx[0];
  h.beta1[i] = ctx[1];
  h.tri[i] = ctx[2];
}

function beamArrays(n: number, B: number, C: number) {
  return {
    hypotheses: [hypothesisArrays(B), hypothesisArrays(B)],
    back: new Int32Array(n * B),
    candAt: new Int32Array(n * B),
    // Next-state table: (distinct previous word v) × (candidate) → best score, its hypothesis.
    nextScore: new Float64Array(B * C),
    nextFrom: new Int32Array(B * C),
    nextOrder: new Int32Array(B * C), // cells in order of first insertion (ties stay stable)
    vList: new Int32Array(B),
    hypV: new Int32Array(B), // index of each hypothesis' v in vList
    top: new Int32Array(B),
    topScore: new Float64Array(B),
    // Per (distinct v, reading): Lm.pair's numbers, valid when pairStamp holds the position's stamp.
    pairs: new Float64Array(B * C * PAIR_NUMBERS),
    pairStamp: new Int32Array(B * C),
    ctx: new Float64Array(3),
  };
}

/** Numbers Lm.pair writes per pair. */
const PAIR_NUMBERS = 5;

// Where posterior() keeps, for candidate c between words u v and x y, the context (u, v), the
// pairs (x, y), (v, c), (c, x), and the contexts (v, c), (c, x): three numbers per context.
const POST_UV = 0;
const POST_XY = POST_UV + 3;
const POST_VC = POST_XY + PAIR_NUMBERS;
const POST_VC_CONTEXT = POST_VC + PAIR_NUMBERS;
const POST_CX = POST_VC_CONTEXT + 3;
const POST_CX_CONTEXT = POST_CX + PAIR_NUMBERS;

/** Characters that may stand beside a number that could be a misread word: space or letters' punctuation. */
const NUMBER_NEIGHBOUR = /^[\s,;"“”]$/u;

/**
 * Whether number token `t` of `line` is short and stands among words, so it may be a misread word
 * ("sạt 16", "6 nhiễm"; not "16/2023", "1.000", "16%", "3." or "(2)"). Shared with
 * scripts/restore/digit-prior.ts, which measures how often such a number is one.
 */
export function standsAmongWords(line: string, t: Token): boolean {
  return t.text.length <= 2 && NUMBER_NEIGHBOUR.test(line[t.start - 1] ?? ' ') && NUMBER_NEIGHBOUR.test(line[t.start + t.text.length] ?? ' ');
}

/** The letters that label list items in Vietnamese documents: a), b), c), d), đ), e), g)… */
const LABEL_LETTERS = 'abcdđeghiklmnopqrstuvxy';

/**
 * The letter a line-start label stands for, given the label before it: "d" after "d" is "đ" (the
 * list runs a, b, c, d, đ, e: an English OCR model, which has no Đ, reads "đ)" as "d)"; no list
 * has two items d).
 *
 * @example
 * nextLabel('d', 'd') // 'đ'
 * nextLabel('c', 'd') // 'd'
 */
function nextLabel(previous: string | undefined, letter: string): string {
  if (letter === 'd' && previous === 'd') return 'đ';
  if (letter === 'D' && previous === 'D') return 'Đ';
  return letter;
}

/**
 * A Roman numeral heading number at the start of a line ("II.", "IV)"), including the OCR forms
 * with 1, l or | for I ("I1.", "Il.", "111."). Returns the token and its corrected text.
 * `previous`: the numeral of the document's heading before it. Headings count up, and OCR often
 * loses one bar of a numeral ending in II ("11." or "Il." for III), so the numeral of the heading
 * before, read again, is the one after it that has one I more: II after II is III.
 */
function romanAt(line: string, tokens: Token[], previous?: string): { token: Token; text: string } | undefined {
  const first = tokens.find((t) => t.kind !== 'space');
  if (!first) return undefined;
  const next = line[first.start + first.text.length];
  const rest = line.slice(first.start + first.text.length + 1);
  if (first.kind === 'number') {
    // Every I read as 1: "111." is III (no plan has a 111th item), "11." is II only before a
    // heading in capitals ("11. NHIEM VU"; item 11 is written in ordinary case).
    if (next !== '.' || !/^1{2,3}$/.test(first.text)) return undefined;
    if (first.text === '11' && !isInCapitalsLine(rest)) return undefined;
    return { token: first, text: numeralInOrder(first.text, 'I'.repeat(first.text.length), previous) };
  }
  if (first.kind !== 'word') return undefined;
  if (next !== '.' && next !== ')') return undefined;
  if (!/^[IVX1l|]+$/.test(first.text)) return undefined;
  // Bars only in lower-case l ("ll.") is a numeral only before a heading in capitals, as "11." is.
  if (!/[IVX]/.test(first.text) && !(/^l{2,3}$/.test(first.text) && isInCapitalsLine(rest))) return undefined;
  const fixed = romanLetters(first.text);
  return isRomanNumeral(fixed) && fixed.length <= 5 ? { token: first, text: numeralInOrder(first.text, fixed, previous) } : undefined;
}

/**
 * The numeral `read` from a heading's `printed` token, with one I more when it repeats the
 * numeral of the heading before (`previous`). Only a numeral OCR damaged: one printed as it
 * stands ("II." twice) is the document's own numbering.
 */
function numeralInOrder(printed: string, read: string, previous: string | undefined): string {
  return printed !== read && previous === read && read.endsWith('II') && isRomanNumeral(read + 'I') ? read + 'I' : read;
}

/**
 * The Roman numeral of a quarter that OCR read with 1 or l for I, after "quý" ("Quy 11/2024" is
 * Quý II/2024, "quy 1V" quý IV): plans write quarters in Roman numerals, and no quarter is 11th.
 * Undefined when `t` is no such numeral or does not follow "quý" (in any garble of its letters).
 */
function quarterNumeral(prev: Token | undefined, t: Token): string | undefined {
  // The token's shape first: it rules out almost every token without the skeleton's cost.
  if ((t.kind !== 'number' && t.kind !== 'word') || !/^[IVl1|]{1,4}$/.test(t.text)) return undefined;
  if (prev?.kind !== 'word' || skeleton(prev.text.toLowerCase()) !== 'quy') return undefined;
  const fixed = romanLetters(t.text);
  return /^(I{1,3}|IV)$/.test(fixed) ? fixed : undefined;
}

/**
 * A single letter that is a mark, not a syllable, anywhere in a line: an item label "c)" after
 * other text, or part of a slashed abbreviation "(b/c)" (báo cáo), "k/h".
 */
function isLetterMark(line: string, t: Token): boolean {
  if (t.kind !== 'word' || t.text.length !== 1) return false;
  const next = line[t.start + 1];
  const prev = line[t.start - 1];
  return next === ')' || next === '/' || prev === '/';
}

/**
 * A word between "/" and "-" after a number: the middle piece of a document code ("1490/Qb-TTg",
 * "12/Kh-UBND"), an abbreviation (QĐ, KH) that OCR wrote in lower case after its first letter.
 * Only such pieces: in lower case ("5/nam-2024") it is no code, and a piece with capitals after its
 * first letter ("QĐ", "TTg") has abbreviations among its readings anyway (see computeCandidates).
 */
function isCodePiece(line: string, t: Token): boolean {
  if (t.kind !== 'word' || t.text.length > 4 || line[t.start - 1] !== '/' || line[t.start + t.text.length] !== '-') return false;
  return /^[A-ZĐ][^A-ZĐ]+$/.test(t.text) && /[0-9]/.test(line[t.start - 2] ?? '');
}

/**
 * A word in another script (指导, Москва): kept as it is and, like punctuation, the end of a
 * Vietnamese sentence. No OCR engine's reading of Vietnamese gives such letters (the channel has
 * none), and in the sentence it would be an unknown word, whose runs the LM finds likely: a
 * garbled "Chién lwec" after "指导" stayed unrestored.
 */
export function isOtherScript(word: string): boolean {
  // Nearly every word starts with a Latin letter or a digit (Basic Latin, Latin-1 letters, Latin
  // Extended-A and -B, Vietnamese): answered without the Unicode regexes, asked for every word.
  const c = word.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) return false;
  return /\p{L}/u.test(word) && !/[\p{Script=Latin}0-9]/u.test(word);
}

/**
 * A list or heading label at the start of a line: one letter followed by ")" or "." ("b)", "C.",
 * "(d)"). It is a label, not a syllable ("b)" must not become "Bổ)"): it is kept as it is, or read
 * as the letter an OCR character stands for ("¢)" → "c)", see Decoder.labelLetter).
 */
function labelAt(line: string, tokens: Token[]): Token | undefined {
  let i = 0;
  while (i < tokens.length && tokens[i].kind === 'space') i++;
  if (tokens[i]?.kind === 'punct' && tokens[i].text === '(') i++;
  const t = tokens[i];
  // A word token of one character: a letter, or an OCR character such as "¢" (see labelLetter).
  if (!t || t.kind !== 'word' || t.text.length !== 1) return undefined;
  const next = line[t.start + 1];
  return next === '.' || next === ')' ? t : undefined;
}

/**
 * What a decoder knows of one word token: one look-up per occurrence finds all of it. The beam's
 * views of its candidates are made on first use.
 */
interface TokenMemo {
  cands: Candidate[];
  /** The beam's view of them (see plainView). */
  view?: Readings;
  /** In mid-sentence, with the case model's costs (see withCase). */
  cased?: Readings;
  /** The same with no word in capitals next to it. */
  casedAlone?: Readings;
}

/** A number's readings as words too (see numberReadings) and the beam's view of them. */
interface NumberMemo {
  cands: Candidate[];
  view: Readings;
}

/**
 * What a decoder learns that depends only on the model and its parameters: per token, its
 * candidates and the beam's views of them (with the case model's costs, for a token in
 * mid-sentence), per number its readings as words, per label mark its letter, and per chosen
 * reading its printed case. Shared by the decoders of one model and parameter set, so a batch
 * process searches a garbled word and builds its readings once, not once per document.
 */
class DecoderMemos {
  readonly tokens = new Map<string, TokenMemo>();
  readonly numberWords = new Map<string, NumberMemo>();
  readonly labelLetters = new Map<string, string>();
  /** The view of a lone number reading (see loneNumberView). */
  numberView?: Readings;
  /** The view of a comma's reading (see commaView). */
  commaView?: Readings;
  /** The most readings of any view made with these memos (every view the beam reads is: newReadings). */
  widest = 1;
}

const memoCaches = new WeakMap<RestoreModel, Map<string, DecoderMemos>>();
function sharedMemos(model: RestoreModel, params: DecodeParams): DecoderMemos {
  let byParams = memoCaches.get(model);
  if (!byParams) memoCaches.set(model, (byParams = new Map()));
  const key = JSON.stringify(params);
  let memos = byParams.get(key);
  // Bounded: a long stream of new documents must not grow it forever (the readings go with their lists).
  if (!memos || memos.tokens.size > 200000) byParams.set(key, (memos = new DecoderMemos()));
  return memos;
}

/**
 * The token's rough skeletons: each OCR character read as the letter it most often stands for
 * (`ocrToSkeleton`), characters that stand for no letter dropped; and, for characters the channel
 * also saw emitted for a letter ("1" inside "1&" for l), variants with that letter instead (at
 * most four skeletons: the first is the plain one).
 */
function roughSkeletons(lower: string, toSkeleton: Record<string, string>, alternatives: Record<string, string[]>): string[] {
  let out = [''];
  for (const ch of lower) {
    const main = toSkeleton[ch] ?? charSkeleton(ch);
    const alts = alternatives[ch];
    if (!alts || out.length >= 4) out = out.map((r) => r + main);
    else out = [...out.map((r) => r + main), ...alts.flatMap((a) => out.map((r) => r + a))].slice(0, 4);
  }
  return [...new Set(out.map((r) => r.replace(/[^a-z]/g, '')))];
}

/**
 * The plain rough skeleton with one string the channel saw for a letter read as that letter ("ir"
 * as u: "chire" → "chue"; see Channel.substringLetters). Such a variant has already made the
 * token's likeliest correction, so the search looks one edit around it, not two: chức's "chuc"
 * is one edit from "chue" and three from the plain "chire".
 */
function substringSkeletons(lower: string, channel: Channel): string[] {
  const out: string[] = [];
  // The search skips skeletons of more than MAX_QUERY_SKELETON letters; a variant is at most two
  // shorter than the token. (A word of 200,000 letters would otherwise make as many variants.)
  if (lower.length > MAX_QUERY_SKELETON + 2) return out;
  const { substringLetters, ocrToSkeleton } = channel;
  const chars = [...lower];
  // Each character's plain skeleton, so a variant is the plain pieces either side of the string.
  const plain = chars.map((ch) => ocrToSkeleton[ch] ?? charSkeleton(ch));
  for (let i = 0; i < chars.length - 1; i++) {
    for (let length = 2; length <= 3 && i + length <= chars.length; length++) {
      const letters = substringLetters.get(chars.slice(i, i + length).join(''));
      if (!letters) continue;
      const before = plain.slice(0, i).join('');
      const after = plain.slice(i + length).join('');
      for (const letter of letters) out.push((before + letter + after).replace(/[^a-z]/g, ''));
    }
  }
  return [...new Set(out)];
}

/** The skeletons near a token's rough skeletons, with the best unigram log10 P of each. */
interface Neighbourhood {
  skeletons: string[];
  /** Per skeleton, what the search knows of it. */
  entries: SkeletonEntry[];
  /** Indices of skeletons by their entries' maxUni, the largest first (ties: discovery order). */
  byUnigram: number[];
}

/**
 * The candidate search's queue of skeletons whose alignment bound is known: a binary heap by the
 * bound of their best rank (lb), ties by index (seq), so it gives them in exactly the order a
 * sorted list would. Kept by a decoder and reused: a search may hold hundreds.
 */
export class SkeletonQueue {
  size = 0;
  private lb = new Float64Array(64);
  private b = new Float64Array(64);
  private seq = new Int32Array(64);

  clear(): void {
    this.size = 0;
  }

  topLb(): number {
    return this.lb[0];
  }

  /** The alignment bound of the skeleton at the top. */
  topB(): number {
    return this.b[0];
  }

  private before(i: number, j: number): boolean {
    return this.lb[i] < this.lb[j] || (this.lb[i] === this.lb[j] && this.seq[i] < this.seq[j]);
  }

  private swap(i: number, j: number): void {
    const { lb, b, seq } = this;
    const l = lb[i];
    lb[i] = lb[j];
    lb[j] = l;
    const x = b[i];
    b[i] = b[j];
    b[j] = x;
    const q = seq[i];
    seq[i] = seq[j];
    seq[j] = q;
  }

  push(lb: number, seq: number, b: number): void {
    if (this.size === this.lb.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T): T => {
        const g = new (a.constructor as new (n: number) => T)(2 * a.length);
        g.set(a);
        return g;
      };
      this.lb = grow(this.lb);
      this.b = grow(this.b);
      this.seq = grow(this.seq);
    }
    let i = this.size++;
    this.lb[i] = lb;
    this.b[i] = b;
    this.seq[i] = seq;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top; its seq. */
  pop(): number {
    const top = this.seq[0];
    const last = --this.size;
    if (last > 0) {
      this.lb[0] = this.lb[last];
      this.b[0] = this.b[last];
      this.seq[0] = this.seq[last];
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const c = l + 1 < last && this.before(l + 1, l) ? l + 1 : l;
        if (!this.before(c, i)) break;
        this.swap(i, c);
        i = c;
      }
    }
    return top;
  }
}

/** Indices of skeletons by the unigram term −R·maxUni, the smallest first (ties: index order). */
function unigramOrder(skeletons: SkeletonEntry[], R: number): number[] {
  const term = skeletons.map((s) => -R * s.maxUni);
  return term.map((_, i) => i).sort((a, b) => term[a] - term[b] || a - b);
}

const neighbourhoods = new WeakMap<RestoreModel, Map<string, Neighbourhood>>();

/**
 * Every skeleton within `maxDist` edits of one of the rough skeletons, or within one edit of one
 * of `closeRoughs` (substringSkeletons), in order of discovery: found through the index of
 * skeleton deletions, then checked by edit distance. Memoised per
 * model, because tokens that differ only in case or diacritics ("BAN", "bán") share it and the
 * search is most of a new token's cost.
 */
function neighbourhood(model: RestoreModel, roughs: string[], maxDist: number, closeRoughs: string[]): Neighbourhood {
  let memo = neighbourhoods.get(model);
  if (!memo) neighbourhoods.set(model, (memo = new Map()));
  const key = `${maxDist}:${roughs.join('|')}:${closeRoughs.join('|')}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const skels = new Set<string>();
  const closeDist = Math.min(1, maxDist);
  const queries = [...roughs.map((r) => [r, maxDist] as const), ...closeRoughs.map((r) => [r, closeDist] as const)];
  for (const [r, dist] of queries) {
    if (r.length === 0 || r.length > MAX_QUERY_SKELETON) continue;
    // Deletions of the query up to its distance, looked up in the index of skeleton deletions.
    for (const d of deletesUpTo(r, dist)) {
      const list = model.deletions.get(d);
      if (list) for (const sk of list) skels.add(sk);
    }
  }
  const { skeletons } = skeletonIndex(model);
  const out: Neighbourhood = { skeletons: [], entries: [], byUnigram: [] };
  for (const sk of skels) {
    if (!queries.some(([r, dist]) => levenshtein(r, sk, dist) <= dist)) continue;
    // Every skeleton of the deletion index is one of the model's (both come from bySkeleton).
    const entry = skeletons.get(sk)!;
    out.skeletons.push(sk);
    out.entries.push(entry);
  }
  out.byUnigram = unigramOrder(out.entries, 1);
  if (memo.size > 50000) memo.clear();
  memo.set(key, out);
  return out;
}

/**
 * Rough skeletons longer than this are not looked up: syllables have at most 7 letters, and the
 * few longer abbreviations are read only when written as they are (keepId).
 */
const MAX_QUERY_SKELETON = 9;

const deleteCache = new Map<string, string[]>();
function deletesUpTo(s: string, max: number): string[] {
  const key = `${max}:${s}`;
  const hit = deleteCache.get(key);
  if (hit) return hit;
  const arr = [...deletesOf(s, max)];
  if (deleteCache.size > 50000) deleteCache.clear();
  deleteCache.set(key, arr);
  return arr;
}
