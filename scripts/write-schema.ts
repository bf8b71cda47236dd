/**
 * Writes schema/vnplan.schema.json from the zod schema (the single source of truth).
 * Run: npm run schema   (test/schema checks the committed file is up to date)
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { planJsonSchema } from '../src/schema/index.js';

const file = path.resolve(import.meta.dirname, '../schema/vnplan.schema.json');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
