import type { SectionKind } from '../schema/index.js';
import { findPhrase, foldLoose } from '../text/fold.js';

/**
 * Keyword phrases (folded) that name what a top-level section is for. The first phrase to occur in the
 * heading decides ("MỤC ĐÍCH, YÊU CẦU" is purpose; "MỤC TIÊU, NHIỆM VỤ" is objectives).
 */
const KIND_PHRASES: [SectionKind, string[]][] = [
  ['purpose', ['muc dich', 'quan diem']],
  ['requirements', ['yeu cau']],
  ['objectives', ['muc tieu', 'chi tieu', 'tam nhin']],
  ['funding', ['kinh phi', 'nguon von', 'nguon luc tai chinh', 'du toan', 'co che tai chinh']],
  // "thuc hien" alone comes last in its heading ("TỔ CHỨC THỰC HIỆN" with "TỔ CHỨC" damaged); a heading
  // that names funding or tasks first ("KINH PHÍ THỰC HIỆN") is classified by that earlier word.
  ['implementation', ['to chuc thuc hien', 'trach nhiem', 'phan cong', 'che do bao cao', 'dieu khoan thi hanh', 'thuc hien']],
  ['tasks', ['nhiem vu', 'giai phap', 'noi dung', 'hoat dong', 'chuong trinh hanh dong', 'danh muc']],
  ['appendix', ['phu luc']],
  ['other', ['can cu', 'thuc trang', 'ket qua', 'danh gia', 'su can thiet', 'co so', 'tinh hinh', 'boi canh', 'pham vi', 'doi tuong']],
];

/**
 * Classifies a section heading, tolerating OCR damage (matching on folded words with about one edit
 * per five letters). Returns `undefined` when no keyword is found.
 *
 * @example
 * classifyHeading('MUC PiCH, YEU CAU') // 'purpose'
 */
export function classifyHeading(heading: string): SectionKind | undefined {
  const loose = foldLoose(heading);
  let best: { kind: SectionKind; at: number } | undefined;
  for (const [kind, phrases] of KIND_PHRASES) {
    for (const p of phrases) {
      // Long section names ("to chuc thuc hien") stay recognisable with one wrong letter in four.
      const at = findPhrase(loose, p, p.replace(/ /g, '').length >= 14 ? 4 : 5);
      if (at >= 0 && (!best || at < best.at)) best = { kind, at };
    }
  }
  return best?.kind;
}

/**
 * Classifies a sub-heading ("1. Mục tiêu đến năm 2025", "2. Yêu cầu", "Chỉ tiêu chủ yếu"): only kinds a
 * sub-section can change to, and only when the keyword opens the heading.
 *
 * @example
 * classifySubHeading('2. Yêu cầu:') // 'requirements'
 */
export function classifySubHeading(heading: string): SectionKind | undefined {
  const loose = foldLoose(heading.replace(/^\s*(?:\(?[0-9]{1,2}\s*[.)]|\(?[a-zđ]\s*\)|[-+•])\s*/i, ''));
  const words = loose.split(' ').slice(0, 4).join(' ');
  for (const [kind, phrases] of [
    ['purpose', ['muc dich']],
    ['requirements', ['yeu cau']],
    ['objectives', ['muc tieu', 'chi tieu', 'dinh huong den nam', 'tam nhin den nam']],
    // A mixed section ("MỤC TIÊU, NHIỆM VỤ") whose second part lists tasks: not targets.
    ['tasks', ['nhiem vu', 'giai phap', 'nhiem vu giai phap']],
  ] as [SectionKind, string[]][]) {
    for (const p of phrases) if (findPhrase(words, p) === 0) return kind;
  }
  return undefined;
}
