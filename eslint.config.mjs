// Lint rules that encode the architecture (aesthetics.md §G): workflows stay deterministic and free of I/O,
// promises are never forgotten, and Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next/',
      '.data/',
      '.scratch*/',
      'test-results/',
      'lib/generated/',
      'next-env.d.ts',
      'test/histories/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Forgetting to await an activity, a workflow call or a DB write loses work silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'object-shorthand': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node builtins, no database, no app code.
    files: ['workflows/**/*.ts', 'test/support/changed-workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflows must not do I/O: move it into an activity.' },
            {
              group: ['@/lib/*', '../lib/*', '@prisma/*', 'pg', 'next', 'next/*', 'exceljs', 'nodemailer'],
              message: 'Workflows must not import I/O code: call an activity.',
            },
          ],
          paths: [
            'fs',
            'path',
            'os',
            'crypto',
            'child_process',
            'http',
            'https',
            'net',
            'stream',
            'worker_threads',
          ].map((name) => ({
            name,
            message: 'Workflows must not do I/O: move it into an activity.',
          })),
        },
      ],
    },
  },
  {
    // Workflows import activities for their types only.
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }] },
  },
  prettier,
);
