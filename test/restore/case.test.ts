import { beforeAll, describe, expect, it } from 'vitest';
import { caseContext, casedLetters, learnCaseEvidence, lineCaseContexts, lookOf } from '../../src/restore/case.js';
import { committedChannel, loadModel } from '../../src/restore/model.js';
import { Channel } from '../../src/restore/channel.js';
import { restoreText } from '../../src/restore/index.js';

const restore = (s: string) => restoreText(s, { mode: 'always' }).text;

beforeAll(() => {
  loadModel();
}, 180_000);

describe('case evidence (what OCR shows of a letter’s case)', () => {
  it('tells capitals, lower case and caseless pieces apart', () => {
    expect([lookOf('G'), lookOf('ti'), lookOf('6'), lookOf('')]).toEqual([0, 1, 2, 2]);
    expect(casedLetters('PHi')).toEqual([2, 3]);
    expect(casedLetters('348/QĐ')).toEqual([2, 2]);
  });

  it('counts cased letters as lookOf does per character, for every BMP character and astral letters', () => {
    // casedLetters reads ASCII from its codes and asks lookOf about the rest, a code point at a time.
    const byLook = (w: string) => {
      const looks = [...w].map(lookOf).filter((l) => l !== 2);
      return [looks.filter((l) => l === 0).length, looks.length];
    };
    for (let c = 0; c < 0x10000; c++) {
      const w = `A${String.fromCharCode(c)}b`;
      const got = casedLetters(w);
      if (got[0] !== byLook(w)[0] || got[1] !== byLook(w)[1]) expect([c, got]).toEqual([c, byLook(w)]);
    }
    for (const w of ['𝐀𝐛c', 'Ệ𐐀x', '\ud800Ab', 'ǅa']) expect(casedLetters(w), w).toEqual(byLook(w));
  });

  it('counts each aligned piece as written, in the row of its letter’s case', () => {
    const channel = new Channel(committedChannel());
    const ev = learnCaseEvidence(
      [
        ['Sở', 'SG'],
        ['sở', 'sd'],
        ['ĐIỀU', 'PIEU'],
      ],
      channel,
    );
    // Rows: lower case in a lower-case word, lower case after a capital, capital.
    expect(ev['ở']).toEqual({ G: [0, 1, 0], d: [1, 0, 0] });
    expect(ev['s']).toEqual({ S: [0, 0, 1], s: [1, 0, 0] });
    expect(ev['đ']).toEqual({ P: [0, 0, 1] });
    expect(ev['ề']?.E).toEqual([0, 0, 1]);
  });

  it('learned from the channel pages: a "b" stands for a capital Đ, hardly ever for a lower-case đ', () => {
    const ev = committedChannel().caseEvidence!;
    expect(ev).toBeDefined();
    const b = ev['đ']?.b ?? [0, 0, 0];
    expect(b[2]).toBeGreaterThan(10);
    expect(b[0]).toBeLessThan(b[2] / 10);
  });
});

describe('case context of a word on its line', () => {
  it('reads a heading from the other words, even with OCR slips in case', () => {
    const at = lineCaseContexts(['III', 'KINH', 'PHi', 'THỰC', 'HIỆN']);
    expect(at(2, false)).toBe(caseContext(2, false, true));
    const ordinary = lineCaseContexts(['giao', 'Sở', 'Tài', 'chính', 'chủ', 'trì']);
    expect(ordinary(1, false)).toBe(caseContext(1, false, false));
    expect(lineCaseContexts(['Điều'])(0, true)).toBe(caseContext(0, true, false));
  });

  it('is linear in the line (a huge one-line input stays fast)', () => {
    const words = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? 'nam' : 'NAM'));
    const at = lineCaseContexts(words);
    let sum = 0;
    for (let i = 0; i < words.length; i++) sum += at(i, false);
    expect(sum).toBeGreaterThan(0);
  });
});

describe('restored words are printed in the case the evidence supports, not the token’s', () => {
  it('a capital I read for l mid-sentence is lower case', () => {
    expect(restore('can bo quan Iy thong tin cap do 3 tro Ién.')).toBe('cán bộ quản lý thông tin cấp độ 3 trở lên.');
  });

  it('a word with one slip in a heading in capitals is printed in capitals', () => {
    expect(restore('PHAN III. KINH PHi THUC HIEN')).toBe('PHẦN III. KINH PHÍ THỰC HIỆN');
  });

  it('a capital Đ that OCR read as a lower-case b starts its sentence in capitals', () => {
    expect(restore('Ban hanh Quyét dinh nay.\nbiéu 2. Giao So Tai chinh chu tri.')).toBe('Ban hành Quyết định này.\nĐiều 2. Giao Sở Tài chính chủ trì.');
  });

  it('keeps a name capitalised when OCR garbles its vowel as it garbles it in lower-case words', () => {
    // "éa" for â: seen in lower-case words only; after a capital the glyph is the same.
    expect(restore('Uy ban nhan dan thi xa Tan\nChéau.')).toBe('Ủy ban nhân dân thị xã Tân\nChâu.');
    expect(restore('cac xa bién gidi tinh An Giang va Chéau Déc.')).toBe('các xã biên giới tỉnh An Giang và Châu Đốc.');
  });

  it('keeps the token’s own case where OCR is reliable: names, sentence starts, acronyms', () => {
    expect(restore('Uy ban nhan dan tinh Lai Chau giao Sé Tai chinh')).toBe('Ủy ban nhân dân tỉnh Lai Châu giao Sở Tài chính');
    expect(restore('thu hut von FDI vao tinh')).toBe('thu hút vốn FDI vào tỉnh');
  });

  it('prints the alternatives in the chosen word’s case', () => {
    // "Iam" is "làm" or "lâm" here: the alternative is weighed, so it is listed.
    const r = restoreText('cán bộ Iam viéc tai xa', { mode: 'always' });
    const lam = r.words.find((w) => w.from === 'Iam')!;
    expect(lam.to).toBe('làm');
    const syllables = loadModel().syllables;
    const spelled = lam.alternatives.filter((a) => syllables.has(a.text.toLowerCase()));
    expect(spelled.length).toBeGreaterThan(0);
    for (const a of spelled) expect(a.text).toBe(a.text.toLowerCase());
  });
});
