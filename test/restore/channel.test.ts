import { describe, expect, it } from 'vitest';
import { AlignmentScratch, Channel, learnTokenReadings, trainChannel } from '../../src/restore/channel.js';
import { committedChannel } from '../../src/restore/model.js';
import { charSkeleton, skeleton } from '../../src/restore/syllable.js';

describe('trainChannel', () => {
  // Two engines garble ư and ợ differently; the pages of one weigh less than the other's.
  const pairs = (legacyWeight?: number): [string, string, number?][] => [
    ...Array.from({ length: 20 }, (): [string, string] => ['được', 'dugc']),
    ...Array.from({ length: 20 }, (): [string, string, number?] => ['được', "du'o'c", legacyWeight]),
  ];

  it('learns what each engine makes of a word, and a lighter weight makes its garbles less likely', () => {
    const even = new Channel(trainChannel(pairs()));
    const light = new Channel(trainChannel(pairs(0.3)));
    expect(Math.abs(even.cost('dugc', 'được') - even.cost("du'o'c", 'được'))).toBeLessThan(1);
    expect(light.cost("du'o'c", 'được') - light.cost('dugc', 'được')).toBeCloseTo(Math.log(20 / 6), 1); // 20 against 0.3 × 20 pages
    // Still far likelier than a garble neither engine showed.
    expect(light.cost("du'o'c", 'được')).toBeLessThan(light.cost('dxyc', 'được'));
  });

  it('counts a pair without a weight once, as before weights existed', () => {
    expect(trainChannel(pairs(1))).toEqual(trainChannel(pairs()));
  });
});

describe('Channel tone back-off', () => {
  // "€" was seen for ế only; an engine draws tone marks as noise, so ệ may come out the same.
  const data = trainChannel(Array.from({ length: 20 }, (): [string, string] => ['tuế', 'tu€']));

  it('reads a piece seen for one tone of a letter as the others, at a cost', () => {
    const ch = new Channel(data, 2, 4);
    expect(ch.emit('ệ', '€')).toBeCloseTo(ch.emit('ế', '€') + 4, 6);
    expect(ch.cost('tu€', 'tuệ')).toBeLessThan(ch.cost('tu€', 'tư'));
  });

  it('is off unless asked (training aligns with what was seen only)', () => {
    const plain = new Channel(data);
    expect(plain.emit('ệ', '€')).toBeGreaterThan(new Channel(data, 2, 4).emit('ệ', '€'));
    expect(new Channel(data, 2, 4).emit('u', 'u')).toBe(plain.emit('u', 'u'));
  });
});

describe('learnTokenReadings', () => {
  // "trước" read 10 times: 4 times as the English word "trudge", once as "tried", 5 times plainly.
  const pairs: [string, string, number?][] = [
    ...Array.from({ length: 4 }, (): [string, string] => ['trước', 'trudge']),
    ['Trước', 'Tried'],
    ...Array.from({ length: 5 }, (): [string, string] => ['trước', 'truoc']),
  ];

  it('learns the whole-token confusions, by token in lower case, with the count discounted', () => {
    const readings = learnTokenReadings(pairs);
    expect(readings.trudge).toEqual([['trước', expect.closeTo(-Math.log(3.5 / 10), 3)]]);
    expect(readings.tried).toEqual([['trước', expect.closeTo(-Math.log(0.5 / 10), 3)]]);
  });

  it('leaves to the letter channel a token with the syllable\'s own skeleton, and weighs pairs', () => {
    expect(learnTokenReadings(pairs).truoc).toBeUndefined();
    const light = learnTokenReadings([...pairs, ['trước', 'trudge', 0.3]]);
    expect(light.trudge[0][1]).toBeCloseTo(-Math.log(3.8 / 10.3), 3);
    expect(learnTokenReadings(pairs, 2).tried).toBeUndefined();
  });
});

describe('PreparedOcr.bound', () => {
  const channel = new Channel(committedChannel(), 2, 4);
  const syllables = ['được', 'đức', 'nước', 'người', 'của', 'cửa', 'chương', 'trình', 'tỉnh', 'sở', 'số', 'quy', 'định'];
  const groups = new Map<string, string[]>();
  for (const w of syllables) for (const ch of w) if (!groups.get(charSkeleton(ch))?.includes(ch)) groups.set(charSkeleton(ch), [...(groups.get(charSkeleton(ch)) ?? []), ch]);

  // The definition, letter by letter: each skeleton letter emits a piece of 0–3 OCR characters at
  // the cheapest cost of any letter of its group (the OCR's first character may be start noise).
  function slowBound(ocr: string, skel: string, group = (x: string) => groups.get(x) ?? [x]): number {
    const o = [...ocr];
    let prev = o.map(() => Infinity).concat(Infinity);
    prev[0] = 0;
    if (o.length) prev[1] = channel.emit('^', o[0]);
    for (const x of skel) {
      const letters = group(x);
      const next = prev.map(() => Infinity);
      for (let j = 0; j <= o.length; j++) {
        for (let k = 0; k <= 3 && k <= j; k++) {
          const piece = o.slice(j - k, j).join('');
          next[j] = Math.min(next[j], prev[j - k] + Math.min(...letters.map((t) => channel.emit(t, piece))));
        }
      }
      prev = next;
    }
    return prev[o.length];
  }

  it('is, to the bit, the alignment at each group\'s cheapest letter, pieces no learned row has included', () => {
    // Garbles the table has seen ("dugc", "nudc") and pieces no learned row has ("q§x", "zzzw").
    for (const ocr of ['dugc', 'nudc', 'ctia', 'trinh', 'S&', 'q§x', 'zzzw', 'chirorng', '']) {
      for (const w of syllables) expect(channel.prepare(ocr).bound(skeleton(w), groups)).toBe(slowBound(ocr, skeleton(w)));
    }
  });

  it('keeps the minima of the groups asked last: other groups on the same channel get their own', () => {
    // The group minima live in the channel's emission vectors, shared by every token it prepares.
    const narrow = new Map([['d', ['d']], ['u', ['u']], ['o', ['o']]]);
    for (const [ocr, w] of [['dugc', 'được'], ['nudc', 'nước']]) {
      const wide = channel.prepare(ocr).bound(skeleton(w), groups);
      const own = channel.prepare(ocr).bound(skeleton(w), narrow);
      expect(own).toBe(slowBound(ocr, skeleton(w), (x) => narrow.get(x) ?? [x]));
      expect(own).toBeGreaterThan(wide);
      expect(channel.prepare(ocr).bound(skeleton(w), groups)).toBe(wide);
    }
  });

  it('gives, from letters held as dense indices, the same costs and bounds to the bit as from the strings', () => {
    const letters: number[] = [];
    const at = syllables.map((w) => [channel.appendLetters(w, letters), channel.appendLetters(skeleton(w), letters)]);
    const store = Int32Array.from(letters);
    for (const ocr of ['dugc', 'nudc', 'ctia', 'q§x', '']) {
      const p = channel.prepare(ocr);
      syllables.forEach((w, i) => {
        expect(p.costOf(store, at[i][0]), `${ocr} ${w}`).toBe(channel.prepare(ocr).cost(w));
        expect(p.boundOf(store, at[i][1], groups), `${ocr} ${w}`).toBe(channel.prepare(ocr).bound(skeleton(w), groups));
      });
    }
    // A channel has VEC_SIZE (256) indices: a text with a character past them has no letters.
    const full = new Channel(committedChannel(), 2, 4);
    const out: number[] = [];
    for (let c = 0; c < 300; c++) full.charIndex(String.fromCharCode(0x4e00 + c));
    expect(full.appendLetters('a\u4e00', out)).toBe(-1);
    expect(out).toEqual([]);
    expect(full.appendLetters('\u4e00\u4e01', out)).toBe(0);
    expect(out).toEqual([2, 0, 1]);
  });

  it('scores the same with lent memory as without, token after token, past its generations wrapping', () => {
    // The rows of the token prepared before must not answer for the next (AlignmentScratch).
    const scratch = new AlignmentScratch();
    scratch.generation = 0x7fffffff - 3;
    for (const ocr of ['dugc', 'nudc', 'ctia', 'dugc', 'q§x', 'nudc', 'trinh']) {
      const lent = channel.prepare(ocr, scratch);
      for (const w of syllables) {
        expect(lent.cost(w), `${ocr} ${w}`).toBe(channel.prepare(ocr).cost(w));
        expect(lent.bound(skeleton(w), groups), `${ocr} ${w}`).toBe(channel.prepare(ocr).bound(skeleton(w), groups));
      }
    }
    expect(scratch.generation).toBeLessThan(10);
  });

  it('never exceeds the cost of a syllable with that skeleton (it prunes the candidate search)', () => {
    for (const ocr of ['dugc', 'nudc', 'q§x', 'tinh']) {
      const p = channel.prepare(ocr);
      for (const w of syllables) expect(p.bound(skeleton(w), groups)).toBeLessThanOrEqual(p.cost(w));
    }
  });
});
