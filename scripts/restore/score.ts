import { Decoder, type WordDecision } from '../../src/restore/decode.js';
import { canonicalTone } from '../../src/restore/syllable.js';
import { alignTokens, wordTokens } from './align.js';
import type { OcrPage } from './ocr-pairs.js';

const norm = (w: string) => canonicalTone(w.toLowerCase().normalize('NFC'));
/** Tone-placement-insensitive, case-sensitive: hoà = hòa, but Hòa ≠ hòa. */
const sameLetters = (w: string) => {
  const n = w.normalize('NFC');
  const lower = n.toLowerCase();
  const canon = canonicalTone(lower);
  return [...canon].map((ch, i) => (n[i] !== undefined && n[i] !== lower[i] ? ch.toUpperCase() : ch)).join('');
};
const isWord = (w: string) => /\p{L}/u.test(w);

export interface Score {
  truthWords: number;
  correct: number;
  inputCorrect: number;
  wrongInInput: number;
  fixedOfWrong: number;
  brokenOfRight: number;
  conf90: number;
  conf90Right: number;
  /** Words under confidence 0.5, and how many of them are right. */
  confLow: number;
  confLowRight: number;
  /** Σ (confidence − right)² over words: the Brier score's numerator (calibration and sharpness). */
  brier: number;
  syllables: number;
  decodeMs: number;
  unaligned: number;
  /** Numbers of the truth the OCR read right (not scored as words: letters-only accuracy). */
  numbers: number;
  /** Of those, how many restoration turned into something else (a word, mostly). */
  numbersBroken: number;
  /** Words read right (ignoring case) but printed in another case than the truth ("xử Lý"). */
  caseWrong: number;
  /** OCR tokens the decoder read as two words OCR joined ("S&'Y" → "Sở Y"), and of those, the ones whose every word aligns with a truth word it matches. */
  joined: number;
  joinedRight: number;
}

export function emptyScore(): Score {
  return { truthWords: 0, correct: 0, inputCorrect: 0, wrongInInput: 0, fixedOfWrong: 0, brokenOfRight: 0, conf90: 0, conf90Right: 0, confLow: 0, confLowRight: 0, brier: 0, syllables: 0, decodeMs: 0, unaligned: 0, numbers: 0, numbersBroken: 0, caseWrong: 0, joined: 0, joinedRight: 0 };
}

/** Adds one score's counts into another. */
export function addScore(into: Score, s: Score): void {
  for (const k of Object.keys(into) as (keyof Score)[]) into[k] += s[k];
}

/** The OCR lines of a page as the decoder gets them (trailing blank lines dropped). */
export function ocrLines(page: OcrPage): string[] {
  return page.ocr.replace(/\n+$/, '').split('\n');
}

/** Scores restored pages against truth; returns also examples of errors. */
export function scorePages(pages: OcrPage[], decoder: Decoder, score: Score, errors: string[]): void {
  // One document = all its pages in one call, as the pipeline restores a whole document.
  const pageLines = pages.map(ocrLines);
  const t = performance.now();
  const all = decoder.decodeLines(pageLines.flat());
  score.decodeMs += performance.now() - t;
  let at = 0;
  const decodedPages = pageLines.map((ls) => {
    const d = all.slice(at, at + ls.length);
    at += ls.length;
    return d;
  });
  for (const [pi, p] of pages.entries()) {
    // Word tokens of the restored lines, with the decoder's confidence where it decided; `joined`:
    // the second word of a decision on two words OCR joined ("S&'Y" → "Sở Y", see
    // Decoder.joinedPieces), which has the decision's confidence.
    const restoredWords: { text: string; conf: number; joined: boolean }[] = [];
    for (const r of decodedPages[pi]) {
      const byStart = new Map(r.words.map((w) => [w.start, w]));
      let last: WordDecision | undefined;
      for (const tok of wordTokensWithPos(r.text)) {
        const w = byStart.get(tok.start);
        const joined = !w && last !== undefined && tok.start < last.end && last.to.includes(' ');
        if (w) last = w;
        restoredWords.push({ text: tok.text, conf: w ? w.confidence : joined ? last!.confidence : 1, joined });
      }
    }
    const ocrWords = splitAsRestored(wordTokens(p.ocr), restoredWords);
    const truth = wordTokens(p.truth.join('\n'));
    if (ocrWords.length !== restoredWords.length) throw new Error(`token count changed: ${ocrWords.length} → ${restoredWords.length}`);
    const pairs = new Map(alignTokens(truth, ocrWords));
    // A token read as joined words is right when each word is the truth word it aligns with (a
    // word the truth lacks, as "tri de" for "trước", counts against it: accuracy counts truth words only).
    const truthOf = new Map([...pairs].map(([i, j]) => [j, i]));
    const rightAt = (j: number) => truthOf.has(j) && norm(restoredWords[j].text) === norm(truth[truthOf.get(j)!]);
    restoredWords.forEach((r, j) => {
      if (r.joined || !restoredWords[j + 1]?.joined) return;
      score.joined++;
      let ok = rightAt(j);
      for (let k = j + 1; restoredWords[k]?.joined; k++) ok &&= rightAt(k);
      if (ok) score.joinedRight++;
    });
    truth.forEach((t, i) => {
      if (/^[0-9]+$/.test(t)) {
        // A number must survive restoration: the numbers are a plan's targets.
        const j = pairs.get(i);
        if (j !== undefined && ocrWords[j] === t) {
          score.numbers++;
          if (restoredWords[j].text !== t) score.numbersBroken++;
        }
        return;
      }
      if (!isWord(t)) return;
      score.truthWords++;
      const j = pairs.get(i);
      if (j === undefined) {
        score.unaligned++;
        return;
      }
      const o = ocrWords[j];
      const r = restoredWords[j];
      const ok = norm(r.text) === norm(t);
      const inOk = norm(o) === norm(t);
      if (ok) score.correct++;
      if (ok && sameLetters(r.text) !== sameLetters(t)) score.caseWrong++;
      if (inOk) score.inputCorrect++;
      else {
        score.wrongInInput++;
        if (ok) score.fixedOfWrong++;
      }
      if (inOk && !ok) score.brokenOfRight++;
      if (r.conf >= 0.9) {
        score.conf90++;
        if (ok) score.conf90Right++;
      }
      if (r.conf < 0.5) {
        score.confLow++;
        if (ok) score.confLowRight++;
      }
      score.brier += (r.conf - (ok ? 1 : 0)) ** 2;
      if (!ok && errors.length < 400) errors.push(`${t}\t${o}\t${r.text}\t${r.conf.toFixed(2)}`);
    });
    score.syllables += ocrWords.length;
  }
}

/**
 * The OCR words with each one the decoder read as two joined words parted at its apostrophe, as
 * the restored words are: the truth is aligned with the words the decoder read, so "Sở" and "Y"
 * each count against the piece it came from.
 */
export function splitAsRestored(ocrWords: string[], restored: { joined: boolean }[]): string[] {
  const out: string[] = [];
  let j = 0;
  for (let i = 0; i < restored.length && j < ocrWords.length; ) {
    let n = 1;
    while (i + n < restored.length && restored[i + n].joined) n++;
    const pieces = ocrWords[j++].split(/['’]/);
    if (n > 1 && pieces.length === n) out.push(...pieces);
    else out.push(ocrWords[j - 1]);
    i += n;
  }
  return out.concat(ocrWords.slice(j));
}

function wordTokensWithPos(line: string): { text: string; start: number }[] {
  // Same tokenisation as wordTokens, one line.
  const out: { text: string; start: number }[] = [];
  const re = /[\p{L}\p{M}0-9&¥¢€£§@]+(?:['’][\p{L}\p{M}0-9&¥¢€£§@]+)*/gu;
  for (const m of line.matchAll(re)) out.push({ text: m[0], start: m.index! });
  return out;
}

export function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(2)}%` : 'n/a';
}

export function report(name: string, s: Score): Record<string, number> {
  console.log(`\n## ${name}`);
  console.log(`  truth words                      ${s.truthWords}`);
  console.log(`  truth words the OCR lost or merged ${pct(s.unaligned, s.truthWords)}   (no OCR token aligns: counted wrong)`);
  console.log(`  input (OCR) accuracy             ${pct(s.inputCorrect, s.truthWords)}`);
  console.log(`  restored syllable accuracy       ${pct(s.correct, s.truthWords)}   (case- and tone-placement-insensitive; unaligned truth words count as wrong)`);
  console.log(`  accuracy on words wrong in input ${pct(s.fixedOfWrong, s.wrongInInput)}   (${s.fixedOfWrong}/${s.wrongInInput})`);
  console.log(`  right words in the wrong case     ${pct(s.caseWrong, s.correct)}   (${s.caseWrong}/${s.correct}: "xử Lý", "HỖ trợ"; not counted in the accuracy)`);
  console.log(`  tokens read as two joined words  ${s.joined}, ${s.joinedRight} of them right   ("S&'Y" → "Sở Y": right when each word is its aligned truth word)`);
  console.log(`  right words made wrong           ${pct(s.brokenOfRight, s.inputCorrect)}   (${s.brokenOfRight}/${s.inputCorrect})`);
  console.log(`  numbers made something else      ${pct(s.numbersBroken, s.numbers)}   (${s.numbersBroken}/${s.numbers})`);
  console.log(`  words with confidence ≥ 0.9      ${pct(s.conf90, s.truthWords)} of words, ${pct(s.conf90Right, s.conf90)} of them right`);
  console.log(`  words with confidence < 0.5      ${pct(s.confLow, s.truthWords)} of words, ${pct(s.confLowRight, s.confLow)} of them right`);
  console.log(`  Brier score of the confidences   ${(s.brier / s.truthWords).toFixed(4)}   (mean (confidence − right)²: 0 is perfect; lower is better calibrated and sharper)`);
  return { accuracy: s.correct / s.truthWords, accuracyOnWrong: s.fixedOfWrong / s.wrongInInput, inputAccuracy: s.inputCorrect / s.truthWords, conf90Precision: s.conf90Right / s.conf90, brier: s.brier / s.truthWords, joined: s.joined, joinedRight: s.joinedRight };
}

