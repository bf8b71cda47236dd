import { loadModel } from '../../src/restore/model.js';

/**
 * Builds (or loads) the restoration model once before any test file runs: on a fresh clone the
 * build takes 30–60 s, and test files running in parallel would otherwise each build it at once.
 */
export default function setup(): void {
  const t = performance.now();
  loadModel();
  const s = (performance.now() - t) / 1000;
  if (s > 5) console.log(`restoration model built and cached in ${s.toFixed(0)} s (node_modules/.cache/vnplan)`);
}
