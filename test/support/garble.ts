import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Garbles clean Vietnamese text the way an OCR engine without Vietnamese does, by sampling a
 * learned character channel (for each character, the readings OCR made of it with their costs,
 * −log probability). Seeded, so runs repeat. For robustness measurements of segmentation and
 * extraction on documents we have no garbled originals of.
 *
 * The channel is a frozen copy (test/fixtures/garble-channel.json: dictionaries/channel.json's
 * emissions as of 41aef04), not the live one: a guard's input must not move when restoration's
 * channel is retrained. The retrained channel (which also learns garbles that share no letter
 * with their word, "16" for lở) garbles harder: without restoration, over seeds 1–5, section kinds
 * 0.89 → 0.73, targets F1 0.86 → 0.81, bodies F1 0.80 → 0.75.
 */
export function makeGarbler(seed = 1): (text: string) => string {
  const channel = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'garble-channel.json'), 'utf8')) as { emissions: Record<string, Record<string, number>> };
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const tables = new Map<string, { out: string; p: number }[]>();
  for (const [ch, outs] of Object.entries(channel.emissions)) {
    const list = Object.entries(outs).map(([out, cost]) => ({ out, p: Math.exp(-cost) }));
    const total = list.reduce((a, b) => a + b.p, 0);
    tables.set(ch, list.map((x) => ({ out: x.out, p: x.p / total })));
  }
  return (text: string) => {
    let out = '';
    for (const ch of text.normalize('NFC')) {
      const lower = ch.toLowerCase();
      const table = tables.get(ch) ?? tables.get(lower);
      if (!table || ch === '\n' || ch === '\t') {
        out += ch;
        continue;
      }
      let r = random();
      let pick = table[table.length - 1].out;
      for (const t of table) {
        r -= t.p;
        if (r <= 0) {
          pick = t.out;
          break;
        }
      }
      out += ch !== lower && pick ? pick.charAt(0).toUpperCase() + pick.slice(1) : pick;
    }
    return out;
  };
}
