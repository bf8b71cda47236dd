import { readFileSync } from 'node:fs';
import type { PlanDocument } from '../../src/schema/index.js';
import { buildDocument } from '../../src/document/index.js';
import { segmentStage } from '../../src/segment/index.js';
import { extractStage } from '../../src/extract/index.js';
import { normalizeStage } from '../../src/normalize/index.js';
import { isCatchAll } from '../../src/extract/bodies.js';
import { editDistance, fold, foldLoose } from '../../src/text/fold.js';

/** A gold annotation (see /work/shared/gold/README.md): a reduced view of vnplan's output. */
export interface Gold {
  id: string;
  document?: Record<string, unknown> & { legalBases?: string[]; signer?: { name?: string; title?: string } };
  sections: { label: string; heading: string; kind: string }[];
  targets: { horizon?: number; text: string; metrics: { value: number; max?: number; unit: string; comparator: string }[] }[];
  bodies: { name: string; roles: string[] }[];
  /** Annotated only where the plan assigns bodies to tasks (chủ trì / phối hợp lines, tables, prose). */
  tasks?: { title: string; lead: string[]; coordinate: string[]; timeframe?: { from?: number; to?: number; text: string } }[];
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  matched: number;
  predicted: number;
  gold: number;
  /** Gold items not matched, and predicted items not matched (for reading failures). */
  missed: string[];
  extra: string[];
}

export interface GoldScore {
  targets: Prf;
  bodies: Prf;
  /** Bodies matched on the name alone (roles ignored). */
  bodyNames: Prf;
  sectionKinds: { predicted: string[]; gold: string[]; equal: boolean };
  /** Tasks with assigned bodies: title similarity, lead and coordinate names, timeframe years. */
  tasks?: Prf;
  document: Record<string, boolean>;
}

/**
 * Text similarity: the better of the Dice coefficient of the folded word multisets and the character
 * similarity of the loosely folded texts (1 − edit distance / length), so that a bullet read by OCR with
 * a wrong letter in many words still counts as the same bullet.
 */
export function textSimilarity(a: string, b: string): number {
  const dice = wordDice(a, b);
  if (dice >= TARGET_TEXT_MIN) return dice;
  const x = foldLoose(a);
  const y = foldLoose(b);
  const n = Math.max(x.length, y.length);
  return Math.max(dice, n === 0 ? 1 : 1 - editDistance(x, y, Math.ceil(n * (1 - TARGET_TEXT_MIN))) / n);
}

function wordDice(a: string, b: string): number {
  const wa = fold(a).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const wb = fold(b).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!wa.length && !wb.length) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

/** Name similarity, diacritic-insensitive: 1 − edit distance / length on loosely folded names. */
export function nameSimilarity(a: string, b: string): number {
  const x = foldLoose(a);
  const y = foldLoose(b);
  const n = Math.max(x.length, y.length);
  return n === 0 ? 1 : 1 - editDistance(x, y) / n;
}

type GoldMetric = Gold['targets'][number]['metrics'][number];

function unitEqual(a: string, b: string): boolean {
  if (a === '%' || b === '%') return a === b;
  if (a === 'count' || b === 'count') return true;
  // Nouns compare as names do: without marks, and with OCR's digits-for-letters read back ("tu6i").
  return foldLoose(a) === foldLoose(b);
}

/** Metrics equal as multisets: same values, max, comparator and unit class. */
export function metricsEqual(pred: GoldMetric[], gold: GoldMetric[]): boolean {
  if (pred.length !== gold.length) return false;
  const left = [...pred];
  for (const g of gold) {
    const i = left.findIndex((p) => Math.abs(p.value - g.value) < 1e-9 && (p.max ?? null) === (g.max ?? null) && p.comparator === g.comparator && unitEqual(p.unit, g.unit));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

function prf(matched: number, predicted: number, gold: number, missed: string[], extra: string[]): Prf {
  const precision = predicted ? matched / predicted : gold ? 0 : 1;
  const recall = gold ? matched / gold : predicted ? 0 : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, matched, predicted, gold, missed, extra };
}

/** Greedy one-to-one matching of the best-scoring eligible pairs. */
function match<P, G>(pred: P[], gold: G[], score: (p: P, g: G) => number | undefined): [number, number][] {
  const pairs: { i: number; j: number; s: number }[] = [];
  pred.forEach((p, i) => gold.forEach((g, j) => {
    const s = score(p, g);
    if (s !== undefined) pairs.push({ i, j, s });
  }));
  pairs.sort((a, b) => b.s - a.s);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: [number, number][] = [];
  for (const { i, j } of pairs) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    out.push([i, j]);
  }
  return out;
}

/** Targets match on the same horizon, equal metrics, and text similarity ≥ this. */
export const TARGET_TEXT_MIN = 0.8;
/** Bodies match on name similarity ≥ this (and, for `bodies`, the same roles). */
export const BODY_NAME_MIN = 0.85;

/**
 * Scores an extraction against a gold annotation: targets (horizon + metrics + text similarity), bodies
 * (name similarity + roles; catch-alls ignored on both sides), the kinds of the top-level sections in
 * order, and document fields.
 */
export function scoreGold(doc: PlanDocument, gold: Gold): GoldScore {
  const tp = doc.targets;
  const tm = match(tp, gold.targets, (p, g) => {
    if ((p.horizon ?? null) !== (g.horizon ?? null)) return undefined;
    if (!metricsEqual(p.metrics, g.metrics)) return undefined;
    const s = textSimilarity(p.text, g.text);
    return s >= TARGET_TEXT_MIN ? s : undefined;
  });
  const targets = prf(
    tm.length,
    tp.length,
    gold.targets.length,
    gold.targets.filter((_, j) => !tm.some(([, b]) => b === j)).map((g) => `${g.horizon} ${g.text}`),
    tp.filter((_, i) => !tm.some(([a]) => a === i)).map((p) => `${p.horizon} ${JSON.stringify(p.metrics.map((m) => [m.value, m.max, m.unit, m.comparator]))} ${p.text}`),
  );

  const pb = doc.bodies.filter((b) => !isCatchAll(b.name));
  const gb = gold.bodies.filter((b) => !isCatchAll(b.name));
  const sameRoles = (a: string[], b: string[]) => a.length === b.length && a.every((r) => b.includes(r));
  const bm = match(pb, gb, (p, g) => {
    const s = nameSimilarity(p.name, g.name);
    return s >= BODY_NAME_MIN && sameRoles(p.roles, g.roles) ? s : undefined;
  });
  const bodies = prf(bm.length, pb.length, gb.length, gb.filter((_, j) => !bm.some(([, b]) => b === j)).map((g) => `${g.name} [${g.roles}]`), pb.filter((_, i) => !bm.some(([a]) => a === i)).map((p) => `${p.name} [${p.roles}]`));
  const nm = match(pb, gb, (p, g) => {
    const s = nameSimilarity(p.name, g.name);
    return s >= BODY_NAME_MIN ? s : undefined;
  });
  const bodyNames = prf(nm.length, pb.length, gb.length, [], []);

  let tasks: Prf | undefined;
  if (gold.tasks) {
    const nameOf = new Map(doc.bodies.map((b) => [b.id, b.name]));
    const pt = doc.tasks.filter((t) => t.origin !== 'implementation' && (t.lead.length || t.coordinate.length));
    const sameNames = (ids: string[], names: string[]) => {
      const got = ids.map((id) => nameOf.get(id) ?? id).filter((n) => !isCatchAll(n));
      const want = names.filter((n) => !isCatchAll(n));
      return got.length === want.length && want.every((w) => got.some((g) => nameSimilarity(g, w) >= BODY_NAME_MIN));
    };
    const km = match(pt, gold.tasks, (p, g) => {
      const s = textSimilarity(p.title, g.title);
      if (s < TARGET_TEXT_MIN || !sameNames(p.lead, g.lead) || !sameNames(p.coordinate, g.coordinate)) return undefined;
      if (g.timeframe && ((p.timeframe?.from ?? null) !== (g.timeframe.from ?? null) || (p.timeframe?.to ?? null) !== (g.timeframe.to ?? null))) return undefined;
      return s;
    });
    const show = (t: { title: string; lead: string[]; coordinate: string[]; timeframe?: { from?: number; to?: number } }, ids: boolean) =>
      `${t.title.slice(0, 60)} | L: ${(ids ? t.lead.map((i) => nameOf.get(i)) : t.lead).join('; ')} | C: ${(ids ? t.coordinate.map((i) => nameOf.get(i)) : t.coordinate).join('; ')} | ${t.timeframe?.from ?? ''}-${t.timeframe?.to ?? ''}`;
    tasks = prf(km.length, pt.length, gold.tasks.length, gold.tasks.filter((_, j) => !km.some(([, b]) => b === j)).map((g) => show(g, false)), pt.filter((_, i) => !km.some(([a]) => a === i)).map((p) => show(p, true)));
  }

  const predictedKinds = doc.sections.filter((s) => s.level === 1).map((s) => s.kind);
  const goldKinds = gold.sections.map((s) => s.kind);
  const sectionKinds = { predicted: predictedKinds, gold: goldKinds, equal: JSON.stringify(predictedKinds) === JSON.stringify(goldKinds) };

  const document: Record<string, boolean> = {};
  const d = doc.document;
  const gd = gold.document ?? {};
  for (const k of ['number', 'type', 'issuer', 'province', 'date']) if (gd[k] !== undefined) document[k] = fold(String(d?.[k as keyof typeof d] ?? '')) === fold(String(gd[k]));
  if (gd.title !== undefined) document.title = textSimilarity(d?.title ?? '', String(gd.title)) >= 0.9;
  if (gd.signer?.name !== undefined) document.signerName = fold(d?.signer?.name ?? '') === fold(gd.signer.name);
  if (gd.signer?.title !== undefined) document.signerTitle = fold(d?.signer?.title ?? '') === fold(gd.signer.title);
  if (gd.legalBases) {
    const got = (d?.legalBases ?? []).map((b) => b.number);
    document.legalBases = got.length === gd.legalBases.length && gd.legalBases.every((n) => got.includes(n));
  }
  return { targets, bodies, bodyNames, sectionKinds, document, ...(tasks ? { tasks } : {}) };
}

/** Runs segment → extract → normalize on a text, as the pipeline does after restoration. */
export async function extractText(text: string, path = 'input.txt', restore = false): Promise<PlanDocument> {
  let doc = buildDocument({ path, sha256: '0'.repeat(64), format: 'txt', bytes: Buffer.byteLength(text), pageCount: 1 }, [{ method: 'text', text }]);
  const stages = [segmentStage(), extractStage(), normalizeStage()];
  if (restore) {
    // Loaded only when asked: the restoration model takes a few seconds to build.
    const { restoreStage } = await import('../../src/restore/index.js');
    stages.unshift(restoreStage({ mode: 'auto' }));
  }
  for (const stage of stages) doc = await stage(doc, {});
  return doc;
}

/** Reads a gold JSON file. */
export function readGold(file: string): Gold {
  return JSON.parse(readFileSync(file, 'utf8')) as Gold;
}
