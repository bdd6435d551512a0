import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Only these files may touch Electron; everything else must run in plain Node or the browser.
const ELECTRON_SHELL = ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'test/electron/**/*.ts'];

/** Every Node built-in by its bare name (`fs`, `fs/promises`, …); the `node:` forms are caught by a pattern. */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));

const ELECTRON_IMPORT = { name: 'electron', message: 'Only electron/main and electron/preload may import electron; put logic in electron/core.' };
const ELECTRON_SUBPATHS = { group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' };
const NODE_PREFIXED = { group: ['node:*'] };
const bareBuiltins = (message) => NODE_BUILTINS.map((name) => ({ name, message }));

// no-restricted-imports sees only static imports; a dynamic import() or require() of electron is caught here.
const ELECTRON_SOURCE = '/^electron(\\u002F|$)/';
const NO_DYNAMIC_ELECTRON = [
  { selector: `ImportExpression[source.value=${ELECTRON_SOURCE}]`, message: 'Only electron/main and electron/preload may import electron.' },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=${ELECTRON_SOURCE}]`, message: 'Only electron/main and electron/preload may import electron.' },
  { selector: 'ImportExpression[source.type!="Literal"]', message: 'Import a module by a literal name, so the import fence can check it.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { paths: [ELECTRON_IMPORT], patterns: [ELECTRON_SUBPATHS] }],
      'no-restricted-syntax': ['error', ...NO_DYNAMIC_ELECTRON],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  { files: ELECTRON_SHELL, rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' } },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ELECTRON_IMPORT,
            { name: 'electron-store', message: 'The core gets its stores from the shell (AppCoreDeps.openStore), never opens one itself.' },
            { name: 'conf', message: 'The core gets its stores from the shell (AppCoreDeps.openStore), never opens one itself.' },
          ],
          patterns: [
            ELECTRON_SUBPATHS,
            { regex: '^(\\.\\./)+(electron/)?(main|preload)/', message: 'The core does not depend on the shell.' },
            // The locale files are plain data: the CSV export takes the UI's own words from them.
            { regex: '(^|/)renderer/(?!src/locales/[a-z]+/[a-z-]+\\.json$)', message: 'The core may read the renderer\'s locale files, nothing else of it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!electron$|(\\.\\./)+shared/)', message: 'The preload imports only electron and shared/ (it runs sandboxed).' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_IMPORT, ...bareBuiltins('shared/ runs in the renderer too: no Node built-ins.')],
          patterns: [
            ELECTRON_SUBPATHS,
            { ...NODE_PREFIXED, message: 'shared/ runs in the renderer too: no Node built-ins.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on neither side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.tgcode.' }, ...bareBuiltins('The renderer must not import Node.')],
          patterns: [
            ELECTRON_SUBPATHS,
            { ...NODE_PREFIXED, message: 'The renderer must not import Node.' },
            { group: ['**/electron/**'], message: 'The renderer must not import main-process code.' },
          ],
        },
      ],
    },
  },
);
