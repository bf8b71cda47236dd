import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PlanDocument } from '../schema/index.js';

/**
 * Writes a file atomically: to a temporary name beside it, then a rename. A crash or a kill midway
 * leaves the old file or none, never half a JSON.
 *
 * @example
 * await writeFileAtomic('output/lam-dong.json', json)
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The paths a document's outputs are written to. */
export interface OutputPaths {
  json: string;
  txt: string;
}

/**
 * Serializes a document to JSON after validating it against the schema, so no invalid JSON is ever
 * written.
 *
 * @example
 * toJson(doc).startsWith('{\n  "schema": "vnplan/plan-document"') // true
 */
export function toJson(doc: PlanDocument): string {
  return `${JSON.stringify(PlanDocument.parse(doc), null, 2)}\n`;
}

/**
 * Writes `<dir>/<name>.json` and `<dir>/<name>.txt` (the normalized text every span and line
 * number in the JSON points into).
 *
 * @example
 * await writeOutputs(doc, 'output', 'lam-dong-4423-KH-UBND-2023')
 * // { json: 'output/lam-dong-4423-KH-UBND-2023.json', txt: 'output/lam-dong-4423-KH-UBND-2023.txt' }
 */
export async function writeOutputs(doc: PlanDocument, dir: string, name: string): Promise<OutputPaths> {
  const paths = { json: path.join(dir, `${name}.json`), txt: path.join(dir, `${name}.txt`) };
  const json = toJson(doc);
  await writeFileAtomic(paths.txt, `${doc.text}\n`);
  await writeFileAtomic(paths.json, json);
  return paths;
}
