import { z } from 'zod';
import { Body, DocumentMetadata, Span, Target } from '../schema/index.js';

/**
 * Which document a side of a diff is, in words people recognise: the province when the plan names
 * it, else the file name.
 *
 * @example
 * { label: 'Lâm Đồng', path: 'output/lam-dong-4423-KH-UBND-2023.json', number: '4423/KH-UBND', date: '2023-05-23' }
 */
export const DocRef = z
  .object({ label: z.string(), path: z.string() })
  .extend(DocumentMetadata.pick({ number: true, date: true, title: true }).shape)
  .meta({ id: 'DocRef' });
/**
 * The DocRef type, inferred from its zod schema.
 *
 * @example
 * const ref: DocRef = { label: 'Sóc Trăng', path: 'output/soc-trang.json' };
 */
export type DocRef = z.infer<typeof DocRef>;

/**
 * One target as a diff shows it: the figures formatted the Vietnamese way ("33,5%", "≥ 20%").
 *
 * @example
 * { id: 't5', horizon: 2025, subject: 'cơ quan báo chí tỉnh tăng doanh thu', values: '33,5%; ≥ 20%', metrics: [ … ], span: … }
 */
export const TargetSide = Target.pick({ id: true, horizon: true, subject: true, text: true, metrics: true, span: true })
  .extend({ values: z.string() })
  .meta({ id: 'TargetSide' });
/**
 * The TargetSide type, inferred from its zod schema.
 *
 * @example
 * const side: TargetSide = diff.targets.matched[0].a; side.values // '67%'
 */
export type TargetSide = z.infer<typeof TargetSide>;

/**
 * Two targets judged to be the same indicator. `status` is `changed` when their figures differ.
 *
 * @example
 * { horizon: 2025, similarity: 0.71, status: 'changed', a: { values: '67%', … }, b: { values: '> 65%', … } }
 */
export const TargetMatch = z
  .object({
    horizon: z.number().int().optional(),
    similarity: z.number().min(0).max(1),
    status: z.enum(['same', 'changed']),
    a: TargetSide,
    b: TargetSide,
  })
  .meta({ id: 'TargetMatch' });
/**
 * The TargetMatch type, inferred from its zod schema.
 *
 * @example
 * const m: TargetMatch = diff.targets.matched[0]; m.status // 'changed'
 */
export type TargetMatch = z.infer<typeof TargetMatch>;

/**
 * A target found in one document only. `resembles` names the other document's target it is most like
 * when that one was already paired: the other plan probably merged both indicators into one bullet.
 *
 * @example
 * { id: 't4', horizon: 2025, values: '67%', resembles: { id: 't1', similarity: 0.57 }, … }
 */
export const UnmatchedTarget = TargetSide.extend({
  resembles: z.object({ id: z.string(), similarity: z.number().min(0).max(1) }).optional(),
}).meta({ id: 'UnmatchedTarget' });
/**
 * The UnmatchedTarget type, inferred from its zod schema.
 *
 * @example
 * const t: UnmatchedTarget = diff.targets.onlyA[0]; t.resembles?.id // 't1'
 */
export type UnmatchedTarget = z.infer<typeof UnmatchedTarget>;

/**
 * One body as a diff shows it.
 *
 * @example
 * { id: 'b1', name: 'Sở Tài chính', kind: 'department', roles: ['coordinate'] }
 */
export const BodySide = Body.pick({ id: true, name: true, kind: true, roles: true })
  .extend({ span: Span.optional() })
  .meta({ id: 'BodySide' });
/**
 * The BodySide type, inferred from its zod schema.
 *
 * @example
 * const b: BodySide = diff.bodies.onlyA[0]; b.name // 'Cục Báo chí'
 */
export type BodySide = z.infer<typeof BodySide>;

/**
 * The same body in both documents, with its roles on each side.
 *
 * @example
 * { similarity: 1, roleChanged: true, a: { name: 'Sở Tài chính', roles: ['lead'] }, b: { name: 'Sở Tài chính', roles: ['coordinate'] } }
 */
export const BodyMatch = z
  .object({ similarity: z.number().min(0).max(1), roleChanged: z.boolean(), a: BodySide, b: BodySide })
  .meta({ id: 'BodyMatch' });
/**
 * The BodyMatch type, inferred from its zod schema.
 *
 * @example
 * const m: BodyMatch = diff.bodies.matched[0]; m.roleChanged // false
 */
export type BodyMatch = z.infer<typeof BodyMatch>;

/**
 * What differs between two plans: targets aligned by horizon and indicator, bodies by name.
 *
 * @example
 * { schema: 'vnplan/plan-diff', a: { label: 'Lâm Đồng', … }, b: { label: 'Sóc Trăng', … },
 *   targets: { matched: [ … ], onlyA: [ … ], onlyB: [ … ] }, bodies: { matched: [ … ], onlyA: [ … ], onlyB: [ … ] },
 *   summary: { targetsSame: 3, targetsChanged: 4, targetsOnlyA: 7, targetsOnlyB: 0, … } }
 */
export const PlanDiff = z
  .object({
    schema: z.literal('vnplan/plan-diff'),
    version: z.string(),
    a: DocRef,
    b: DocRef,
    targets: z.object({ matched: z.array(TargetMatch), onlyA: z.array(UnmatchedTarget), onlyB: z.array(UnmatchedTarget) }),
    bodies: z.object({ matched: z.array(BodyMatch), onlyA: z.array(BodySide), onlyB: z.array(BodySide) }),
    summary: z.object({
      targetsSame: z.number().int(),
      targetsChanged: z.number().int(),
      targetsOnlyA: z.number().int(),
      targetsOnlyB: z.number().int(),
      bodiesSame: z.number().int(),
      bodiesRoleChanged: z.number().int(),
      bodiesOnlyA: z.number().int(),
      bodiesOnlyB: z.number().int(),
    }),
  })
  .meta({ id: 'PlanDiff', title: 'vnplan diff of two plans' });
/**
 * The PlanDiff type, inferred from its zod schema.
 *
 * @example
 * const d: PlanDiff = diffDocuments(lamDong, socTrang); d.summary.targetsChanged // 4
 */
export type PlanDiff = z.infer<typeof PlanDiff>;
