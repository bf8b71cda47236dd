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
  const genreWeight = Number(process.argv[3] ?? 4);
  const all = committedGenreText();
  const lam = all.find((g) => g.name.startsWith('lam-dong-4423'))!;
  const model = assembleModel(buildModelData({ genre: all.filter((g) => g !== lam), genreWeight }), committedChannel());
  const pages = await ocrPairs(lam.text, variedOptions(200));
  await closeOcr();
  let combos: Partial<DecodeParams>[] = [{}];
  for (const [k, vs] of Object.entries(grid)) combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
  for (const c of combos) {
    const s = emptyScore();
    scorePages(pages, new Decoder(model, { ...DEFAULT_PARAMS, ...c }, { sharedCache: false }), s, []);
    console.log(`${JSON.stringify(c)} gw=${genreWeight} acc=${((100 * s.correct) / s.truthWords).toFixed(2)} wrongFixed=${((100 * s.fixedOfWrong) / s.wrongInInput).toFixed(2)} ms=${s.decodeMs.toFixed(0)}`);
  }
}
main();
