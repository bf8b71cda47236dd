import { z } from 'zod';
import { Span } from './span.js';

/**
 * An instrument the plan implements, from its opening "Thực hiện… / Căn cứ…" paragraph.
 *
 * @example
 * { number: '348/QĐ-TTg', kind: 'Quyết định', date: '2023-04-06', issuer: 'Thủ tướng Chính phủ' }
 */
export const LegalBasis = z
  .object({
    number: z.string(),
    kind: z.string().optional(),
    date: z.string().optional(),
    issuer: z.string().optional(),
    span: Span.optional(),
  })
  .meta({ id: 'LegalBasis' });
export type LegalBasis = z.infer<typeof LegalBasis>;

/**
 * What the document says about itself: number, type, issuer, date, title, signer.
 * Fields the extractor could not find are absent, never guessed.
 *
 * @example
 * { number: '4423/KH-UBND', type: 'Kế hoạch', issuer: 'Ủy ban nhân dân tỉnh Lâm Đồng', province: 'Lâm Đồng',
 *   place: 'Lâm Đồng', date: '2023-05-23', title: 'Triển khai Chiến lược chuyển đổi số báo chí…',
 *   signer: { name: 'Phạm S', title: 'Phó Chủ tịch' }, legalBases: [{ number: '348/QĐ-TTg' }] }
 */
export const DocumentMetadata = z
  .object({
    number: z.string().optional(),
    type: z.string().optional(),
    issuer: z.string().optional(),
    province: z.string().optional(),
    place: z.string().optional(),
    date: z.string().optional(),
    title: z.string().optional(),
    signer: z.object({ name: z.string().optional(), title: z.string().optional() }).optional(),
    legalBases: z.array(LegalBasis),
    /** Where a Quyết định issues the plan, the plan's own number/date may differ from the decision's. */
    attachedTo: z.object({ number: z.string().optional(), type: z.string().optional(), date: z.string().optional() }).optional(),
    span: Span.optional(),
  })
  .meta({ id: 'DocumentMetadata' });
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;
