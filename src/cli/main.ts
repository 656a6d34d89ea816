#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { ADMIN_USAGE, runAdminCommand } from './admin.js';
import { backupSqlite } from './backup.js';
import { EXPORT_USAGE, runExportCommand } from './export.js';
import { IMPORT_USAGE, runImportCommand } from './import.js';

const USAGE = `usage: versus <command>

commands:
  serve          start the web server (configured by PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL)
  backup [FILE]  copy the SQLite database while it runs (default DATA_DIR/backups/versus-<time>.db)
  ${ADMIN_USAGE}
  ${IMPORT_USAGE}
  ${EXPORT_USAGE}`;

/** dist/web next to the compiled server, or in the project root when run from source. */
function defaultWebDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.resolve(here, '../../web'), path.resolve(here, '../../dist/web')]) {
    if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  if (command === 'serve') {
    const config = loadConfig();
    const server = await startServer({ ...config, webDir: config.webDir ?? defaultWebDir() });
    server.app.log.info(`Versus is running at ${server.url} (${server.store.dialect})`);
    const stop = () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1; // keep running
  }
  if (command === 'backup') {
    const { file, bytes } = await backupSqlite(loadConfig(), argv[1]);
    process.stdout.write(`backup written to ${file} (${bytes} bytes)\n`);
    return 0;
  }
  if (command === 'import' || command === 'export') {
    const run = command === 'import' ? runImportCommand : runExportCommand;
    const { code, out, err } = await run(loadConfig(), argv.slice(1));
    if (out) process.stdout.write(`${out}\n`);
    if (err) process.stderr.write(`${err}\n`);
    return code;
  }
  if (command === 'admin') {
    const { code, out } = await runAdminCommand(loadConfig(), argv.slice(1), process.stdin);
    (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
    return code;
  }
  process.stderr.write(`${command === 'help' || command === '--help' ? '' : `unknown command: ${command}\n`}${USAGE}\n`);
  return command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`versus: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
