// ESLint flat config: typescript-eslint's recommended rules for the whole tree, a ban on
// super-linear regular expressions (they freeze the server on a long line), and the layer rule
// that keeps server/src/core pure: no fs, network, child processes, `vscode` or LSP connection.
import js from '@eslint/js';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const IMPURE_MODULES = [
  'fs',
  'fs/promises',
  'path',
  'http',
  'https',
  'net',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'worker_threads',
  'cluster',
  'os',
  'process',
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/out/**', '.build/**', 'bench/.results/**', 'test/e2e/.artifacts/**', 'test/e2e/workspace/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'regexp/no-super-linear-backtracking': 'error',
      // Stylistic regexp rules that would only churn working code.
      'regexp/no-obscure-range': 'off',
      'regexp/no-unused-capturing-group': 'off',
    },
  },
  {
    // Product code runs on user-controlled strings: no regex may scan in super-linear time.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'regexp/no-super-linear-move': 'error' },
  },
  {
    // The CLI bundle runs as a vm script with V8's code cache (server/src/cliLoader.ts), where
    // import() of anything outside the bundle fails; esbuild inlines import() of our own modules.
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression:not([source.type='Literal'][source.value=/^[.]/])",
          message: 'import() of a module outside the bundle fails in the CLI (a vm script, see cliLoader.ts): import it statically.',
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['client/media/**/*.js'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  {
    files: ['test/e2e/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } },
  },
  {
    // The pure core: documents in, LSP types out. Hosts (LSP glue, CLI) inject everything else.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...IMPURE_MODULES.flatMap(name => [
              { name, message: 'server/src/core is pure: take what you need from the host interface instead.' },
              { name: `node:${name}`, message: 'server/src/core is pure: take what you need from the host interface instead.' },
            ]),
            { name: 'vscode', message: 'server/src/core never depends on the VS Code API.' },
          ],
          patterns: [
            {
              group: ['vscode-languageserver', 'vscode-languageserver/*', '!vscode-languageserver/node'],
              importNamePattern: '^(createConnection|Connection|ProposedFeatures|TextDocuments)$',
              message: 'server/src/core never sees the LSP connection: the glue in server/src/lsp does.',
            },
            {
              group: ['vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/*'],
              message: 'server/src/core never sees the LSP connection.',
            },
            {
              group: ['**/lsp/**', '**/cli/**', '**/simulator/**', '**/deploy/**'],
              message: 'server/src/core depends on nothing outside it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'server/src/core is pure: read settings and environment through the host.' },
        { name: 'fetch', message: 'server/src/core does no network I/O.' },
        { name: 'require', message: 'server/src/core imports statically.' },
      ],
    },
  },
);
