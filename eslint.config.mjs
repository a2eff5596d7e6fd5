import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'bench-results/**',
      '**/*.py',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The engine runs in Electron main, a Web Worker and the CLI: it must stay pure.
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The engine must not import Electron.' },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'],
              message: 'The engine must not import Node built-ins.',
            },
            {
              group: ['react', 'react-dom', 'react/*', 'd3-*'],
              message: 'The engine must not import UI libraries.',
            },
            {
              group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**'],
              message: 'The engine must not import app code.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Math.random', message: 'Use the seeded Rng.' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded Rng: the engine is deterministic.',
        },
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
      ],
    },
  },
);
