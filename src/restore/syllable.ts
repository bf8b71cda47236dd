/**
 * Vietnamese syllable arithmetic: tone marks, diacritic-free skeletons, canonical tone placement
 * and the onset + rhyme + tone rules that decide whether a string can be a syllable at all.
 */

const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323']; // ngang sắc huyền hỏi ngã nặng
const VOWELS = 'aăâeêioôơuưy';

/** Tone index 0–5 (ngang, sắc, huyền, hỏi, ngã, nặng) and the syllable without its tone mark. */
export function splitTone(syllable: string): { base: string; tone: number } {
  const d = syllable.normalize('NFD');
  let tone = 0;
  let base = '';
  for (const ch of d) {
    const t = TONE_MARKS.indexOf(ch);
    if (t > 0) tone = t;
    else base += ch;
  }
  return { base: base.normalize('NFC'), tone };
}

/**
 * The letter in its other tones: the five others for a vowel, none for any other letter.
 *
 * @example
 * toneVariants('ế') // ['ê', 'ề', 'ể', 'ễ', 'ệ']
 */
export function toneVariants(letter: string): string[] {
  const { base, tone } = splitTone(letter);
  if (base.length !== 1 || !VOWELS.includes(base)) return [];
  const out: string[] = [];
  for (let t = 0; t < TONE_MARKS.length; t++) if (t !== tone) out.push((base + TONE_MARKS[t]).normalize('NFC'));
  return out;
}

/**
 * The text as typed without accents: tone marks, hats, horns and breves removed, đ → d, case kept.
 *
 * @example
 * withoutDiacritics('Đơn vị chủ trì') // 'Don vi chu tri'
 */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/**
 * The diacritic-free skeleton: lower case, no tone, no hat/horn/breve, đ → d.
 *
 * @example
 * skeleton('Chiến') // 'chien'
 */
export function skeleton(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
}

const charSkeletons = new Map<string, string>();

/**
 * {@link skeleton} of one character, memoised: callers ask it for every character of many strings
 * (channel priors, candidate search), and skeleton() normalises a whole string each time.
 *
 * @example
 * charSkeleton('ộ') // 'o'
 */
export function charSkeleton(c: string): string {
  let s = charSkeletons.get(c);
  if (s === undefined) charSkeletons.set(c, (s = skeleton(c)));
  return s;
}

/**
 * Puts the tone mark where current official spelling puts it (hòa, thủy, quốc, giữ), so that
 * "hoà" and "hòa" are one syllable. Input may be any case; case is kept.
 *
 * @example
 * canonicalTone('hoà') // 'hòa'
 */
export function canonicalTone(syllable: string): string {
  const { base, tone } = splitTone(syllable);
  if (tone === 0) return base;
  const lower = base.toLowerCase();
  const chars = [...lower];
  // Onset: "qu" and "gi" (before another vowel) own their u / i.
  let start = 0;
  while (start < chars.length && !VOWELS.includes(chars[start])) start++;
  if (start > 0 && chars[start - 1] === 'q' && chars[start] === 'u') start++;
  else if (start === 1 && chars[0] === 'g' && chars[1] === 'i' && start + 1 < chars.length && VOWELS.includes(chars[2])) start++;
  let end = start;
  while (end < chars.length && VOWELS.includes(chars[end])) end++;
  const vowelIdx: number[] = [];
  for (let i = start; i < end; i++) vowelIdx.push(i);
  if (vowelIdx.length === 0) {
    // "gì", "gìn": the i of gi carries the tone.
    const i = lower.indexOf('i');
    if (i < 0) return base;
    vowelIdx.push(i);
  }
  let pos: number;
  const marked = vowelIdx.filter((i) => 'ăâêôơư'.includes(chars[i]));
  if (marked.length) pos = marked[marked.length - 1];
  else if (vowelIdx.length === 1) pos = vowelIdx[0];
  else if (vowelIdx.length === 2) pos = end < chars.length ? vowelIdx[1] : vowelIdx[0];
  else pos = vowelIdx[1];
  const orig = [...base];
  orig[pos] = (orig[pos] + TONE_MARKS[tone]).normalize('NFC');
  return orig.join('');
}

const ONSETS = new Set(['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x']);
// Rhymes without tone (vowel nucleus + optional final), from the standard table of Vietnamese rhymes.
const RHYMES = new Set(
  (
    'a ac ach ai am an ang anh ao ap at au ay ă ăc ăm ăn ăng ăp ăt â âc âm ân âng âp ât âu ây ' +
    'e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu ' +
    'o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on ong oong op ot ' +
    'ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ uôc uôi uôm uôn uông uôt ' +
    'up ut uy uya uych uyên uyêt uyn uynh uyp uyt uyu ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu ' +
    'y yêm yên yêng yêt yêu ynh'
  ).split(' '),
);
const STOP_FINALS = /(p|t|c|ch)$/;

/**
 * Whether `word` obeys Vietnamese spelling: a known onset, a known rhyme, and sắc or nặng after
 * p, t, c, ch. Case-insensitive; tone placement does not matter.
 *
 * @example
 * isWellFormed('nước') // true
 * isWellFormed('nudc') // false
 */
export function isWellFormed(word: string): boolean {
  const { base, tone } = splitTone(word.toLowerCase());
  if (!/^[a-zăâđêôơư]+$/.test(base)) return false;
  if (!followsSpelling(base, RHYMES)) return false;
  return !STOP_FINALS.test(base) || tone === 1 || tone === 5;
}

// The rhymes with their letters' marks removed ("iêu" → "ieu"): what a syllable's rhyme becomes in text stripped of diacritics.
const BARE_RHYMES = new Set([...RHYMES].map(withoutDiacritics));

/**
 * Whether plain letters `word` could be a syllable with its marks taken off ("muc" for mục, "yeu"
 * for yêu, "dich" for đích): some syllable is spelled so once its diacritics and tone are gone.
 * Its đ may have kept its bar ("đich"), a letter of its own in an OCR engine's alphabet, where the
 * vowels' marks are not.
 *
 * @example
 * isBareSyllable('tieu') // true
 * isBareSyllable('đich') // true
 * isBareSyllable('ubnd') // false
 */
export function isBareSyllable(word: string): boolean {
  return /^[a-zđ]+$/.test(word) && followsSpelling(word, BARE_RHYMES);
}

/** The spelling rules of a syllable without its tone: onset, rhyme (one of `rhymes`), and which onsets go before which vowels. */
function followsSpelling(base: string, rhymes: Set<string>): boolean {
  let onset = '';
  for (const o of ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'qu', 'th', 'tr', 'ch']) {
    if (base.startsWith(o)) {
      onset = o;
      break;
    }
  }
  if (!onset && base.length && !VOWELS.includes(base[0])) onset = base[0];
  if (!ONSETS.has(onset)) return false;
  let rhyme = base.slice(onset.length);
  if (onset === 'gi' && rhyme === '') rhyme = 'i';
  if (onset === 'gi' && !rhyme.length) return false;
  // "gi" and "qu" may share their vowel with the rhyme: "gìn" (rhyme in), "quýt" (rhyme uyt, as in huýt).
  if (!rhymes.has(rhyme) && !(onset === 'gi' && rhymes.has('i' + rhyme)) && !(onset === 'qu' && rhyme[0] === 'y' && rhymes.has('u' + rhyme))) return false;
  // Spelling rules: k/gh/ngh before i e ê (y); c/g/ng elsewhere.
  const front = /^[ieêy]/.test(rhyme);
  if ((onset === 'k' || onset === 'gh' || onset === 'ngh') && !front) return false;
  if ((onset === 'c' || onset === 'ng') && front) return false;
  if (onset === 'g' && front && rhyme !== 'i') return false;
  if (onset === 'qu' && /^u/.test(rhyme)) return false;
  return true;
}

/** Case pattern of a token, to give the restored syllable the same look. */
export type CasePattern = 'lower' | 'title' | 'upper';

/** Reads the case pattern of an OCR token ("MUC" upper, "Chién" title, anything else lower). */
export function casePattern(token: string): CasePattern {
  const letters = token.replace(/[^\p{L}]/gu, '');
  // Mostly capitals is a capitals word with an OCR slip ("PiCH" for "ĐÍCH").
  let upper = 0;
  let lower = 0;
  for (const ch of letters) {
    if (ch !== ch.toLowerCase()) upper++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  if (letters.length >= 2 && upper >= 2 && upper > 2 * lower) return 'upper';
  const first = letters.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) return 'title';
  return 'lower';
}

/** Applies a case pattern to a lower-case syllable. */
export function applyCase(syllable: string, pattern: CasePattern): string {
  if (pattern === 'upper') return syllable.toUpperCase();
  if (pattern === 'title') return syllable.charAt(0).toUpperCase() + syllable.slice(1);
  return syllable;
}

const I_TO_Y: Record<string, string> = { i: 'y', ì: 'ỳ', í: 'ý', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ' };

/**
 * One spelling for syllables written with i or y after k, l, m ("kĩ năng" / "kỹ năng", "lí do" /
 * "lý do"): administrative documents write y, so the model counts both as the y form.
 * Expects lower case with canonical tone.
 *
 * @example
 * preferredSpelling('kĩ') // 'kỹ'
 */
export function preferredSpelling(syllable: string): string {
  if (syllable.length === 2 && (syllable[0] === 'k' || syllable[0] === 'l' || syllable[0] === 'm')) {
    const y = I_TO_Y[syllable[1]];
    if (y) return syllable[0] + y;
  }
  return syllable;
}

/** The form the model uses for a word: lower case, canonical tone, preferred i/y spelling. */
export function modelForm(word: string): string {
  return preferredSpelling(canonicalTone(word.toLowerCase()));
}
