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
