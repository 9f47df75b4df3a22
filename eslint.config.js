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
      'import/resolver': { typescript: true, node: true },
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          rules: [
            { from: 'common', allow: ['common'] },
            { from: 'core', allow: ['common', 'core'] },
            { from: 'main', allow: ['common', 'core', 'main'] },
            { from: 'preload', allow: ['common', 'preload'] },
            { from: 'serve', allow: ['common', 'core', 'serve'] },
            { from: 'cli', allow: ['common', 'core', 'cli'] },
            { from: 'renderer', allow: ['common', 'renderer'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  prettier,
);
