/**
 * Parameter sweep on the DEV set only (Lâm Đồng, LM rebuilt without it): never on the held-out
 * test fixtures. Usage: npx tsx scripts/restore/tune.ts '{"lmWeight":[1,1.5,2]}' [genreWeight]
 */
import { Decoder, DEFAULT_PARAMS, type DecodeParams } from '../../src/restore/decode.js';
import { assembleModel, buildModelData, committedChannel, committedGenreText } from '../../src/restore/model.js';
import { closeOcr, ocrPairs, variedOptions } from './ocr-pairs.js';
import { emptyScore, scorePages } from './score.js';

async function main(): Promise<void> {
  const grid = JSON.parse(process.argv[2] ?? '{}') as Record<string, number[]>;
  const genreWeight = Number(process.argv[3] ?? 1);
  const lambdas = (process.argv[4] ?? '0.5').split(',').map(Number);
  const all = committedGenreText();
  const lam = all.find((g) => g.name.startsWith('lam-dong-4423'))!;
  const data = buildModelData({ genre: all.filter((g) => g !== lam), genreWeight });
  const pages = await ocrPairs(lam.text, variedOptions(200));
  await closeOcr();
  let combos: Partial<DecodeParams>[] = [{}];
  for (const [k, vs] of Object.entries(grid)) combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
  for (const lambda of lambdas) for (const c of combos) {
    const model = assembleModel(data, committedChannel(), performance.now(), lambda);
    const s = emptyScore();
    const dec = new Decoder(model, { ...DEFAULT_PARAMS, ...c }, { sharedCache: false });
    scorePages(pages, dec, s, []);
    const warm = emptyScore();
    scorePages(pages, dec, warm, []);
    const coldMs = s.decodeMs;
    s.decodeMs = warm.decodeMs;
    console.log(`${JSON.stringify(c)} gw=${genreWeight} λ=${lambda} acc=${((100 * s.correct) / s.truthWords).toFixed(2)} wrongFixed=${((100 * s.fixedOfWrong) / s.wrongInInput).toFixed(2)} cold syl/s=${Math.round(s.syllables / (coldMs / 1000))} warm syl/s=${Math.round(s.syllables / (s.decodeMs / 1000))}`);
  }
}
main();
