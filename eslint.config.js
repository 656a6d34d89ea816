import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node and database modules a pure layer must not import (tests beside the code may). */
const IO_MODULES = ['fs', 'node:fs', 'net', 'node:net', 'http', 'node:http', 'node:worker_threads', 'better-sqlite3', 'pg', 'ioredis', 'kysely', 'fastify'];

/** One `no-restricted-imports` block per layer: the folders it must not import from. */
function layerRules(layers) {
  return layers.map(({ layer, forbidden, io }) => ({
    files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.svelte`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...(io ? { paths: IO_MODULES.map((name) => ({ name, message: `${layer}/ is pure: no I/O modules` })) } : {}),
          patterns: [{ group: forbidden.map((f) => `**/${f}/**`), message: `${layer}/ must not import from ${forbidden.join(', ')} (DEVELOPERS.md "Layers")` }],
        },
      ],
    },
  }));
}

export default tseslint.config(
  // wasm/kernels.ts is AssemblyScript (its own compiler checks it; see wasm/build.ts).
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '.tmp/', '*.config.js', 'wasm/kernels.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers' directions (DEVELOPERS.md "Layers"), checked rather than remembered: http → services →
  // store; domain and shared are pure; live is a seam of its own; the web app sees only shared.
  ...layerRules([
    { layer: 'domain', forbidden: ['store', 'services', 'live', 'http', 'web', 'cli', 'seed'], io: true },
    { layer: 'shared', forbidden: ['domain', 'store', 'services', 'live', 'http', 'web', 'cli', 'seed'], io: true },
    { layer: 'store', forbidden: ['services', 'live', 'http', 'web', 'cli', 'seed'] },
    { layer: 'live', forbidden: ['services', 'store', 'http', 'web', 'cli', 'seed'] },
    { layer: 'services', forbidden: ['http', 'web', 'cli'] },
    { layer: 'http', forbidden: ['store', 'domain', 'web', 'cli', 'seed'] },
    { layer: 'web', forbidden: ['domain', 'store', 'services', 'live', 'http', 'cli', 'seed'], io: true },
  ]),
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // Svelte components and web modules are type-checked by svelte-check with tsconfig.web.json.
    files: ['src/web/**/*.ts', 'src/web/**/*.svelte'],
    languageOptions: { globals: globals.browser, parserOptions: { projectService: false, project: './tsconfig.web.json' } },
  },
);
