#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so no build step stands between a clone and a run.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/index.ts');
process.exit(await main(process.argv));
