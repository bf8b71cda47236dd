import { describe, expect, it } from 'vitest';
import { caseDirs, checkCase } from '../fixtures/genre/check-gold.js';

// The genre fixtures' hand annotations must stay consistent with their texts, or every score
// computed against them means nothing.
describe('genre fixtures', () => {
  const dirs = caseDirs();
  it('has the variant cases', () => expect(dirs.length).toBeGreaterThanOrEqual(8));
  for (const dir of dirs) {
    it(`gold annotation agrees with the text: ${dir.split('/').pop()}`, () => {
      expect(checkCase(dir).problems).toEqual([]);
    });
  }
});
