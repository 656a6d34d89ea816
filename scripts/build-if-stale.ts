/**
 * `npm start` builds only when something it builds from changed: the sources, the build settings
 * or the installed packages. A stamp in dist/ holds a hash of all of them, written after a build
 * that succeeded; a restart with the same inputs starts at once instead of rebuilding for a minute.
 *
 *   tsx scripts/build-if-stale.ts          build when stale (what `npm start` runs first)
 *   tsx scripts/build-if-stale.ts --force  build anyway
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What the build reads, relative to the project root: folders are walked, missing entries skipped. */
export const BUILD_INPUTS = ['src', 'vite.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.web.json', 'package.json', 'package-lock.json'];
/** What the build leaves, relative to the project root: all must exist for a build to count as done. */
export const BUILD_OUTPUTS = ['dist/server/cli/main.js', 'dist/web/index.html'];
export const STAMP = 'dist/.build-inputs';

function filesOf(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((d) => filesOf(root, path.join(entry, d.name)))
    .sort();
}

/** A hash of every build input's path and bytes. */
export function buildInputsHash(root: string, inputs: readonly string[] = BUILD_INPUTS): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((entry) => filesOf(root, entry))) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the last successful build was made from exactly these inputs and its outputs are all there. */
export function isBuildCurrent(root: string, inputsHash: string): boolean {
  const stamp = path.join(root, STAMP);
  if (!BUILD_OUTPUTS.every((out) => fs.existsSync(path.join(root, out)))) return false;
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === inputsHash;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const root = path.resolve(import.meta.dirname, '..');
  const inputsHash = buildInputsHash(root);
  if (!process.argv.includes('--force') && isBuildCurrent(root, inputsHash)) {
    process.stdout.write('versus: the build is up to date (nothing it is made from changed); starting.\n');
  } else {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
    fs.writeFileSync(path.join(root, STAMP), `${inputsHash}\n`);
  }
}
