import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // OCR tests start tesseract workers (WASM); forks isolate them and keep memory per file bounded.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
