import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-preview/**', 'release/**', 'artifacts/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['main/clopos/**', 'main/watch/**', 'main/app/**', 'main/cli/**', 'main/icons/**', 'main/updates/**', 'main/settings/**', 'main/redact.ts', 'common/**', 'sim/**', 'preview/**', 'preload/bridge.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The engine stays free of Electron; use a port.' }] }],
    },
  },
  {
    files: ['preview/browser-bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'node:fs', 'fs', 'node:path', 'path'], patterns: ['../main/*', '../../main/*', 'node:*'] }],
    },
  },
);
