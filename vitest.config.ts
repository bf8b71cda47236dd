import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // OCR tests start tesseract workers (WASM); forks isolate them and keep memory per file bounded.
    pool: 'forks',
    // The restoration model is built once, before the files that need it run in parallel.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
