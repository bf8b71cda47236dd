import { describe, expect, it } from 'vitest';
import { Channel, trainChannel } from '../../src/restore/channel.js';

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
