// Lint rules that encode the architecture (docs/architecture.md): the parts import each other only along the allowed
// arrows, workflows stay deterministic and free of I/O, promises are never forgotten, and Prettier owns formatting.
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

// The parts of the code base and what each must never import (the README's "Dependencies point one way").
// lib is the domain the app and the activities share; scripts/ (with scripts/dev, the embedded services) is tooling.
const FORBIDDEN = {
  lib: ['app', 'worker', 'activities', 'scripts', 'workflows'],
  app: ['worker', 'activities', 'scripts', 'workflows'],
  activities: ['app', 'worker', 'scripts'],
  workflows: ['app', 'worker', 'scripts'],
  worker: ['app', 'scripts'],
};
// What of workflows/ the app and lib may import: the contracts (names, inputs, Update and Query definitions).
const CONTRACTS = /^workflows\/(contracts(\/.+)?|[^/]+-contracts)$/;

/** The project path (no extension) an import points at, or undefined for a package. */
function projectTarget(fromFile, source) {
  let target;
  if (source.startsWith('@/')) target = resolve(ROOT, source.slice(2));
  else if (source.startsWith('.')) target = resolve(dirname(fromFile), source);
  else return undefined;
  const rel = relative(ROOT, target).split('\\').join('/');
  return rel.startsWith('..') ? undefined : rel.replace(/\.(tsx?|mjs|js)$/, '');
}

const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Each part imports only what the architecture allows.' },
    messages: { forbidden: '{{from}}/ must not import from {{to}}/ ({{source}}): {{why}}' },
    schema: [],
  },
  create(context) {
    const fromRel = relative(ROOT, context.filename).split('\\').join('/');
    const from = fromRel.split('/')[0];
    const forbidden = FORBIDDEN[from];
    if (!forbidden || fromRel.startsWith('..')) return {};
    function check(sourceNode) {
      if (!sourceNode || typeof sourceNode.value !== 'string') return;
      const target = projectTarget(context.filename, sourceNode.value);
      if (!target) return;
      const to = target.split('/')[0];
      if (!forbidden.includes(to)) return;
      if (to === 'workflows' && CONTRACTS.test(target)) return;
      const why =
        to === 'workflows'
          ? 'import the workflow contracts (workflows/contracts) instead'
          : to === 'scripts'
            ? 'scripts/ is tooling, never part of the running platform'
            : 'dependencies point app → lib, worker → workflows/activities → lib';
      context.report({ node: sourceNode, messageId: 'forbidden', data: { from, to, source: sourceNode.value, why } });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
    };
  },
};

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
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    plugins: { architecture: { rules: { boundaries } } },
    rules: { 'architecture/boundaries': 'error' },
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
