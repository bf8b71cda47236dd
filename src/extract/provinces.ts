import { editDistance, fold, foldLoose } from '../text/fold.js';

/**
 * Vietnam's provinces and centrally-run cities: the 63 units in force until 30 June 2025 and the 34 from
 * 1 July 2025 (Nghị quyết 202/2025/QH15); names that survived are listed once. `city` marks the
 * centrally-run cities ("thành phố"). Public administrative facts, written from the official lists.
 *
 * @example
 * PROVINCES.find((p) => p.name === 'Lâm Đồng') // { name: 'Lâm Đồng' }
 */
export const PROVINCES: { name: string; city?: boolean }[] = [
  { name: 'Hà Nội', city: true }, { name: 'Hồ Chí Minh', city: true }, { name: 'Hải Phòng', city: true },
  { name: 'Đà Nẵng', city: true }, { name: 'Cần Thơ', city: true }, { name: 'Huế', city: true },
  { name: 'Thừa Thiên Huế' }, { name: 'An Giang' }, { name: 'Bà Rịa - Vũng Tàu' }, { name: 'Bắc Giang' }, { name: 'Bắc Kạn' },
  { name: 'Bạc Liêu' }, { name: 'Bắc Ninh' }, { name: 'Bến Tre' }, { name: 'Bình Định' }, { name: 'Bình Dương' },
  { name: 'Bình Phước' }, { name: 'Bình Thuận' }, { name: 'Cà Mau' }, { name: 'Cao Bằng' }, { name: 'Đắk Lắk' },
  { name: 'Đắk Nông' }, { name: 'Điện Biên' }, { name: 'Đồng Nai' }, { name: 'Đồng Tháp' }, { name: 'Gia Lai' },
  { name: 'Hà Giang' }, { name: 'Hà Nam' }, { name: 'Hà Tĩnh' }, { name: 'Hải Dương' }, { name: 'Hậu Giang' },
  { name: 'Hòa Bình' }, { name: 'Hưng Yên' }, { name: 'Khánh Hòa' }, { name: 'Kiên Giang' }, { name: 'Kon Tum' },
  { name: 'Lai Châu' }, { name: 'Lâm Đồng' }, { name: 'Lạng Sơn' }, { name: 'Lào Cai' }, { name: 'Long An' },
  { name: 'Nam Định' }, { name: 'Nghệ An' }, { name: 'Ninh Bình' }, { name: 'Ninh Thuận' }, { name: 'Phú Thọ' },
  { name: 'Phú Yên' }, { name: 'Quảng Bình' }, { name: 'Quảng Nam' }, { name: 'Quảng Ngãi' }, { name: 'Quảng Ninh' },
  { name: 'Quảng Trị' }, { name: 'Sóc Trăng' }, { name: 'Sơn La' }, { name: 'Tây Ninh' }, { name: 'Thái Bình' },
  { name: 'Thái Nguyên' }, { name: 'Thanh Hóa' }, { name: 'Tiền Giang' }, { name: 'Trà Vinh' }, { name: 'Tuyên Quang' },
  { name: 'Vĩnh Long' }, { name: 'Vĩnh Phúc' }, { name: 'Yên Bái' },
];

const FOLDED = PROVINCES.map((p) => ({ ...p, key: foldLoose(p.name).split(' ') })).sort((a, b) => b.key.length - a.key.length);

/**
 * Finds a province named after "tỉnh" / "thành phố" in a text, OCR-tolerant ("tinh Séc Trang" → Sóc Trăng).
 * Returns the first one named, with whether it is a centrally-run city.
 *
 * @example
 * findProvince('trên địa bàn tỉnh Lâm Đồng') // { name: 'Lâm Đồng', city: false }
 */
export function findProvince(text: string): { name: string; city: boolean } | undefined {
  const words = foldLoose(text).split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let from = -1;
    if (w === 'tinh' || w === 'tlnh' || w === 'tinhh') from = i + 1;
    else if (w === 'thanh' && words[i + 1] === 'pho') from = i + 2;
    if (from < 0) continue;
    const hit = matchAt(words, from);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Reads a province name standing alone ("Lai Chau", "Quảng Ninh"), OCR-tolerant.
 *
 * @example
 * matchProvince('Lai Chau') // { name: 'Lai Châu', city: false }
 */
export function matchProvince(text: string): { name: string; city: boolean } | undefined {
  const words = foldLoose(text.replace(/^(?:tỉnh|thành phố|tp\.?)\s+/i, '')).split(' ');
  const hit = matchAt(words, 0);
  return hit && FOLDED.find((p) => p.name === hit.name)!.key.length === words.length ? hit : undefined;
}

function matchAt(words: string[], from: number): { name: string; city: boolean } | undefined {
  let best: { name: string; city: boolean; d: number; len: number } | undefined;
  for (const p of FOLDED) {
    const cand = words.slice(from, from + p.key.length);
    if (cand.length < p.key.length) continue;
    const a = cand.join(' ');
    const b = p.key.join(' ');
    if (a === b) return { name: p.name, city: Boolean(p.city) };
    const allowance = Math.floor(b.length / 4);
    const d = editDistance(a, b, allowance);
    if (d <= allowance && (!best || d < best.d || (d === best.d && p.key.length > best.len))) best = { name: p.name, city: Boolean(p.city), d, len: p.key.length };
  }
  return best && { name: best.name, city: best.city };
}

/**
 * Folded key of a province name, for comparisons.
 *
 * @example
 * provinceKey('Lâm Đồng') // 'lam dong'
 */
export function provinceKey(name: string): string {
  return fold(name);
}
