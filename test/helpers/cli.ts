/** Runs the `versus` command from the sources, as a user would, for the CLI tests. */
import { spawn } from 'node:child_process';
import { TRUST_AND_SAFETY_OFF_ENV } from './rules-off.js';

/** Each CLI run starts Node with tsx and opens the core: seconds each on a busy machine. */
export const CLI_TIMEOUT_MS = 240_000;

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

export function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', SEED: '0', ...TRUST_AND_SAFETY_OFF_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}
