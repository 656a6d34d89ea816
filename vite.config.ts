import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Plugin, defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { type ApiRoute, routes } from './src/shared/api/index.js';

const ROUTE_LINKS = 'virtual:versus-route-links';

/**
 * The module `virtual:versus-route-links` (src/web/lib/route-links.ts): the method and path of every
 * route of the API's tables, written from the tables themselves, so the web client calls the same
 * paths without loading their zod schemas.
 */
function routeLinks(): Plugin {
  const links = Object.fromEntries(
    Object.entries(routes).map(([area, table]) => [
      area,
      Object.fromEntries(Object.entries<ApiRoute>(table).map(([name, route]) => [name, { method: route.method, path: route.path }])),
    ]),
  );
  return {
    name: 'versus-route-links',
    resolveId: (id) => (id === ROUTE_LINKS ? `\0${ROUTE_LINKS}` : undefined),
    load: (id) => (id === `\0${ROUTE_LINKS}` ? `export default ${JSON.stringify(links)};` : undefined),
  };
}

/** Text-like files worth compressing; images such as PNG and WebP are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

/**
 * Writes a `.br` and a `.gz` beside every compressible file of the build, at the strongest settings
 * (paid once per build, not per request). The server sends them as they are
 * (src/http/web.ts, `preCompressed`) to clients that accept the encoding.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'versus-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
      for (const file of walk(outDir).filter((f) => COMPRESSIBLE.test(f))) {
        const bytes = fs.readFileSync(file);
        fs.writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        fs.writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The SPA lives in src/web and is built into dist/web, which the Fastify server serves.
export default defineConfig({
  root: 'src/web',
  plugins: [svelte(), routeLinks(), precompress()],
  // The manifest tells the server which chunks a page needs, so it can have them preloaded (src/http/web.ts).
  build: { outDir: '../../dist/web', emptyOutDir: true, target: 'es2022', manifest: true, rollupOptions: { output: { experimentalMinChunkSize: 8_000 } } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000' } },
});
