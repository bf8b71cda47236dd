import iconv from 'iconv-lite';
import { syllableShapeShare } from '../text/syllable-shape.js';

/** Legacy Vietnamese encodings of old Word files and text exports. */
export type LegacyEncoding = 'tcvn3' | 'vni' | 'windows-1258';

// VNI-Windows writes a letter as its base plus marks drawn from Latin-1 letters: a tone after the
// vowel, a circumflex/breve+tone mark after it, or a whole replacement letter (ơ = ô, ư = ö, đ = ñ).
const VNI_TONE: Record<string, string> = { '\u0301': 'ù', '\u0300': 'ø', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' };
const VNI_CIRCUMFLEX: Record<string, string> = { '': 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' };
const VNI_BREVE: Record<string, string> = { '': 'ê', '\u0301': 'é', '\u0300': 'è', '\u0309': 'ú', '\u0303': 'ü', '\u0323': 'ë' };
const VNI_I: Record<string, string> = { '\u0301': 'í', '\u0300': 'ì', '\u0309': 'æ', '\u0303': 'ó', '\u0323': 'ò' };

function vniOf(letter: string): string | undefined {
  const upper = letter !== letter.toLowerCase();
  const lower = letter.toLowerCase();
  const up = (s: string) => (upper ? s.toUpperCase() : s);
  if (lower === 'đ') return up('ñ');
  const nfd = lower.normalize('NFD');
  const base = nfd[0];
  const marks = nfd.slice(1);
  const tone = marks.match(/[\u0300\u0301\u0303\u0309\u0323]/)?.[0] ?? '';
  if (marks.includes('\u031b')) return up(base === 'o' ? 'ô' : 'ö') + (tone ? up(VNI_TONE[tone]) : '');
  if (marks.includes('\u0302')) return up(base) + up(VNI_CIRCUMFLEX[tone]);
  if (marks.includes('\u0306')) return up(base) + up(VNI_BREVE[tone]);
  if (base === 'i' && tone) return up(VNI_I[tone]);
  if (base === 'y' && tone === '\u0323') return up('î');
  if (tone) return up(base) + up(VNI_TONE[tone]);
  return undefined;
}

let vniTable: Map<string, string> | undefined;
/** VNI sequence → Unicode letter, for every Vietnamese letter with a diacritic. */
function vniDecodeTable(): Map<string, string> {
  if (vniTable) return vniTable;
  vniTable = new Map();
  const letters = new Set<string>(['đ', 'Đ']);
  for (const base of 'aeiouy') {
    for (const mod of ['', '\u0302', '\u0306', '\u031b']) {
      for (const tone of ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323']) {
        const c = (base + mod + tone).normalize('NFC');
        if (c.length === 1) letters.add(c).add(c.toUpperCase());
      }
    }
  }
  for (const l of letters) {
    const seq = vniOf(l);
    if (seq) vniTable.set(seq, l);
  }
  return vniTable;
}

/**
 * Decodes VNI-Windows text (already read as Windows-1252 characters) to Unicode, longest match first.
 *
 * @example
 * decodeVni('Keá hoaïch trieån khai') // 'Kế hoạch triển khai'
 */
export function decodeVni(text: string): string {
  const table = vniDecodeTable();
  let out = '';
  for (let i = 0; i < text.length; ) {
    const two = table.get(text.slice(i, i + 2));
    if (two) {
      out += two;
      i += 2;
      continue;
    }
    out += table.get(text[i]) ?? text[i];
    i++;
  }
  return out;
}

function decodeAs(encoding: LegacyEncoding, bytes: Buffer): string {
  if (encoding === 'tcvn3') return iconv.decode(bytes, 'tcvn');
  if (encoding === 'vni') return decodeVni(iconv.decode(bytes, 'windows1252'));
  return iconv.decode(bytes, 'windows1258').normalize('NFC');
}

/**
 * Decodes bytes that are not UTF-8 by trying each legacy Vietnamese encoding and keeping the one
 * whose words look most like Vietnamese syllables. Returns undefined when none is convincing, so the
 * caller can refuse the file instead of producing mojibake.
 *
 * @example
 * decodeLegacy(readFileSync('ke-hoach-tcvn3.txt'))?.encoding // 'tcvn3'
 */
export function decodeLegacy(bytes: Buffer): { text: string; encoding: LegacyEncoding; share: number } | undefined {
  let best: { text: string; encoding: LegacyEncoding; share: number } | undefined;
  for (const encoding of ['tcvn3', 'vni', 'windows-1258'] as const) {
    const text = decodeAs(encoding, bytes);
    const { share, words } = syllableShapeShare(text);
    if (words >= 3 && share >= 0.75 && (!best || share > best.share)) best = { text, encoding, share };
  }
  return best;
}

/**
 * Repairs Unicode text that is legacy-encoded text read as Windows-1252 and saved again ("KÕ ho¹ch"
 * for "Kế hoạch"), when the repair clearly reads better. Clean Vietnamese is returned untouched.
 *
 * @example
 * repairMojibake('KÕ ho¹ch triÓn khai')?.text // 'Kế hoạch triển khai'
 */
export function repairMojibake(text: string): { text: string; encoding: LegacyEncoding; share: number } | undefined {
  const before = syllableShapeShare(text);
  if (before.words < 3 || before.share >= 0.85) return undefined;
  // Only characters Windows-1252 can hold could be mojibake of an 8-bit encoding.
  if (/[^\u0000-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/.test(text)) {
    return undefined;
  }
  const repaired = decodeLegacy(iconv.encode(text, 'windows1252'));
  return repaired && repaired.share >= before.share + 0.25 ? repaired : undefined;
}
