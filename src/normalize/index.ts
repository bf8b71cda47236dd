import type { Stage } from '../document/index.js';
import type { Body, BodyRole, PlanDocument } from '../schema/index.js';
import { editDistance, foldLoose } from '../text/fold.js';
import { expandAbbreviations, kindOf, lookupBody } from './dictionary.js';
import { isCleanVietnamese } from '../text/clean.js';
import { repairName } from './repair.js';

export { expandAbbreviations, kindOf, lookupBody } from './dictionary.js';
export { repairName } from './repair.js';

/** Date the district tier of local government ended (Luật Tổ chức chính quyền địa phương 2025). */
const DISTRICT_TIER_END = '2025-07-01';

/**
 * Key under which forms of one body merge: folded, without a trailing "tỉnh" / "của tỉnh" / "thuộc tỉnh"
 * ("Các cơ quan báo chí" and "Các cơ quan báo chí tỉnh" are one group).
 */
function mergeKey(name: string): string {
  return foldLoose(name)
    .replace(/\s+(?:cua tinh|thuoc tinh|cap tinh|tren dia ban tinh|tinh)$/, '')
    .replace(/^(?:de nghi|giao)\s+/, '');
}

/**
 * Gives every body its official name (dictionary, abbreviations expanded), merges the forms of one body
 * (aliases keep every form seen, mentions and roles are joined), sets its kind, and notes the successor
 * of bodies merged in 2025 when the document predates the merger. Task lead/coordinate ids follow.
 *
 * @example
 * normalizeBodies(doc).bodies.find((b) => b.aliases.includes('Sở TT&TT'))?.name // 'Sở Thông tin và Truyền thông'
 */
export function normalizeBodies(doc: PlanDocument): PlanDocument {
  const docDate = doc.document?.date;
  const merged = new Map<string, Body & { counts: Map<string, number> }>();
  const remap = new Map<string, string>();
  // Clean text is matched exactly (after abbreviations); OCR-damaged names approximately.
  const fuzzy = !isCleanVietnamese(doc.text) || Boolean(doc.restoration?.applied);
  for (const raw of doc.bodies) {
    // OCR glues a head word to an abbreviation ("SởTT&TT"): part them before expanding.
    const unglued = raw.name.replace(/^(Sở|Ban|Báo|Đài|Cục|Bộ|Văn phòng|Ủy ban)(?=\p{Lu}{2})/u, '$1 ');
    const written = capitalize(expandAbbreviations(unglued).replace(/[.;,:]+$/, ''));
    const expanded = fuzzy ? repairName(written) : written;
    // The district (or commune) tier of one province is one body however the text words it:
    // "UBND các huyện", "Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân các huyện, thị xã, thành phố".
    const tier = localTier(expanded);
    const entry = tier ? undefined : lookupBody(expanded, fuzzy);
    let name = entry?.name ?? expanded;
    let key = tier ? `tier:${tier}` : entry ? `dict:${entry.name}` : mergeKey(name);
    if (!entry && !merged.has(key)) {
      // OCR spells one group several ways ("Céc s6, ban, nganh", "Cac so, ban, nganh"): merge near-equal keys.
      const near = [...merged.keys()].find((k) => !k.startsWith('dict:') && !k.startsWith('tier:') && Math.abs(k.length - key.length) <= 3 && editDistance(k, key, Math.floor(key.length * 0.12)) <= Math.floor(key.length * 0.12));
      if (near) key = near;
    }
    let b = merged.get(key);
    if (!b) {
      b = {
        id: `b${merged.size + 1}`,
        name,
        aliases: [],
        kind: entry?.kind ?? kindOf(name),
        roles: [],
        duties: [],
        mentions: [],
        confidence: entry ? 0.95 : raw.confidence,
        counts: new Map(),
      };
      if (entry?.successor && (!docDate || docDate < entry.successor.date)) b.successor = entry.successor.name;
      if (!entry && b.kind === 'district' && (!docDate || docDate < DISTRICT_TIER_END)) b.successor = 'Ủy ban nhân dân cấp xã';
      merged.set(key, b);
    }
    for (const a of raw.aliases) if (!b.aliases.includes(a)) b.aliases.push(a);
    for (const r of raw.roles) if (!b.roles.includes(r)) b.roles.push(r as BodyRole);
    for (const d of raw.duties) if (!b.duties.includes(d)) b.duties.push(d);
    b.mentions.push(...raw.mentions);
    if (!entry) {
      // The merged group is named by its most frequent form, the longer one on a tie; a plural form
      // ("các huyện, thị xã, thành phố") names a tier better than "cấp huyện".
      // A form written out in full (no "UBND", "TT&TT") is the official name: it outranks abbreviated ones.
      const inFull = !/(?:^|\s)[\p{Lu}&]{2,}(?=\s|$|[,;.])/u.test(raw.name.replace(/^(?:Các|CÁC)\s/u, ''));
      b.counts.set(name, (b.counts.get(name) ?? 0) + raw.mentions.length + (inFull ? 1000 : 0) + (tier && /\bcác\b/i.test(name) ? 2000 : 0));
      const best = [...b.counts.entries()].sort((x, y) => y[1] - x[1] || y[0].length - x[0].length)[0][0];
      b.name = best;
    }
    remap.set(raw.id, b.id);
    name = b.name;
  }
  const bodies: Body[] = [...merged.values()].map(({ counts: _c, ...b }) => ({
    ...b,
    roles: (['lead', 'coordinate'] as BodyRole[]).filter((r) => b.roles.includes(r)),
    mentions: b.mentions.sort((x, y) => x.start - y.start),
  }));
  const mapIds = (ids: string[]) => [...new Set(ids.map((id) => remap.get(id) ?? id))];
  const tasks = doc.tasks.map((t) => ({ ...t, lead: mapIds(t.lead), coordinate: mapIds(t.coordinate) }));
  return { ...doc, bodies, tasks };
}

/** Which local tier a plural name of people's committees stands for, if any. */
function localTier(name: string): 'district' | 'commune' | undefined {
  const k = foldLoose(name).replace(/^c[a-z0-9]?c /, 'cac ');
  if (!/^(?:uy ban nhan dan|ubnd|chu tich uy ban nhan dan)\b/.test(k) && !/^[a-z]?y ban nh\S{1,2}n d\S{1,2}n/.test(k)) return undefined;
  const rest = k.replace(/^\S+ \S+ \S+ \S+\s*/, '');
  // "cấp" and "các" as OCR leaves them: "cap", "cip", "cép", "cp", "céc".
  if (/^(?:c\S{0,2}[pc] (?:huyen|quan|thi xa|thanh pho))\b/.test(rest)) return 'district';
  if (/^(?:c\S{0,2}[pc] (?:xa|x3|phuong|thi tran))\b/.test(rest)) return 'commune';
  return undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The normalize stage (see {@link normalizeBodies}).
 *
 * @example
 * const doc4 = await normalizeStage()(doc3, {}); doc4.bodies[0].name // 'Sở Thông tin và Truyền thông'
 */
export function normalizeStage(_options: Record<string, unknown> = {}): Stage {
  return async (doc) => normalizeBodies(doc);
}
