// Lint rules for the whole project. The layer rules mirror the folder contract in README
// ("Architecture"): common imports nothing, core never imports electron, main, serve or cli,
// and the renderer imports only types from common.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'build/', 'release/', 'test-results/', 'playwright-report/', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'common', pattern: 'src-main/common/**' },
        { type: 'core', pattern: 'src-main/core/**' },
        { type: 'main', pattern: 'src-main/main/**' },
        { type: 'preload', pattern: 'src-main/preload/**' },
        { type: 'serve', pattern: 'src-main/serve/**' },
        { type: 'cli', pattern: 'src-main/cli/**' },
        { type: 'renderer', pattern: 'src-renderer/**' },
      ],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      // Later policies win over earlier ones: packages and Node builtins are allowed first, then
      // the one package with a layer of its own (electron) is taken back from every other layer.
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // Packages and Node builtins are checked too, so the electron policy below can apply.
          checkAllOrigins: true,
          policies: [
            { allow: { to: { module: { origin: ['core', 'external'] } } } },
            { from: { element: { type: 'common' } }, allow: { to: { element: { type: 'common' } } } },
            {
              from: { element: { type: 'core' } },
              allow: { to: { element: { types: { anyOf: ['common', 'core'] } } } },
            },
            {
              from: { element: { type: 'main' } },
              allow: { to: { element: { types: { anyOf: ['common', 'core', 'main'] } } } },
            },
            {
              from: { element: { type: 'preload' } },
              allow: { to: { element: { types: { anyOf: ['common', 'preload'] } } } },
            },
            {
              from: { element: { type: 'serve' } },
              allow: { to: { element: { types: { anyOf: ['common', 'core', 'serve'] } } } },
            },
            {
              from: { element: { type: 'cli' } },
              allow: { to: { element: { types: { anyOf: ['common', 'core', 'cli'] } } } },
            },
            { from: { element: { type: 'renderer' } }, allow: { to: { element: { type: 'renderer' } } } },
            // The renderer may read the contract's types, never run code from src-main.
            {
              from: { element: { type: 'renderer' } },
              allow: { to: { element: { type: 'common' } }, dependency: { kind: 'type' } },
            },
            {
              from: { element: { types: { anyOf: ['common', 'core', 'serve', 'cli', 'renderer'] } } },
              disallow: { to: { module: { origin: 'external', source: 'electron' } } },
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => list.push(x)` as a callback is not confusing; returning a void call from a named
      // function or a ternary still is, and stays an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Dropping fields with a rest pattern (`const { html: _html, ...summary } = doc`) and a fake's
      // parameter kept for its signature are deliberate; an underscore says so.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests assert on fixtures they just built: `hits[0]!` after checking the count is the test's
    // point, and fakes answer with `async () => value` to match the interface they stand in for.
    // Vitest's asymmetric matchers (`expect.stringContaining`, `expect.any`) are typed `any`, and a
    // test reads a response with `JSON.parse` precisely to check its shape with `expect`: the
    // unsafe-any rules would only force casts that prove nothing the assertion does not.
    // `afterAll(() => server?.close())` guards a variable that a failed `beforeAll` left unassigned,
    // which the type of a `let` cannot express, so the unnecessary-condition rule is off here too.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // `import { z } from 'zod'` makes every bundle that reaches it carry all of zod (about 600 KB
    // more for browser mode to load at each start); the namespace import lets esbuild keep only
    // what is used (README, "Start-up").
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier",
          message: "Use import * as z from 'zod' (bundle size).",
        },
      ],
    },
  },
  prettier,
);
