import { describe, expect, it } from 'vitest';
import { buildLm, contextFromBackoffs, LanguageModel, mayStorePair, MixedLanguageModel } from '../../src/restore/lm.js';
import { textToSentences } from '../../src/restore/model.js';

const general = [
  'chuyển đổi số báo chí trên địa bàn tỉnh',
  'ủy ban nhân dân tỉnh ban hành kế hoạch',
  'kế hoạch chuyển đổi số của tỉnh',
  'báo chí tỉnh tăng số lượng tin bài',
];
const genre = ['sở thông tin và truyền thông chủ trì', 'ủy ban nhân dân các huyện phối hợp', 'kế hoạch của ủy ban nhân dân tỉnh'];
const words = (lines: string[]) => lines.map((l) => ({ words: l.split(' ') }));
// Words the texts never use: what the models say of them comes from the back-off to the unigram.
const more =
  'an ba ca da đa ga ha la ma na pha qua ra sa ta va xa ba bê bi bo bô bơ bu bư cha che chi cho chô chơ chu chư da de đe đi đo đô đơ đu đư gia ghe ghi go gô gơ gu gư hai hao hau hay hoa hòe huy kha khe khi kho khô khơ khu khư la le li lo lô lơ lu lư';
const vocabulary = [...new Set([...general, ...genre, more].flatMap((l) => l.split(' ')))];

function models() {
  const g = new LanguageModel(buildLm(words(general), vocabulary));
  const n = new LanguageModel(buildLm(words(genre), vocabulary));
  return { g, n, mixed: new MixedLanguageModel(g, n, 0.7) };
}

/** Trigrams both models store (the mixed model stores them once). */
function sharedTrigrams(a: LanguageModel, b: LanguageModel): number {
  const keys = new Set<string>();
  a.forEachTrigram((k1, w) => keys.add(`${k1}:${w}`));
  let shared = 0;
  b.forEachTrigram((k1, w) => {
    if (keys.has(`${k1}:${w}`)) shared++;
  });
  return shared;
}

describe('language model', () => {
  it('bounds every log-prob from above by maxLogProb of the word, and the bound is reached', () => {
    const { g, mixed } = models();
    const ids = g.vocab.map((_, i) => i);
    for (const lm of [g, mixed]) {
      const bound = lm.maxLogProb;
      const reached = new Float64Array(ids.length).fill(-Infinity);
      const over: string[] = [];
      for (const u of ids) {
        for (const v of ids) {
          for (const w of ids) {
            const lp = lm.logProb(u, v, w);
            if (lp > bound[w] + 1e-9) over.push(`${lm.vocab[u]} ${lm.vocab[v]} ${lm.vocab[w]}`);
            if (lp > reached[w]) reached[w] = lp;
          }
        }
      }
      expect(over).toEqual([]);
      // The bound is not slack for a word the model has seen in a trigram.
      const so = g.id('số');
      expect(reached[so]).toBeCloseTo(bound[so], 6);
    }
  });

  it('is a distribution in every context: P(w | u v) sums to 1 over the vocabulary, with the discounts of counts 1, 2 and 3+ learned apart', () => {
    // Sentences seen once to five times, so that counts 1 to 4 all occur and modified Kneser-Ney
    // learns its three discounts from them (not its fallback for a corpus too small to have them).
    const repeated = [...general, ...genre].flatMap((l, i) => Array.from({ length: 1 + (i % 5) }, () => l));
    const lm = new LanguageModel(buildLm(words(repeated), vocabulary));
    const ids = lm.vocab.map((_, i) => i);
    const sums: string[] = [];
    for (const u of ids) {
      for (const v of ids) {
        let total = 0;
        for (const w of ids) total += 10 ** lm.logProb(u, v, w);
        if (Math.abs(total - 1) > 1e-4) sums.push(`${lm.vocab[u]} ${lm.vocab[v]}: ${total}`);
      }
    }
    expect(sums).toEqual([]);
  });

  it('mixes the two models linearly for every (u, v, w), stored in either, both or neither', () => {
    const { g, n, mixed } = models();
    const ids = g.vocab.map((_, i) => i);
    const wrong: string[] = [];
    for (const u of ids) {
      for (const v of ids) {
        for (const w of ids) {
          const expected = Math.log10(0.3 * 10 ** g.logProb(u, v, w) + 0.7 * 10 ** n.logProb(u, v, w));
          if (Math.abs(mixed.logProb(u, v, w) - expected) > 1e-6) wrong.push(`${g.vocab[u]} ${g.vocab[v]} ${g.vocab[w]}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('decomposes every log-prob into its (v, w) part, its context part and the stored trigram, as the beam reads it', () => {
    const { g, mixed } = models();
    const ids = g.vocab.map((_, i) => i);
    const pair = new Float64Array(5);
    const ctx = new Float64Array(3);
    const ctxOfPair = new Float64Array(3);
    for (const lm of [g, mixed]) {
      const wrong: string[] = [];
      let trigrams = 0;
      for (const u of ids) {
        for (const v of ids) {
          lm.context(u, v, ctx, 0);
          // The pair (u, v) carries the context (u, v) too: the beam extends a hypothesis with it.
          lm.pair(u, v, pair, 0);
          contextFromBackoffs(pair[3], pair[4], ctxOfPair, 0);
          if (ctxOfPair.some((x, i) => x !== ctx[i])) wrong.push(`context of the pair: ${lm.vocab[u]} ${lm.vocab[v]}`);
          for (const w of ids) {
            lm.pair(v, w, pair, 0);
            const tri = ctx[2] === 1 && pair[2] > 0 ? lm.trigramLn(u, v, w) : NaN;
            if (!Number.isNaN(tri)) {
              trigrams++;
              if (Math.exp(tri) > pair[2] * (1 + 1e-9)) wrong.push(`trigram over its bound: ${lm.vocab[u]} ${lm.vocab[v]} ${lm.vocab[w]}`);
            }
            const lp = Number.isNaN(tri) ? Math.log(ctx[0] * pair[0] + ctx[1] * pair[1]) : tri;
            if (Math.abs(lp - lm.logProb(u, v, w) * Math.LN10) > 1e-9) wrong.push(`${lm.vocab[u]} ${lm.vocab[v]} ${lm.vocab[w]}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      // Every stored trigram was found through the decomposition (none was taken for a back-off).
      expect(trigrams).toBe(lm === g ? g.size.trigrams : mixed.size.trigrams - sharedTrigrams(g, models().n));
    }
  });

  it('scores a pair its filter rules out as pair() does, and rules out no stored pair', () => {
    const { g, n, mixed } = models();
    const ids = g.vocab.map((_, i) => i);
    const pair = new Float64Array(5);
    for (const lm of [g, mixed]) {
      const f = lm.pairFilter;
      const wrong: string[] = [];
      for (const component of lm === g ? [g] : [g, n]) {
        component.forEachBigram((v, w) => {
          if (!mayStorePair(f, v, w)) wrong.push(`stored, ruled out: ${lm.vocab[v]} ${lm.vocab[w]}`);
        });
      }
      let ruledOut = 0;
      for (const v of ids) {
        for (const w of ids) {
          lm.pair(v, w, pair, 0);
          if (mayStorePair(f, v, w)) continue;
          ruledOut++;
          const unstored = [f.backoff0[v] * f.unigram0[w], f.backoff1[v] * f.unigram1[w], 0, NaN, NaN];
          if (!unstored.every((x, i) => Object.is(x, pair[i]))) wrong.push(`${lm.vocab[v]} ${lm.vocab[w]}: ${[...pair]} ≠ ${unstored}`);
        }
      }
      expect(wrong).toEqual([]);
      // The mixed model's filter rules out most pairs of the vocabulary, the single model's none.
      if (lm === g) expect(ruledOut).toBe(0);
      else expect(ruledOut).toBeGreaterThan(ids.length * ids.length * 0.8);
    }
  });
});

describe('textToSentences', () => {
  it('learns a Roman numeral in capitals as a number, as the decoder reads it ("Quý III/2024")', () => {
    const syllables = new Set(['quý', 'năm', 'i', 'mục', 'tiêu']);
    expect(textToSentences('Quý III/2024, năm 2025', syllables, new Set())).toEqual([['quý', '<num>', '<num>', ',', 'năm', '<num>']]);
    expect(textToSentences('I. MỤC TIÊU', syllables, new Set())).toEqual([['<num>'], ['mục', 'tiêu']]);
    expect(textToSentences('chữ i', syllables, new Set())).toEqual([['<unk>', 'i']]);
  });

  it('keeps a comma inside a sentence as a word of it, and none at its ends ("biển, đảo")', () => {
    const syllables = new Set(['biển', 'đảo', 'thôn', 'bản']);
    expect(textToSentences('biển, đảo', syllables, new Set())).toEqual([['biển', ',', 'đảo']]);
    expect(textToSentences(', thôn,, bản,', syllables, new Set())).toEqual([['thôn', ',', 'bản']]);
    expect(textToSentences('biển,; đảo', syllables, new Set())).toEqual([['biển'], ['đảo']]);
  });
});
