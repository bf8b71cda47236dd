import { Command } from 'commander';
import { positiveInt } from './extract.js';

/** `vnplan ocr <file>`: prints the text of a PDF or image, OCR'd where there is no text layer. */
export function ocrCommand(): Command {
  return new Command('ocr')
    .description('Print the text of a PDF or image (OCR offline with Vietnamese traineddata where a page has no text layer)')
    .argument('<file>', 'a .pdf, .png, .jpg, .tif (or .txt/.docx, printed as read)')
    .option('--lang <lang>', 'OCR language: vie, eng or vie+eng', 'vie')
    .option('-j, --jobs <n>', 'OCR workers (default: CPU cores)', positiveInt)
    .option('--confidence', 'print each page\'s mean OCR confidence to stderr')
    .action(async (file: string, opts: { lang: string; jobs?: number; confidence?: boolean }) => {
      const { ingestFile } = await import('../ingest/index.js');
      const { OcrEngine } = await import('../ocr/index.js');
      const raw = await ingestFile(file);
      const engine = new OcrEngine({ lang: opts.lang, jobs: opts.jobs });
      try {
        const pages = await Promise.all(raw.pages.map((p) => (p.kind === 'text' ? p.page : engine.recognizePage(p.image, file))));
        pages.forEach((p, i) => {
          if (i > 0) process.stdout.write('\f');
          process.stdout.write(`${p.text}\n`);
          if (opts.confidence) console.error(`page ${i + 1}: ${p.method}${p.ocrConfidence === undefined ? '' : `, confidence ${p.ocrConfidence.toFixed(1)}`}`);
        });
      } finally {
        await engine.close();
      }
    });
}
