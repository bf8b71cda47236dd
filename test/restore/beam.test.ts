import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOS, EOS, NUM } from '../../src/restore/lm.js';
import { loadModel, type RestoreModel } from '../../src/restore/model.js';
import { CACHE_PRIOR_WORDS, Decoder, DEFAULT_PARAMS, type Candidate, type DecodeParams } from '../../src/restore/decode.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

let model: RestoreModel;
beforeAll(() => {
  model = loadModel();
}, 180_000);

/**
 * The beam search as the decoder defines it, written plainly: every hypothesis meets every
 * reading, P(w | u v) comes from lm.logProb, no bounds and nothing skipped. A cell is (the
 * hypothesis's last word, the reading's word); the best B cells survive, except those more than
 * beamGap behind the best. `weightOf`, when given, is the document cache model's weight of each
 * word: P becomes (1 − mu)·P + weight.
 */
function plainBeam(slots: Candidate[][], params: DecodeParams, weightOf?: (id: number) => number): number[] {
  const { lm } = model;
  const mu = params.cacheWeight;
  const lnP = (u: number, v: number, w: number) => {
    const ln = lm.logProb(u, v, w) * Math.LN10;
    return weightOf ? Math.log((1 - mu) * Math.exp(ln) + weightOf(w)) : ln;
  };
  type Hyp = { u: number; v: number; s: number; path: number[] };
  let hyps: Hyp[] = [{ u: BOS, v: BOS, s: 0, path: [] }];
  for (const cands of slots) {
    const cells = new Map<string, { s: number; from: number; hyp: Hyp; c: number }>();
    const maxC = Math.max(...slots.map((x) => x.length));
    hyps.forEach((h, k) => {
      cands.forEach((cand, c) => {
        const s = h.s - cand.cost + params.lmWeight * lnP(h.u, h.v, cand.id);
        const key = `${h.v}:${cand.id}`;
        const from = k * maxC + c;
        const old = cells.get(key);
        if (!old || old.s < s || (old.s === s && from < old.from)) cells.set(key, { s, from, hyp: h, c });
      });
    });
    const ranked = [...cells.values()].sort((a, b) => b.s - a.s).slice(0, params.beam);
    const kept = ranked.filter((x, i) => i === 0 || x.s >= ranked[0].s - params.beamGap);
    hyps = kept.map((x) => ({ u: x.hyp.v, v: cands[x.c].id, s: x.s, path: [...x.hyp.path, x.c] }));
  }
  let best = hyps[0];
  let bestScore = -Infinity;
  for (const h of hyps) {
    const s = h.s + params.lmWeight * Math.LN10 * lm.logProb(h.u, h.v, EOS);
    if (s > bestScore) {
      bestScore = s;
      best = h;
    }
  }
  return best.path;
}

/** Garbled OCR words, 12 to a line, no punctuation or numbers. */
function garbledLines(count: number): string[] {
  const words = readFileSync(path.join(ROOT, 'corpus', 'soc-trang-chuyen-doi-so-bao-chi-2023.ocr.txt'), 'utf8')
    .split(/\s+/)
    .filter((w) => /^\p{L}+$/u.test(w));
  const lines: string[] = [];
  for (let i = 0; i + 12 <= words.length && lines.length < count; i += 12) lines.push(words.slice(i, i + 12).join(' '));
  expect(lines).toHaveLength(count);
  return lines;
}

describe('beam search', () => {
  it('chooses what a plain beam over the same readings chooses, with its bounds and skipped look-ups', () => {
    // One pass (no cache model) and no capitalisation costs: the readings of a word are then
    // exactly decoder.candidates(token), and one beam decides. Each line is one sentence.
    const params: DecodeParams = { ...DEFAULT_PARAMS, cacheWeight: 0, capWeight: 0 };
    const decoder = new Decoder(model, params, { sharedCache: false });
    const lines = garbledLines(40);
    let differ = 0;
    let changed = 0;
    for (const line of lines) {
      const got = decoder.decodeLine(line).text.split(' ');
      const slots = line.split(' ').map((w) => decoder.candidates(w));
      const want = plainBeam(slots, params).map((c, i) => slots[i][c].text);
      // The beam picks words; the case they are printed in is chosen afterwards (case.ts).
      if (got.join(' ').toLowerCase() !== want.join(' ').toLowerCase()) differ++;
      changed += want.filter((w, i) => w !== line.split(' ')[i]).length;
    }
    expect(differ).toBe(0);
    // Not a vacuous comparison: the lines were garbled and both restored many words.
    expect(changed).toBeGreaterThan(200);
  });

  it('counts the cache model online: each sentence is the plain beam with the words chosen in the sentences before it', () => {
    const params: DecodeParams = { ...DEFAULT_PARAMS, capWeight: 0 };
    const decoder = new Decoder(model, params, { sharedCache: false });
    // One document of 40 sentences.
    const sentences = garbledLines(40).map((l) => l + '.');
    const got = decoder.decodeLines(sentences);
    const counts = new Map<number, number>();
    let total = 0;
    let differ = 0;
    let steered = 0;
    for (const [i, sentence] of sentences.entries()) {
      const slots = sentence.slice(0, -1).split(' ').map((w) => decoder.candidates(w));
      const weight = total > 0 ? (id: number) => (params.cacheWeight * (counts.get(id) ?? 0)) / (total + CACHE_PRIOR_WORDS) : undefined;
      const choice = plainBeam(slots, params, weight);
      const want = choice.map((c, p) => slots[p][c].text).join(' ') + '.';
      if (got[i].text.toLowerCase() !== want.toLowerCase()) differ++;
      if (plainBeam(slots, params).some((c, p) => c !== choice[p])) steered++;
      for (const [p, c] of choice.entries()) {
        const id = slots[p][c].id;
        if (id <= NUM) continue;
        counts.set(id, (counts.get(id) ?? 0) + 1);
        total++;
      }
    }
    expect(differ).toBe(0);
    // Not vacuous: the words of earlier sentences changed the choice in some later ones.
    expect(steered).toBeGreaterThan(0);
  });
});
