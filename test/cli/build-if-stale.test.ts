/**
 * `npm start` rebuilds only when an input of the build changed (scripts/build-if-stale.ts): the
 * stamp logic on a scratch project — same inputs, same hash; any source byte, new file or lost
 * output makes the build stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, STAMP, buildInputsHash, isBuildCurrent } from '../../scripts/build-if-stale.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-stale-'));
  dirs.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('src/server.ts', 'export const a = 1;\n');
  write('src/web/App.svelte', '<p>hi</p>\n');
  write('package-lock.json', '{}\n');
  for (const out of BUILD_OUTPUTS) write(out, 'built\n');
  return root;
}

describe('build-if-stale', () => {
  it('calls a build current only for the very inputs it was made from, with its outputs in place', () => {
    const root = project();
    const hash = buildInputsHash(root);
    expect(isBuildCurrent(root, hash)).toBe(false); // never stamped
    fs.writeFileSync(path.join(root, STAMP), `${hash}\n`);
    expect(isBuildCurrent(root, buildInputsHash(root))).toBe(true);

    fs.writeFileSync(path.join(root, 'src/server.ts'), 'export const a = 2;\n');
    expect(isBuildCurrent(root, buildInputsHash(root))).toBe(false); // a source changed
    fs.writeFileSync(path.join(root, 'src/server.ts'), 'export const a = 1;\n');
    expect(isBuildCurrent(root, buildInputsHash(root))).toBe(true); // and back

    fs.writeFileSync(path.join(root, 'src/new.ts'), '\n');
    expect(isBuildCurrent(root, buildInputsHash(root))).toBe(false); // a file added
    fs.rmSync(path.join(root, 'src/new.ts'));
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"x":1}\n');
    expect(isBuildCurrent(root, buildInputsHash(root))).toBe(false); // other packages installed
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
    fs.rmSync(path.join(root, BUILD_OUTPUTS[1] ?? ''));
    expect(isBuildCurrent(root, buildInputsHash(root))).toBe(false); // an output is gone
  });
});
