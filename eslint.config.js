// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries (who may import Electron, Node built-ins, Node-only packages, each other; no
 * circles) are checked by dependency-cruiser: .dependency-cruiser.cjs, run by `npm run lint`.
 * ESLint keeps what an import graph cannot see: the globals each side must not touch.
 */

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Plain Node scripts (the CLI launcher, CI helpers).
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    // Tool configurations that must be CommonJS (.dependency-cruiser.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Services and the CLI are plain Node: no DOM.
    files: ['electron/services/**', 'electron/cli/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    // shared/ runs on both sides: neither Node's globals nor the DOM's.
    files: ['shared/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/src/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer is a sandboxed web page: no Node globals.
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer'],
    },
  },
  {
    // Size limits for the renderer (issue 18): a file one can read in a sitting (300 lines) and a
    // function that fits on a screen (80 lines), blank lines and comments included. A screen that
    // grows past them splits into panes and hooks (see renderer/src/main/).
    files: ['renderer/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
);
