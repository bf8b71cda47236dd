import { createHash } from 'node:crypto';

/**
 * Whether a genre fixture is held out of language-model training for the benchmark: a fixed
 * hash of its name, so the split is stable as fixtures are added and nobody picks it by hand.
 * About half are held out.
 */
export function isHeldOut(name: string): boolean {
  return parseInt(createHash('sha1').update(`vnplan-holdout:${name}`).digest('hex').slice(0, 2), 16) % 2 === 0;
}
