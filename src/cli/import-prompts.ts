/**
 * `versus import FILE.jsonl --into ID [--replace]`: adds prompts and their responses to an existing
 * world cup from JSONL (README "Prompts (JSONL)"), through the same prompt service as
 * POST /worldcups/:id/prompts and the seeding of the starter (src/core.ts is the one composition
 * root). The operator acts as the world cup's owner. A big file goes in chunks of lines so that the
 * progress bar moves and each call stays under the service's size limit; the line numbers of the
 * service's errors are mapped back to the file's.
 */
import fs from 'node:fs';
import type { Config } from '../config.js';
import { openCore } from '../core.js';
import { parsePromptsJsonl } from '../domain/arena/prompts-jsonl.js';
import { AppError } from '../services/errors.js';
import type { PromptImporter } from '../services/seed.js';
import type { ImportPromptsResult } from '../shared/arena.js';
import { type CommandResult, siteUrl } from './import.js';
import { Progress, type ProgressOutput } from './progress.js';

/** Lines per call to the service: a progress step, and far under its 2,000,000-character limit for usual prompts. */
export const PROMPT_CHUNK_LINES = 100;
/** A file larger than this is refused before it is read (a world cup holds at most 2,000 prompts anyway). */
const FILE_BYTES_MAX = 64 * 1024 * 1024;
/** Line errors printed; the rest are counted. */
const ERRORS_PRINTED = 50;

export interface PromptImportJob {
  importer: PromptImporter;
  worldcupId: string;
  /** Who imports: the world cup's owner. */
  owner: string;
  text: string;
  replace: boolean;
  /** The active candidates' names: to say why the lines of a chunk the service refused as a whole were left out. */
  candidateNames: readonly string[];
  progressOut?: ProgressOutput;
}

/** The import's answer, plus how many lines were left out in all (the service lists at most 50 a call). */
export interface PromptImportOutcome extends ImportPromptsResult {
  leftOut: number;
}

/**
 * Imports `text` chunk by chunk: `replace` applies to the first chunk only (it empties the world
 * cup's prompts once). Errors carry the file's line numbers, in order.
 */
export async function importPromptLines(job: PromptImportJob): Promise<PromptImportOutcome> {
  const lines = job.text.split(/\r?\n/);
  const chunks = Math.max(1, Math.ceil(lines.length / PROMPT_CHUNK_LINES));
  const progress = new Progress('importing prompts', lines.length, job.progressOut);
  const result: PromptImportOutcome = { imported: 0, prompts: 0, errors: [], leftOut: 0 };
  try {
    for (let c = 0; c < chunks; c++) {
      const offset = c * PROMPT_CHUNK_LINES;
      const chunk = lines.slice(offset, offset + PROMPT_CHUNK_LINES);
      // Every line that is not blank becomes one prompt or one error.
      const given = chunk.filter((l) => l.trim().length > 0).length;
      const replace = job.replace && c === 0;
      try {
        const part = await job.importer.importJsonl(job.worldcupId, job.owner, chunk.join('\n'), replace);
        result.imported += part.imported;
        result.prompts = part.prompts;
        result.leftOut += given - part.imported;
        for (const e of part.errors) result.errors.push({ line: e.line + offset, message: e.message });
      } catch (error) {
        // Every line of this chunk was refused: the service says why for the first only; the
        // parser it uses says it for each.
        if (!(error instanceof AppError && error.code === 'invalid_prompts')) throw error;
        result.leftOut += given;
        for (const e of parsePromptsJsonl(chunk.join('\n'), job.candidateNames).errors) result.errors.push({ line: e.line + offset, message: e.message });
      }
      progress.tick(chunk.length);
    }
  } finally {
    progress.finish();
  }
  return result;
}

/** How the result reads on standard output (counts) and standard error (the lines left out). */
export function describePromptImport(result: PromptImportOutcome, worldcupId: string, url: string): { out: string; err: string } {
  const out = `imported ${result.imported} prompt${result.imported === 1 ? '' : 's'} into ${worldcupId} (it now has ${result.prompts})\n${url}/w/${worldcupId}`;
  if (result.leftOut === 0) return { out, err: '' };
  const listed = result.errors.slice(0, ERRORS_PRINTED).map((e) => `line ${e.line}: ${e.message}`);
  const more = result.leftOut - listed.length;
  const head = `${result.leftOut} line${result.leftOut === 1 ? '' : 's'} left out:`;
  return { out, err: [head, ...listed, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n') };
}

/** Runs the prompt import: 0 when every line went in, 1 when any was left out (the rest are imported) or the import was refused. */
export async function runPromptImport(config: Config, file: string, worldcupId: string, replace: boolean): Promise<CommandResult> {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return { code: 1, out: '', err: `import refused: no file ${file}` };
  }
  if (!stat.isFile()) return { code: 1, out: '', err: `import refused: ${file} is not a file` };
  if (stat.size > FILE_BYTES_MAX) return { code: 1, out: '', err: `import refused: ${file} is larger than ${FILE_BYTES_MAX / 1024 / 1024} MB` };
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const core = await openCore(config);
  try {
    const row = await core.store.worldcups.get(worldcupId);
    if (!row) return { code: 1, out: '', err: `import refused: no world cup ${worldcupId}` };
    const candidateNames = (await core.store.worldcups.candidates(worldcupId)).filter((c) => c.active === 1).map((c) => c.name);
    const result = await importPromptLines({ importer: core.services.prompts, worldcupId, owner: row.owner, text, replace, candidateNames });
    const { out, err } = describePromptImport(result, worldcupId, siteUrl(config));
    return { code: result.leftOut === 0 ? 0 : 1, out, err };
  } catch (error) {
    if (error instanceof AppError) return { code: 1, out: '', err: `import refused: ${error.message}` };
    throw error;
  } finally {
    await core.close();
  }
}
