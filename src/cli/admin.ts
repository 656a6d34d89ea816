/**
 * `versus admin create <username>`: the first admin (or a lost admin password). The password comes
 * from standard input, never from the command line, where `ps` and shell history would show it.
 */
import type { Config } from '../config.js';
import { openCore } from '../core.js';
import { credentialsSchema } from '../shared/accounts.js';

export const ADMIN_USAGE = 'admin create USERNAME  create an admin, or make a user one (password from stdin: echo pw | versus admin create alice)';

/** The first line of standard input, without its line break. */
async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n') || text.length > 10_000) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** Runs `admin <args>`; returns the exit code and what to print. */
export async function runAdminCommand(config: Config, args: readonly string[], input: NodeJS.ReadableStream): Promise<{ code: number; out: string }> {
  const [sub, username, ...rest] = args;
  if (sub !== 'create' || username === undefined || rest.length > 0) return { code: 2, out: `usage: versus ${ADMIN_USAGE}` };
  const parsed = credentialsSchema.safeParse({ username, password: await readFirstLine(input) });
  if (!parsed.success) return { code: 2, out: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') };
  const core = await openCore(config);
  try {
    const { user, created } = await core.services.accounts.createAdmin(parsed.data);
    return {
      code: 0,
      out: created
        ? `created admin ${user.username}`
        : `${user.username} is now an admin; its password was set and its sessions ended (running servers notice within 30 s)`,
    };
  } finally {
    await core.close();
  }
}
