// ESLint flat config. Type-aware rules run on TypeScript through the project service (tsconfig.json);
// plain JS/MJS files (this file, scripts/*.mjs) get the untyped rules only.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = '**/*.{ts,tsx,mts,cts}';
const SOURCE_EXT = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

// Import boundaries (STYLE.md "The shape of the house"). no-restricted-imports cannot resolve paths, so a
// relative import is judged by how many '../' it climbs: from a file N folders below the repo root,
// N or more '../' leave its top-level folder. One config block per depth makes that exact, and avoids
// false hits on files that merely are named server.ts or client.ts (e.g. server/db/client.ts).
const MAX_DEPTH = 10;

/** Glob for source files exactly `depth` folders below the repo root inside `top`. */
const filesAtDepth = (top, depth) => [`${top}/${'*/'.repeat(depth - 1)}*.${SOURCE_EXT}`];

/** Regex source matching a relative specifier that climbs at least `depth` levels. */
const climbs = (depth) => `^(\\./)?(\\.\\./){${depth},}`;

// Listed only to make the message helpful; the regex below refuses every package but zod.
const APP_PACKAGES =
  'express, socket.io, socket.io-client, react, react-dom, zustand, i18next, pg, redis, pino, ' +
  '@electric-sql/*, @socket.io/*, maplibre-gl, node:*';

const boundaryBlocks = [];
for (let depth = 1; depth <= MAX_DEPTH; depth++) {
  boundaryBlocks.push(
    {
      name: `boundaries/shared-depth-${depth}`,
      files: filesAtDepth('shared', depth),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: climbs(depth),
                message:
                  'shared/ may import only zod and files inside shared/ (no server/, client/, tests/).',
              },
              {
                // Anything that is neither relative nor exactly zod (or a zod subpath such as zod/v4).
                regex: '^(?!\\.{1,2}/|zod(/|$))',
                message: `shared/ may import only zod and files inside shared/ (not ${APP_PACKAGES}).`,
              },
            ],
          },
        ],
        // import() escapes no-restricted-imports; shared/ is pure and has no reason to load lazily.
        'no-restricted-syntax': [
          'error',
          { selector: 'ImportExpression', message: 'shared/ must not use dynamic import().' },
        ],
      },
    },
    {
      name: `boundaries/client-depth-${depth}`,
      files: filesAtDepth('client', depth),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `${climbs(depth)}server(/|$)`,
                message: 'client/ must not import server/; put shared code in shared/.',
              },
            ],
          },
        ],
      },
    },
    {
      name: `boundaries/server-depth-${depth}`,
      files: filesAtDepth('server', depth),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `${climbs(depth)}client(/|$)`,
                message: 'server/ must not import client/; put shared code in shared/.',
              },
            ],
          },
        ],
      },
    },
  );
}

// An effect's return value is its cleanup, and React calls it. An arrow with an expression body returns
// whatever the expression gives: `useEffect(() => el.scrollIntoView())` returns a Promise in current
// Chromium, React called it on cleanup, threw, and the whole tree unmounted (issue 10). Effects take a
// block body (or return a cleanup function directly). Exported for tests/client/lint.test.ts.
const EFFECT_CALLEE = '/^use(Layout|Insertion)?Effect$/';
export const effectReturnRule = {
  selector:
    `CallExpression:matches([callee.name=${EFFECT_CALLEE}], [callee.property.name=${EFFECT_CALLEE}]) > ` +
    `ArrowFunctionExpression[body.type!='BlockStatement']` +
    `[body.type!='ArrowFunctionExpression'][body.type!='FunctionExpression']`,
  message:
    'An effect must not return a value: its return value is called as cleanup. Use a block body ' +
    '`useEffect(() => { ... }, deps)`, or return a cleanup function.',
};

export default defineConfig(
  globalIgnores(
    ['**/dist/', '**/node_modules/', 'data/', '**/.tmp/', 'coverage/', 'test-results/', 'shared/geo/'],
    'ignores',
  ),
  {
    name: 'base',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
  },
  js.configs.recommended,
  {
    name: 'js',
    files: ['**/*.{js,mjs,cjs,jsx}'],
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'typescript',
    files: [TS],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    name: 'client/browser',
    files: ['client/**/*.{ts,tsx,js,jsx}'],
    ignores: ['client/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Hooks live in components (.tsx) and in useThing.ts files, so both are checked.
    ...reactHooks.configs.flat.recommended,
    name: 'client/react-hooks',
    files: ['client/**/*.{ts,tsx}'],
  },
  {
    name: 'client/effect-returns',
    files: ['client/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', effectReturnRule] },
  },
  ...boundaryBlocks,
  {
    // After the server blocks, so it replaces their rule for these files: it repeats their pattern.
    // Features register their presenters and snapshot parts (server/features/index.ts); the event
    // core knows none of them, so no cycle runs through it.
    name: 'boundaries/server-events',
    files: [`server/events/*.${SOURCE_EXT}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `${climbs(2)}client(/|$)`,
              message: 'server/ must not import client/; put shared code in shared/.',
            },
            {
              regex: '^\\.\\./features(/|$)',
              message:
                'server/events/ imports no feature: register the presenter and snapshot part in server/features/index.ts.',
            },
          ],
        },
      ],
    },
  },
);
