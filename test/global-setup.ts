import { execFileSync } from 'node:child_process';

/**
 * Builds the web app once per test run, so browser tests exercise exactly what `npm start` serves:
 * a production build (vitest sets NODE_ENV=test, under which Svelte would compile in dev mode).
 */
export default function setup(): void {
  if (process.env.SKIP_WEB_BUILD === '1') return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
