/**
 * `versus export ID [--format csv|json] [--votes] [--out FILE]`: a world cup's ranking as CSV (the
 * same file as GET …/ranking.csv), the world cup with its ranking as JSON, or its counted votes as
 * JSON lines (the same as GET …/votes.jsonl) — from the same export service as the HTTP API. The
 * operator acts as the world cup's owner, so private and hidden ones export too.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { openCore } from '../core.js';
import { AppError } from '../services/errors.js';
import type { CommandResult } from './import.js';
import { Progress } from './progress.js';

export const EXPORT_USAGE = `export ID [--format csv|json] [--votes] [--out FILE]
                 the ranking as CSV (default) or the world cup and its ranking as JSON; --votes: the counted votes as JSON lines (to stdout unless --out)`;

/** How long an export waits for the ranking to be computed (a 1,024-candidate world cup takes about a second). */
const EXPORT_RANKING_WAIT_MS = 10 * 60_000;

/** Where the file goes: a new file (never overwritten), or standard output. */
function openOutput(out: string | undefined): NodeJS.WritableStream {
  if (out === undefined) return process.stdout;
  return fs.createWriteStream(out, { flags: 'wx' });
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function end(stream: NodeJS.WritableStream): Promise<void> {
  if (stream === process.stdout) return;
  const finished = once(stream, 'finish');
  stream.end();
  await finished;
}

export async function runExportCommand(config: Config, args: readonly string[]): Promise<CommandResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { format: { type: 'string' }, votes: { type: 'boolean' }, out: { type: 'string' } },
    });
  } catch (error) {
    return { code: 2, out: '', err: `${error instanceof Error ? error.message : String(error)}\nusage: versus ${EXPORT_USAGE}` };
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'csv';
  if (positionals.length !== 1 || (format !== 'csv' && format !== 'json')) return { code: 2, out: '', err: `usage: versus ${EXPORT_USAGE}` };
  if (values.votes && values.format !== undefined) return { code: 2, out: '', err: '--votes writes JSON lines: leave out --format' };
  if (values.out !== undefined && fs.existsSync(values.out)) return { code: 1, out: '', err: `${values.out} exists: export refuses to overwrite a file` };
  const id = positionals[0] as string;
  // A read of the ranking waits for the computation it asked for (the server answers after 2 s
  // with what it has, which for a process that never computed this world cup is no scores at all).
  const core = await openCore(config, { engine: { readWaitMs: EXPORT_RANKING_WAIT_MS } });
  try {
    await core.services.ranking.engine.warmUp();
    const row = await core.store.worldcups.get(id);
    if (!row) return { code: 1, out: '', err: `no world cup ${id}` };
    const exports = core.services.exports;
    const output = openOutput(values.out);
    let summary: string;
    if (values.votes) {
      // The ranking's vote count is the number of lines to come: the progress bar's total.
      const { votes } = await core.services.ranking.ranking(id, row.owner);
      const progress = new Progress('exporting votes', votes);
      const file = await exports.votesJsonl(id, row.owner);
      let lines = 0;
      try {
        for await (const chunk of file.body) {
          await write(output, chunk);
          const n = chunk.split('\n').length - 1;
          lines += n;
          progress.tick(n);
        }
      } finally {
        progress.finish();
      }
      summary = `${lines} votes`;
    } else if (format === 'csv') {
      const file = await exports.rankingCsv(id, row.owner);
      await write(output, file.body);
      summary = 'ranking (CSV)';
    } else {
      await write(output, `${JSON.stringify(await exports.worldcupJson(id, row.owner), null, 2)}\n`);
      summary = 'world cup and ranking (JSON)';
    }
    await end(output);
    return { code: 0, out: '', err: values.out === undefined ? '' : `wrote ${summary} of ${id} to ${values.out}` };
  } catch (error) {
    if (error instanceof AppError) return { code: 1, out: '', err: `export refused: ${error.message}` };
    throw error;
  } finally {
    await core.close();
  }
}
