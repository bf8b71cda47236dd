export { syllableAccuracy, syllables } from '../../scripts/lib/accuracy.js';
