/**
 * The restoration model: syllable inventory, abbreviation list, channel and language model, built
 * from clean sources only (npm @vntk/dictionary, dictionary-vi, dvhcvn, and the committed files in
 * `dictionaries/`), then cached as one binary file under `node_modules/.cache/vnplan/` so later
 * loads take milliseconds. Everything works offline.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaseChooser, CONTEXT_COUNTS, isInCapitals, lineCaseContexts } from './case.js';
import { Channel, type ChannelData } from './channel.js';
import { candidateParamsKey, Decoder, DEFAULT_PARAMS, type BaseCandidate } from './decode.js';
import { buildLm, LanguageModel, MixedLanguageModel, type Lm, type LmData, type MixedTables, FIRST_WORD, UNK } from './lm.js';
import { casePattern, isWellFormed, modelForm, skeleton } from './syllable.js';
import { continuesSentence, isRomanNumeral, isRunningText, tokenizeLine } from './tokenize.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root (src/restore → ../..). */
export const ROOT = path.resolve(here, '..', '..');
/** Committed restoration data (channel, OCR pages, genre corpus). */
export const DICT_DIR = path.join(ROOT, 'dictionaries');

/** Everything the decoder needs, loaded. */
export interface RestoreModel {
  lm: Lm;
  channel: Channel;
  /** Canonical lower-case syllables. */
  syllables: Set<string>;
  /** Abbreviations as written ("QĐ", "UBND", "TTg"). */
  abbreviations: Set<string>;
  /** Skeleton → syllables and abbreviations sharing it. */
  bySkeleton: Map<string, string[]>;
  /** Deletion neighbourhood (SymSpell) over skeletons, distance ≤ 2. */
  deletions: Map<string, string[]>;
  /** Precomputed readings of likely OCR tokens (lower case, no capitals inside), if built. */
  candidateTable?: CandidateTable;
  /**
   * −ln P(capitalised | word, mid-sentence) and −ln P(lower case | …) per id (0 where unknown), and
   * −ln P(in capitals | …) per id, UNK's for tokens outside the vocabulary.
   */
  capCost?: CapCosts;
  /** Chooses the case restored words are printed in (when the channel has case evidence). */
  caseChooser?: CaseChooser;
  loadMs: number;
}

/**
 * Per LM id, costs (−ln P) of a word's case in the middle of a sentence of running text, from
 * clean genre text (0 where unknown; UNK's for tokens outside the vocabulary).
 */
export interface CapCosts {
  /** Capitalised, and lower case (of the occurrences not in capitals). */
  title: Float32Array;
  lower: Float32Array;
  /** In capitals. */
  upper: Float32Array;
  /** In capitals with no word in capitals next to it (an acronym, not part of a name in capitals). */
  upperAlone: Float32Array;
}

/** Lower-case token → its readings, for decoders whose candidate parameters match `paramsKey`. */
export interface CandidateTable {
  paramsKey: string;
  /** Readings of a token without capitals inside, by its lower case. */
  get(lower: string): BaseCandidate[] | undefined;
  /** Readings of a token in capitals ("BAN"), by its lower case. */
  getCapitals(lower: string): BaseCandidate[] | undefined;
  readonly size: number;
}

/** The candidate table in serialisable form: keys, offsets into flat id/cost arrays. */
export interface CandidateTableData {
  paramsKey: string;
  keys: string[];
  /** keys.length + 1 offsets into ids/costs. */
  offsets: Int32Array;
  ids: Int32Array;
  costs: Float64Array;
  /** Which entries are abbreviations (1) or syllables (0). */
  abbr: Uint8Array;
}

/** Sources of clean text for the language model (weights repeat genre text). */
export interface LmSources {
  /** Clean plans (the genre); each is full text. */
  genre: { name: string; text: string }[];
  genreWeight?: number;
}

/** Built model data: the general LM, the in-domain LM (same vocabulary) and abbreviations. */
export interface ModelData {
  lm: LmData;
  genreLm: LmData;
  abbreviations: string[];
  /** Precomputed candidates (added by {@link withPrecomputedTables}). */
  table?: CandidateTableData;
  /** The mixed LM's precomputed tables (added by {@link withPrecomputedTables}). */
  mixed?: MixedTables;
  /**
   * Per vocabulary id, how often the word is capitalised in the middle of a sentence of clean
   * genre text: [capitalised, all but capitals] counts (Sở 0.9, số 0.01), so case tells "Sở" from
   * "Số"; and how often it stands there in capitals (UBND always, "số" never). Tokens outside the
   * vocabulary count under UNK (mostly acronyms: FDI, GIS).
   */
  caps?: Caps;
}

/** Mid-sentence case counts per vocabulary id (see ModelData.caps). */
export interface Caps {
  title: Float32Array;
  total: Float32Array;
  upper: Float32Array;
  /**
   * Of `upper`, the occurrences with no word in capitals next to them: an acronym stands alone
   * ("GIS và AI trong"), a syllable in capitals inside running text is part of a name in capitals
   * ("tỉnh LAI CHÂU"). Next to = the adjacent token, so "TT&TT, UBND" counts as alone, while the
   * decoder (lineCaseContexts) looks past punctuation to the next word.
   */
  upperAlone: Float32Array;
  /**
   * Syllables per context (see CaseContext: 3 counts per context), counts of lower-case,
   * capitalised and capitals ones: the case prior where the word's own rates do not apply.
   */
  context: number[];
}

/** Weight of the in-domain (plans) model in the interpolation. */
export const GENRE_LAMBDA = 0.7;

/**
 * Turns clean text into LM sentences: words in canonical lower case, numbers and Roman numerals
 * as `<num>`, abbreviations as written, a comma as `,` (the decoder reads a list's words in each
 * other's context: "biển, đảo"); other punctuation and line ends cut sentences.
 *
 * @example
 * textToSentences('Chuyển đổi số, năm 2025. Mục tiêu', new Set(['chuyển','đổi','số','năm','mục','tiêu']), new Set())
 * // [['chuyển','đổi','số',',','năm','<num>'], ['mục','tiêu']]
 */
export function textToSentences(text: string, syllables: Set<string>, abbreviations: Set<string>): string[][] {
  const out: string[][] = [];
  // A sentence ends at a word: a comma before its end stands before nothing.
  const push = (cur: string[]) => {
    while (cur[cur.length - 1] === ',') cur.pop();
    if (cur.length) out.push(cur);
  };
  for (const line of text.normalize('NFC').split('\n')) {
    let cur: string[] = [];
    for (const t of tokenizeLine(line)) {
      // A Roman numeral is a number to the decoder ("Quý III/2024": quý before a number).
      if (t.kind === 'number' || (t.kind === 'word' && isRomanNumeral(t.text))) cur.push('<num>');
      else if (t.kind === 'word') {
        for (const part of t.text.split(/['’]/)) {
          const lc = modelForm(part);
          if (syllables.has(lc)) cur.push(lc);
          else if (abbreviations.has(part)) cur.push(part);
          else cur.push('<unk>');
        }
      } else if (t.kind === 'punct' && t.text === ',') {
        if (cur.length && cur[cur.length - 1] !== ',') cur.push(',');
      } else if ((t.kind === 'punct' && t.boundary) || t.kind === 'protected') {
        push(cur);
        cur = [];
      }
    }
    push(cur);
  }
  return out;
}

interface Inventory {
  syllables: Map<string, number>;
  abbreviations: Set<string>;
}

function vntkDefinitions(): Record<string, { example?: string; definition?: string }[]> {
  return require('@vntk/dictionary/data/dictionary.json');
}

function vntkWordList(): string[] {
  const file = path.join(path.dirname(require.resolve('@vntk/dictionary/package.json')), 'data', 'Viet74K.txt');
  return readFileSync(file, 'utf8').normalize('NFC').split('\n');
}

/** A package's folder, even when its `exports` hide package.json (dictionary-vi). */
function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const p = path.join(dir, name);
    if (existsSync(path.join(p, 'package.json'))) return p;
  }
  throw new Error(`restore: package ${name} is not installed (npm install)`);
}

function dictionaryViWords(): string[] {
  const file = path.join(packageDir('dictionary-vi'), 'index.dic');
  return readFileSync(file, 'utf8').normalize('NFC').split('\n').slice(1).map((l) => l.split('/')[0]);
}

/** Administrative units (provinces, districts) as running-text phrases: "tỉnh Sóc Trăng". */
export function gazetteerPhrases(): string[] {
  const dv = require('dvhcvn') as { level1s: { name: string; children: { name: string; children?: { name: string }[] }[] }[] };
  const unit = (n: string) => n.replace(/^(Thành phố|Tỉnh|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường)/, (t) => t.toLowerCase());
  const out: string[] = [];
  for (const p of dv.level1s) {
    out.push(`Ủy ban nhân dân ${unit(p.name)}`, `trên địa bàn ${unit(p.name)}`);
    for (const c of p.children) out.push(`${unit(c.name)}, ${unit(p.name)}`);
  }
  return out;
}

/**
 * Citation sentences in the standard form of Vietnamese legal references (Nghị định 30/2020/NĐ-CP):
 * "<loại> số <n>/<năm>/<KÝ HIỆU>-<CƠ QUAN> ngày <d>/<m>/<năm> của <cơ quan>". Generic knowledge of the
 * genre, so the model learns document codes ("NĐ-CP", "QĐ-TTg") as sequences.
 */
export function citationSentences(): string[] {
  const kinds: [string, string, string, string][] = [
    ['Nghị định', 'NĐ', 'CP', 'Chính phủ'],
    ['Nghị quyết', 'NQ', 'CP', 'Chính phủ'],
    ['Quyết định', 'QĐ', 'TTg', 'Thủ tướng Chính phủ'],
    ['Chỉ thị', 'CT', 'TTg', 'Thủ tướng Chính phủ'],
    ['Quyết định', 'QĐ', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Kế hoạch', 'KH', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Chỉ thị', 'CT', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Thông tư', 'TT', 'BTTTT', 'Bộ Thông tin và Truyền thông'],
    ['Thông tư', 'TT', 'BTC', 'Bộ Tài chính'],
    ['Quyết định', 'QĐ', 'BTTTT', 'Bộ Thông tin và Truyền thông'],
    ['Nghị quyết', 'NQ', 'HĐND', 'Hội đồng nhân dân tỉnh'],
    ['Công văn', 'CV', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Chương trình', 'CTr', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Thông báo', 'TB', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Báo cáo', 'BC', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Hướng dẫn', 'HD', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Tờ trình', 'TTr', 'UBND', 'Ủy ban nhân dân tỉnh'],
    ['Đề án', 'ĐA', 'UBND', 'Ủy ban nhân dân tỉnh'],
  ];
  const out: string[] = [];
  let n = 7;
  for (const [name, code, issuer, body] of kinds) {
    for (let i = 0; i < 6; i++) {
      n = (n * 37 + 11) % 997;
      const year = 2015 + (n % 11);
      const withYear = issuer === 'CP' || issuer === 'BTTTT' || issuer === 'BTC' || i % 2 === 0;
      const num = withYear ? `${n}/${year}/${code}-${issuer}` : `${n}/${code}-${issuer}`;
      out.push(`Thực hiện ${name} số ${num} ngày ${1 + (n % 28)}/${1 + (n % 12)}/${year} của ${body}`);
      out.push(`căn cứ ${name} ${num}`);
    }
  }
  out.push('Nghị quyết số 09-NQ/TU ngày 12/5/2022 của Ban Chấp hành Đảng bộ tỉnh', 'Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị');
  return out;
}

/** A syllable of a place name that Vietnamese spelling rules do not allow: letters only, two or more. */
function isPlaceSyllable(lc: string): boolean {
  return /^\p{L}{2,}$/u.test(lc);
}

/**
 * Extra cost (nats) of reading an OCR piece as a letter it was seen for only in another tone
 * (see Channel): 4 kept the 36-document comparison set at 908 errors (907 without; 3: 926, 2: 931)
 * while text of an engine the channel never saw (tesseract legacy, restored with the LSTM-only
 * channel) went from 68.80% to 69.37% of syllables right.
 */
const TONE_BACKOFF = 4;

/**
 * Extra cost (nats) of reading an OCR piece as a letter it was never seen for but another letter of
 * the same skeleton letter was (see Channel: "&", learned for ẽ, read for ệ). Errors on the two
 * halves of the bench's test plans (153K words each), English-model OCR: 3,284 / 3,374 off; 3,317 /
 * 3,370 at 3; 3,275 / 3,354 at 4; 3,263 / 3,357 at 5; 3,263 / 3,358 at 6; 3,283 / 3,374 at 8.
 */
const LETTER_BACKOFF = 5;

/** Abbreviations every plan uses (from the genre description, not from any sample). */
const GENRE_ABBREVIATIONS =
  'UBND HĐND MTTQ KH QĐ CT CTr ĐA NQ TB BC HD TTr TTg CP NĐ TT CV BTTTT BTC BNV BKHĐT BGDĐT BYT TU TW VH TTTT KH&CN KH&ĐT LĐTB&XH NN&PTNT GD&ĐT PT-TH CNTT ĐVHC UBMTTQ BCH THCS THPT TP TX CNH HĐH KT-XH'.split(' ');

function buildInventory(genre: { text: string }[]): Inventory {
  const counts = new Map<string, number>();
  const add = (w: string, c = 1, placeName = false) => {
    const lc = w.toLowerCase();
    if (!isWellFormed(lc) && !(placeName && isPlaceSyllable(lc))) return;
    const k = modelForm(lc);
    counts.set(k, (counts.get(k) ?? 0) + c);
  };
  const words = (s: string) => s.normalize('NFC').split(/[\s\-,.;:!?()"“”'’~[\]/]+/).filter(Boolean);
  for (const w of vntkWordList()) for (const s of words(w)) add(s, 2);
  for (const w of dictionaryViWords()) for (const s of words(w)) add(s, 2);
  // Place names keep syllables of minority languages that break Vietnamese spelling ("Đắk Lắk",
  // "Krông Búk", "Kon Tum", "Bắc Kạn"): a province's own name must be a reading its OCR can get.
  for (const p of gazetteerPhrases()) for (const s of words(p)) add(s, 2, true);
  const defs = vntkDefinitions();
  for (const [head, entries] of Object.entries(defs)) {
    for (const s of words(head)) add(s, 2);
    for (const e of entries) for (const s of words(`${e.example ?? ''} ${e.definition ?? ''}`)) add(s);
  }
  const abbreviations = new Set(GENRE_ABBREVIATIONS);
  for (const g of genre) {
    for (const s of words(g.text)) {
      add(s, 2);
      // Upper-case tokens that are not syllables are abbreviations (UBND, BTTTT).
      if (/^[A-ZĐ][A-ZĐa-z&]*[A-ZĐ]$/.test(s) && !isWellFormed(s)) abbreviations.add(s);
    }
  }
  for (const [k, c] of counts) if (c < 2) counts.delete(k);
  // One token each (no hyphen: "PT-TH" is two tokens to the tokenizer), and no real syllable.
  for (const a of [...abbreviations]) if (isWellFormed(a) || !/^[\p{L}&]+$/u.test(a)) abbreviations.delete(a);
  return { syllables: counts, abbreviations };
}

/** Clean plans written for the language model (one document per file, name = file slug). */
export const WRITTEN_DIR = path.join(DICT_DIR, 'genre-written');

/**
 * Reads the committed clean genre text used for LM training: `genre-corpus.txt` (the clean
 * sample plan and the genre fixtures not held out) and every file in `genre-written/`.
 *
 * @example
 * committedGenreText()[0].name // 'lam-dong-4423-KH-UBND-2023'
 */
export function committedGenreText(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const file = path.join(DICT_DIR, 'genre-corpus.txt');
  if (existsSync(file)) {
    // Documents are separated by lines "#### <name>".
    for (const part of readFileSync(file, 'utf8').split(/^#### /m).filter(Boolean)) {
      const nl = part.indexOf('\n');
      out.push({ name: part.slice(0, nl).trim(), text: part.slice(nl + 1) });
    }
  }
  for (const f of writtenFiles()) out.push({ name: path.basename(f, '.txt'), text: readFileSync(f, 'utf8').normalize('NFC') });
  return out;
}

function writtenFiles(): string[] {
  if (!existsSync(WRITTEN_DIR)) return [];
  return readdirSync(WRITTEN_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(WRITTEN_DIR, f));
}

/**
 * Reads the committed channel tables.
 *
 * @example
 * committedChannel().emissions['ư'].w // cost of reading ư as w
 */
export function committedChannel(): ChannelData {
  return JSON.parse(readFileSync(path.join(DICT_DIR, 'channel.json'), 'utf8')) as ChannelData;
}

/**
 * Builds the model data (inventory + LM) from the sources; a few seconds.
 *
 * @example
 * const data = buildModelData({ genre: committedGenreText() });
 */
export function buildModelData(sources: LmSources): ModelData {
  const inv = buildInventory(sources.genre);
  const syllables = new Set(inv.syllables.keys());
  const vocabulary = [...inv.syllables.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  vocabulary.push(...inv.abbreviations);
  const genreWeight = sources.genreWeight ?? 1;
  const abbr = inv.abbreviations;
  function* general(): Generator<{ words: string[]; weight?: number }> {
    const defs = vntkDefinitions();
    for (const [head, entries] of Object.entries(defs)) {
      for (const words of textToSentences(head, syllables, abbr)) yield { words };
      for (const e of entries) {
        for (const part of (e.example ?? '').split('~')) for (const words of textToSentences(part, syllables, abbr)) yield { words };
        for (const words of textToSentences(e.definition ?? '', syllables, abbr)) yield { words };
      }
    }
    for (const w of vntkWordList()) for (const words of textToSentences(w, syllables, abbr)) yield { words };
    for (const p of gazetteerPhrases()) for (const words of textToSentences(p, syllables, abbr)) yield { words };
  }
  function* genre(): Generator<{ words: string[]; weight?: number }> {
    for (const p of citationSentences()) for (const words of textToSentences(p, syllables, abbr)) yield { words };
    for (const g of sources.genre) for (const words of textToSentences(g.text, syllables, abbr)) yield { words, weight: genreWeight };
    // Place names in the forms plans use them, so "tỉnh Sóc Trăng" is in-domain too.
    for (const p of gazetteerPhrases()) for (const words of textToSentences(p, syllables, abbr)) yield { words };
  }
  const lm = buildLm(general(), vocabulary);
  return { lm, genreLm: buildLm(genre(), vocabulary), abbreviations: [...abbr], caps: countCaps(sources.genre, lm.vocab) };
}

/**
 * Counts, per word, its mid-sentence occurrences in clean genre text and how many of them are
 * capitalised ("giao Sở Tài chính" vs "số lượng"), and, apart, its occurrences there in capitals
 * ("vốn FDI", "giao UBND"); tokens outside the vocabulary count
 * under UNK. Mid-sentence = the previous token on the line is a word, a number or a comma; lines
 * in capitals (headings) are skipped.
 *
 * @example
 * countCaps([{ text: 'giao Sở Tài chính chủ trì' }], vocab).title[vocab.indexOf('sở')] // 1
 */
export function countCaps(texts: { text: string }[], vocab: string[]): Caps {
  const index = new Map(vocab.map((w, i) => [w, i]));
  const title = new Float32Array(vocab.length);
  const total = new Float32Array(vocab.length);
  const upper = new Float32Array(vocab.length);
  const upperAlone = new Float32Array(vocab.length);
  const context = new Array<number>(CONTEXT_COUNTS).fill(0);
  for (const { text } of texts) {
    for (const line of text.normalize('NFC').split('\n')) {
      // (That range also holds capitals such as Ạ, so headings in capitals pass it: the counts of
      // words in capitals take running text only, as the decoder asks.)
      const hasLower = /[a-zà-ỹđ]/.test(line);
      const runningText = isRunningText(line);
      const tokens = tokenizeLine(line).filter((t) => t.kind !== 'space');
      const isWordOrNumber = tokens.map((t) => t.kind === 'word' || t.kind === 'number');
      const capitals = tokens.map((t, at) => isWordOrNumber[at] && isInCapitals(t.text));
      const contextAt = lineCaseContexts(tokens.filter((_, at) => isWordOrNumber[at]).map((t) => t.text));
      let i = -1;
      tokens.forEach((t, at) => {
        if (isWordOrNumber[at]) i++;
        if (t.kind !== 'word') return;
        const start = !continuesSentence(tokens[at - 1]);
        const caseContext = contextAt(i, start);
        const lower = modelForm(t.text.toLowerCase());
        // Abbreviations are in the vocabulary as written, syllables in lower case.
        const abbreviation = t.text !== t.text.toLowerCase() && index.has(t.text);
        const pattern = casePattern(t.text);
        // The context prior counts syllables only: abbreviations ("UBND") are printed as written.
        if (!abbreviation && index.has(lower)) context[3 * caseContext + ['lower', 'title', 'upper'].indexOf(pattern)]++;
        if (!hasLower || start) return;
        const id = index.get(t.text) ?? index.get(lower) ?? UNK;
        if (pattern === 'upper') {
          if (!runningText) return;
          upper[id]++;
          // (Neighbours here are the adjacent tokens, punctuation included; see the note on Caps.)
          if (!capitals[at - 1] && !capitals[at + 1]) upperAlone[id]++;
        } else {
          total[id]++;
          if (pattern === 'title') title[id]++;
        }
      });
    }
  }
  return { title, total, upper, upperAlone, context };
}

/** Pseudo-count pulling a rarely seen word's capitalisation rate towards the overall rate. */
const CAP_PRIOR_COUNT = 4;

function capCosts(caps: Caps, vocab: string[]): CapCosts {
  let t = 0;
  let n = 0;
  let u = 0;
  let a = 0;
  for (let i = FIRST_WORD; i < caps.total.length; i++) {
    t += caps.title[i];
    n += caps.total[i];
    u += caps.upper[i];
    a += caps.upperAlone[i];
  }
  const p0 = n ? t / n : 0.1;
  const pu0 = n + u ? u / (n + u) : 0.01;
  const pa0 = n + a ? a / (n + a) : 0.01;
  const title = new Float32Array(caps.total.length);
  const lower = new Float32Array(caps.total.length);
  const upper = new Float32Array(caps.total.length);
  const upperAlone = new Float32Array(caps.total.length);
  const upperCost = (i: number) => -Math.log((caps.upper[i] + CAP_PRIOR_COUNT * pu0) / (caps.total[i] + caps.upper[i] + CAP_PRIOR_COUNT));
  const aloneCost = (i: number) => -Math.log((caps.upperAlone[i] + CAP_PRIOR_COUNT * pa0) / (caps.total[i] + caps.upperAlone[i] + CAP_PRIOR_COUNT));
  for (let i = FIRST_WORD; i < caps.total.length; i++) {
    const rate = (caps.title[i] + CAP_PRIOR_COUNT * p0) / (caps.total[i] + CAP_PRIOR_COUNT);
    title[i] = -Math.log(rate);
    lower[i] = -Math.log(1 - rate);
    // An abbreviation is in the vocabulary as it is written ("QĐ"): its capitals cost nothing.
    const abbreviation = vocab[i] !== vocab[i].toLowerCase();
    upper[i] = abbreviation ? 0 : upperCost(i);
    upperAlone[i] = abbreviation ? 0 : aloneCost(i);
  }
  upper[UNK] = upperCost(UNK);
  upperAlone[UNK] = aloneCost(UNK);
  return { title, lower, upper, upperAlone };
}

// ---- binary cache -------------------------------------------------------------------------

const ARRAYS = ['uniLp', 'uniBow', 'biKey', 'biLp', 'biBow', 'triK1', 'triK2', 'triLp'] as const;

function serialise(data: ModelData): Buffer {
  const lms = [data.lm, data.genreLm];
  const t = data.table;
  const header = Buffer.from(
    JSON.stringify({
      vocab: data.lm.vocab,
      abbreviations: data.abbreviations,
      sizes: lms.map((l) => [l.uniLp.length, l.biKey.length, l.triK1.length]),
      table: t ? { paramsKey: t.paramsKey, keys: t.keys, entries: t.ids.length } : undefined,
      caps: data.caps ? data.caps.total.length : 0,
      capsContext: data.caps?.context,
      mixed: data.mixed ? { lambda: data.mixed.lambda, tri: data.mixed.tri.length, bi: data.mixed.bi.length, maxLogProb: data.mixed.maxLogProb.length } : undefined,
    }),
  );
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
  const view = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const parts = lms.flatMap((l) => ARRAYS.map((k) => view(l[k])));
  if (data.caps) parts.push(view(data.caps.title), view(data.caps.total), view(data.caps.upper), view(data.caps.upperAlone));
  // The Float64 arrays (the bounds, the table's costs) are copied out on load: no alignment to keep.
  if (data.mixed) parts.push(view(data.mixed.tri), view(data.mixed.bi), view(data.mixed.maxLogProb));
  if (t) parts.push(view(t.offsets), view(t.ids), view(t.costs), view(t.abbr));
  return Buffer.concat([len, header, pad, ...parts]);
}

function deserialise(buf: Buffer): ModelData {
  const hl = buf.readUInt32LE(0);
  const h = JSON.parse(buf.subarray(4, 4 + hl).toString('utf8')) as {
    vocab: string[];
    abbreviations: string[];
    sizes: [number, number, number][];
    table?: { paramsKey: string; keys: string[]; entries: number };
    caps?: number;
    capsContext?: number[];
    mixed?: { lambda: number; tri: number; bi: number; maxLogProb: number };
  };
  let off = 4 + hl;
  off += (4 - (off % 4)) % 4;
  const ab = buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + buf.length);
  let o = 0;
  const f32 = (n: number) => {
    const a = new Float32Array(ab, o, n);
    o += 4 * n;
    return a;
  };
  const i32 = (n: number) => {
    const a = new Int32Array(ab, o, n);
    o += 4 * n;
    return a;
  };
  const lms = h.sizes.map(
    ([n1, n2, n3]): LmData => ({ vocab: h.vocab, uniLp: f32(n1), uniBow: f32(n1), biKey: i32(n2), biLp: f32(n2), biBow: f32(n2), triK1: i32(n3), triK2: i32(n3), triLp: f32(n3) }),
  );
  const caps = h.caps ? { title: f32(h.caps), total: f32(h.caps), upper: f32(h.caps), upperAlone: f32(h.caps), context: h.capsContext ?? new Array<number>(CONTEXT_COUNTS).fill(0) } : undefined;
  const f64 = (n: number) => {
    const a = new Float64Array(ab.slice(o, o + 8 * n));
    o += 8 * n;
    return a;
  };
  const mixed = h.mixed ? { lambda: h.mixed.lambda, tri: i32(h.mixed.tri), bi: i32(h.mixed.bi), maxLogProb: f64(h.mixed.maxLogProb) } : undefined;
  let table: CandidateTableData | undefined;
  if (h.table) {
    const n = h.table.entries;
    const offsets = i32(h.table.keys.length + 1);
    const ids = i32(n);
    const costs = f64(n);
    const abbr = new Uint8Array(ab, o, n);
    table = { paramsKey: h.table.paramsKey, keys: h.table.keys, offsets, ids, costs, abbr };
  }
  return { lm: lms[0], genreLm: lms[1], abbreviations: h.abbreviations, table, caps, mixed };
}

/**
 * The tokens worth precomputing: every syllable of the inventory (clean and partly clean text),
 * its skeleton (OCR that dropped every diacritic), every token the English model produced on
 * the channel's training pages (its typical garbles: "dugc", "cta", "nudc"), every string of up
 * to three plain letters, every number of one or two digits, and the channel's likeliest garbles
 * of the commoner syllables.
 */
function likelyTokens(data: ModelData, channelData: ChannelData, lm: Lm): string[] {
  const out = new Set<string>();
  const abbreviations = new Set(data.abbreviations);
  for (const w of data.lm.vocab.slice(FIRST_WORD)) {
    if (abbreviations.has(w)) continue;
    out.add(w);
    out.add(skeleton(w));
  }
  const pages = path.join(DICT_DIR, 'ocr-pages.jsonl');
  if (existsSync(pages)) {
    for (const line of readFileSync(pages, 'utf8').split('\n')) {
      if (!line) continue;
      const ocr = (JSON.parse(line) as { ocr: string }).ocr;
      for (const t of tokenizeLine(ocr.replace(/\n/g, ' '))) if (t.kind === 'word' && !/[A-ZĐ]/.test(t.text.slice(1))) out.add(t.text.toLowerCase());
    }
  }
  // Every string of one to three plain letters: speckles and broken words come out of OCR as
  // short junk ("ee", "es", "aie") that no clean text or channel garble lists.
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters) {
    out.add(a);
    for (const b of letters) {
      out.add(a + b);
      for (const c of letters) out.add(a + b + c);
    }
  }
  // Numbers of one or two digits: among words they may be misread words ("6 nhiễm").
  for (let n = 0; n < 100; n++) {
    out.add(String(n));
    if (n < 10) out.add(`0${n}`);
  }
  // The channel's likeliest garbles of the commoner syllables ("của" → "ciia", "nước" → "nudc").
  const common = data.lm.vocab
    .map((w, id) => ({ w, id }))
    .slice(FIRST_WORD)
    .filter(({ w }) => !abbreviations.has(w))
    .sort((a, b) => lm.unigram(b.id) - lm.unigram(a.id))
    .slice(0, GARBLED_SYLLABLES);
  for (const { w } of common) for (const g of channelGarbles(w, channelData.emissions)) out.add(g);
  return [...out].sort();
}

/** How many of the commonest syllables get their likeliest garbles precomputed. */
const GARBLED_SYLLABLES = 3000;

/**
 * The likeliest OCR strings of a syllable under the channel: per character its cheapest
 * emissions, combined while the total stays within `budget` nats of the best, at most `max`.
 *
 * @example
 * channelGarbles('của', committedChannel().emissions) // ['của', 'cua', 'ctia', …]
 */
export function channelGarbles(syllable: string, emissions: ChannelData['emissions'], budget = 5, max = 10): string[] {
  const chars = [...syllable];
  const options = chars.map((c) =>
    Object.entries(emissions[c] ?? { [c]: 0 })
      .sort((a, b) => a[1] - b[1])
      .slice(0, 6),
  );
  const limit = options.reduce((sum, o) => sum + o[0][1], 0) + budget;
  const found: [string, number][] = [];
  const walk = (i: number, text: string, cost: number) => {
    if (i === chars.length) {
      found.push([text, cost]);
      return;
    }
    for (const [o, c] of options[i]) {
      if (cost + c > limit) break;
      walk(i + 1, text + o, cost + c);
    }
  };
  walk(0, '', 0);
  return found
    .sort((a, b) => a[1] - b[1])
    .slice(0, max)
    .map(([t]) => t)
    .filter((t) => /^\p{L}/u.test(t) && !/[A-ZĐ]/.test(t.slice(1)));
}

/**
 * Adds the precomputed candidate table to built model data: the decoder's own candidate search
 * run once per likely token at build time (a few seconds), so restoring a document mostly looks
 * candidates up instead of searching (the search is most of a cold decode).
 *
 * @example
 * const data = withPrecomputedTables(buildModelData({ genre: committedGenreText() }), committedChannel());
 */
export function withPrecomputedTables(data: ModelData, channelData: ChannelData): ModelData {
  const model = assembleModel(data, channelData);
  const decoder = new Decoder(model, DEFAULT_PARAMS, { sharedCache: false });
  const lowerKeys = likelyTokens(data, channelData, model.lm);
  const capitalKeys = likelyCapitals(model);
  const keys = [...lowerKeys, ...capitalKeys.map((k) => CAPITALS + k)];
  const offsets = new Int32Array(keys.length + 1);
  const ids: number[] = [];
  const costs: number[] = [];
  const abbr: number[] = [];
  keys.forEach((key, i) => {
    offsets[i] = ids.length;
    const upper = key.startsWith(CAPITALS);
    const k = upper ? key.slice(CAPITALS.length) : key;
    const token = upper ? k.toUpperCase() : k;
    const valid = decoder.keepId(token) !== UNK;
    for (const c of decoder.baseCandidates(k, token, upper, valid)) {
      ids.push(c.id);
      costs.push(c.cost);
      abbr.push(c.isAbbr ? 1 : 0);
    }
  });
  offsets[keys.length] = ids.length;
  const table = { paramsKey: candidateParamsKey(DEFAULT_PARAMS), keys, offsets, ids: Int32Array.from(ids), costs: Float64Array.from(costs), abbr: Uint8Array.from(abbr) };
  return { ...data, table, mixed: (model.lm as MixedLanguageModel).tables() };
}

/** Prefix of the table keys that hold the readings of a token in capitals ("^ban" for "BAN"). */
const CAPITALS = '^';

/**
 * The ALL-CAPS tokens worth precomputing: headings in capitals lose their diacritics to the
 * English model ("UY BAN NHAN DAN"), so every skeleton, the abbreviations, and the commoner
 * syllables as they are (a capital search costs more than a lower-case one: abbreviations are
 * candidates too).
 */
function likelyCapitals(model: RestoreModel): string[] {
  const out = new Set<string>();
  const { lm, syllables, abbreviations } = model;
  for (const w of syllables) out.add(skeleton(w));
  for (const a of abbreviations) out.add(a.toLowerCase());
  const common = [...syllables].map((w) => ({ w, lp: lm.unigram(lm.id(w)) })).sort((a, b) => b.lp - a.lp);
  for (const { w } of common.slice(0, CAPITAL_SYLLABLES)) out.add(w);
  return [...out].sort();
}

/** How many of the commonest syllables the table holds in capitals as well. */
const CAPITAL_SYLLABLES = 1000;

function candidateTable(t: CandidateTableData, vocab: string[]): CandidateTable {
  const index = new Map<string, number>();
  t.keys.forEach((k, i) => index.set(k, i));
  const memo = new Map<number, BaseCandidate[]>();
  const lookup = (key: string): BaseCandidate[] | undefined => {
    const i = index.get(key);
    if (i === undefined) return undefined;
    let list = memo.get(i);
    if (!list) {
      list = [];
      for (let j = t.offsets[i]; j < t.offsets[i + 1]; j++) list.push({ w: vocab[t.ids[j]], id: t.ids[j], cost: t.costs[j], isAbbr: t.abbr[j] === 1 });
      memo.set(i, list);
    }
    return list;
  };
  return {
    paramsKey: t.paramsKey,
    size: t.keys.length,
    get: lookup,
    getCapitals: (lower) => lookup(CAPITALS + lower),
  };
}

function sourceFingerprint(): string {
  const h = createHash('sha1');
  // The code that builds the model and its candidate table (this folder): a change to it rebuilds
  // the cache, instead of relying on a version number someone has to remember to bump.
  for (const f of readdirSync(here).filter((n) => /\.[cm]?[jt]s$/.test(n)).sort()) h.update(f).update(readFileSync(path.join(here, f)));
  const files = [
    require.resolve('@vntk/dictionary/data/dictionary.json'),
    path.join(packageDir('dictionary-vi'), 'package.json'),
    require.resolve('dvhcvn/package.json'),
  ];
  for (const f of files) if (existsSync(f)) h.update(`${f}:${statSync(f).size}`);
  // Contents, not sizes: the candidate table depends on the channel, the LM on the texts.
  for (const f of [path.join(DICT_DIR, 'genre-corpus.txt'), path.join(DICT_DIR, 'channel.json'), path.join(DICT_DIR, 'ocr-pages.jsonl'), ...writtenFiles()]) {
    if (existsSync(f)) h.update(path.basename(f)).update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * Where the built model is cached.
 *
 * @example
 * cacheFile() // '…/node_modules/.cache/vnplan/restore-model-b9a277c60309.bin'
 */
export function cacheFile(): string {
  const dir = process.env.VNPLAN_CACHE_DIR ?? path.join(ROOT, 'node_modules', '.cache', 'vnplan');
  return path.join(dir, `restore-model-${sourceFingerprint()}.bin`);
}

/**
 * Builds the model from sources and writes the cache; returns the cache path.
 *
 * @example
 * buildAndCache() // '…/restore-model-b9a277c60309.bin', e.g. for "tỉnh Sóc Trăng" n-grams
 */
export function buildAndCache(): string {
  const file = cacheFile();
  const data = withPrecomputedTables(buildModelData({ genre: committedGenreText() }), committedChannel());
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, serialise(data));
  renameSync(tmp, file);
  removeOtherCaches(file);
  return file;
}

/**
 * Deletes the model caches beside `file` other than it: each version of the sources has its own
 * (60 MB), and the ones before are of no more use. A process that loaded one has it in memory; a
 * cache being written (*.tmp) is left alone.
 */
export function removeOtherCaches(file: string): void {
  const dir = path.dirname(file);
  for (const name of readdirSync(dir)) if (CACHE_NAME.test(name) && name !== path.basename(file)) rmSync(path.join(dir, name), { force: true });
}

const CACHE_NAME = /^restore-model-[0-9a-f]{12}\.bin$/;

/**
 * Assembles a model from built data and a channel (used by the loader and by the benchmark, which
 * builds a language model without its held-out text).
 *
 * @example
 * const cv = assembleModel(buildModelData({ genre: [] }), committedChannel()); cv.syllables.has('tỉnh') // true
 */
export function assembleModel(data: ModelData, channelData: ChannelData, loadStart = performance.now(), lambda = GENRE_LAMBDA): RestoreModel {
  const lm = new MixedLanguageModel(new LanguageModel(data.lm), new LanguageModel(data.genreLm), lambda, data.mixed);
  const abbreviations = new Set(data.abbreviations);
  const syllables = new Set<string>();
  const bySkeleton = new Map<string, string[]>();
  for (let i = FIRST_WORD; i < lm.vocab.length; i++) {
    const w = lm.vocab[i];
    if (!abbreviations.has(w)) syllables.add(w);
    const sk = skeleton(w);
    const list = bySkeleton.get(sk);
    if (list) list.push(w);
    else bySkeleton.set(sk, [w]);
  }
  const deletions = new Map<string, string[]>();
  for (const sk of bySkeleton.keys()) {
    for (const d of deletesOf(sk, 2)) {
      const l = deletions.get(d);
      if (l) l.push(sk);
      else deletions.set(d, [sk]);
    }
  }
  const candidateTableView = data.table ? candidateTable(data.table, lm.vocab) : undefined;
  const capCost = data.caps ? capCosts(data.caps, data.lm.vocab) : undefined;
  const channel = new Channel(channelData, undefined, TONE_BACKOFF, LETTER_BACKOFF);
  const caseChooser =
    channelData.caseEvidence && data.caps
      ? new CaseChooser(channelData.caseEvidence, data.caps.context, channel, capCost && ((id, alone) => midSentenceCase(capCost, id, alone)))
      : undefined;
  return { lm, channel, syllables, abbreviations, bySkeleton, deletions, candidateTable: candidateTableView, capCost, caseChooser, loadMs: performance.now() - loadStart };
}

/**
 * P(lower case, capitalised, capitals | word) in the middle of an ordinary sentence, from
 * capCosts; `alone`: no word in capitals next to it.
 */
function midSentenceCase(cost: CapCosts, id: number, alone: boolean): [number, number, number] | undefined {
  if (id < FIRST_WORD || id >= cost.title.length) return undefined;
  const upper = Math.exp(-(alone ? cost.upperAlone : cost.upper)[id]);
  return [(1 - upper) * Math.exp(-cost.lower[id]), (1 - upper) * Math.exp(-cost.title[id]), upper];
}

/**
 * All strings reachable from `s` by deleting up to `max` characters (including `s`).
 *
 * @example
 * deletesOf('duoc', 1) // Set {'duoc', 'uoc', 'doc', 'duc', 'duo'}
 */
export function deletesOf(s: string, max: number): Set<string> {
  const out = new Set<string>([s]);
  let frontier = [s];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const x of frontier) {
      for (let i = 0; i < x.length; i++) {
        const y = x.slice(0, i) + x.slice(i + 1);
        if (!out.has(y)) {
          out.add(y);
          next.push(y);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** The cached model in `file`, or undefined when there is none (or it was removed meanwhile). */
function readCache(file: string): ModelData | undefined {
  try {
    return deserialise(readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

let cached: RestoreModel | undefined;

/**
 * Loads the model (building and caching it on first use). Synchronous and memoised.
 *
 * @example
 * const model = loadModel(); model.syllables.has('nước') // true
 */
export function loadModel(): RestoreModel {
  if (cached) return cached;
  const t = performance.now();
  const file = cacheFile();
  let data = readCache(file);
  if (!data) {
    try {
      data = readCache(buildAndCache());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EACCES' && (error as NodeJS.ErrnoException).code !== 'EROFS') throw error;
    }
    // A read-only install cannot cache, and a process of another version sharing the folder may
    // have removed the cache just written (see removeOtherCaches): build in memory (slower start,
    // same model).
    data ??= withPrecomputedTables(buildModelData({ genre: committedGenreText() }), committedChannel());
  }
  cached = assembleModel(data, committedChannel(), t);
  return cached;
}
