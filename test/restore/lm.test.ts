import { describe, expect, it } from 'vitest';
import { buildLm, LanguageModel, MixedLanguageModel } from '../../src/restore/lm.js';

const general = [
  'chuyển đổi số báo chí trên địa bàn tỉnh',
  'ủy ban nhân dân tỉnh ban hành kế hoạch',
  'kế hoạch chuyển đổi số của tỉnh',
  'báo chí tỉnh tăng số lượng tin bài',
];
const genre = ['sở thông tin và truyền thông chủ trì', 'ủy ban nhân dân các huyện phối hợp', 'kế hoạch của ủy ban nhân dân tỉnh'];
const words = (lines: string[]) => lines.map((l) => ({ words: l.split(' ') }));
// More words than a memo block holds (56), so that one context can be asked about all of them.
const more =
  'an ba ca da đa ga ha la ma na pha qua ra sa ta va xa ba bê bi bo bô bơ bu bư cha che chi cho chô chơ chu chư da de đe đi đo đô đơ đu đư gia ghe ghi go gô gơ gu gư hai hao hau hay hoa hòe huy kha khe khi kho khô khơ khu khư la le li lo lô lơ lu lư';
const vocabulary = [...new Set([...general, ...genre, more].flatMap((l) => l.split(' ')))];

function models() {
  const g = new LanguageModel(buildLm(words(general), vocabulary));
  const n = new LanguageModel(buildLm(words(genre), vocabulary));
  return { g, n, mixed: new MixedLanguageModel(g, n, 0.7) };
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

  it('answers from its memo exactly what it computes, also after a context has asked more words than a memo block holds', () => {
    const { g, n } = models();
    const asked = new MixedLanguageModel(g, n, 0.7);
    const fresh = new MixedLanguageModel(g, n, 0.7);
    const ids = g.vocab.map((_, i) => i);
    const u = g.id('kế');
    const v = g.id('hoạch');
    // What a model that was never asked this context computes, word by word (in reverse order).
    const computed = new Map([...ids].reverse().map((w) => [w, fresh.logProb(u, v, w)]));
    // Three rounds over every word in one context: the block fills, starts over, and is asked again.
    expect(ids.length).toBeGreaterThan(56);
    for (let round = 0; round < 3; round++) for (const w of ids) expect(asked.logProb(u, v, w)).toBe(computed.get(w));
  });
});
