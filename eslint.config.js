// Lint holds the architecture: which folders each folder may import (core only core; shared only
// core and shared; the renderer only shared and its own), where Electron and the database may be
// reached, and that no import ever closes a cycle. Each file is in exactly one block of boundaries,
// so no block silently overrides another.
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronOnly = {
  group: ['electron', 'electron/*'],
  message:
    'Electron belongs to the shell (src/main/index.ts, main/shell, main/ipc) and src/preload.',
}
const databaseOnly = {
  group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'],
  message: 'Only src/main/recorder touches the database.',
}
const nodeBuiltins = { group: ['node:*'], message: 'This environment has no Node.js APIs.' }
const reactOnly = {
  group: ['react', 'react-dom', 'react-dom/*', 'recharts'],
  message: 'React belongs to src/renderer.',
}
const folders = (names, message) => ({
  group: names.flatMap((name) => [`**/${name}`, `**/${name}/**`]),
  message,
})

// Saving and resuming a network: the main side reaches the core's states only through
// core/resume.ts, so what the store needs of the core stays one interface.
const resumeMessage =
  'A saved state and its resume come from core/resume.ts, the one interface for them.'
const resumeThroughOne = [
  { group: ['**/core/network/network-state', '**/core/node/node-context'], message: resumeMessage },
  { group: ['**/core/chain/block-tree'], importNames: ['HeldEntries'], message: resumeMessage },
]

/** One block of boundaries: these patterns, for these files and no others. */
const boundaries = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
})

/** src/main, outside the shell and the recorder. */
const MAIN_SHELL = ['src/main/index.ts', 'src/main/shell/**', 'src/main/ipc/**']
const MAIN_RECORDER = ['src/main/recorder/**']
const mainApart = folders(
  ['renderer', 'preload'],
  'main/ and renderer/ never import each other; both import shared/.',
)

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'drizzle/**',
      'coverage/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The simulation is pure: no I/O, no wall clock, no ambient randomness.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronOnly,
            databaseOnly,
            reactOnly,
            folders(
              ['shared', 'main', 'renderer', 'preload'],
              'The core imports nothing outside itself.',
            ),
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is an input: use the clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded Random from core/random.' },
        { object: 'performance', property: 'now', message: 'Time is an input: use the clock.' },
      ],
    },
  },
  {
    // The one place the core hashes: see the comment in the file.
    files: ['src/core/pow/sha256.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  boundaries(
    ['src/shared/**/*.ts'],
    [
      nodeBuiltins,
      electronOnly,
      databaseOnly,
      reactOnly,
      folders(
        ['main', 'renderer', 'preload'],
        'shared/ is the contract: it imports only core/ and shared/.',
      ),
    ],
  ),
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks. The React Compiler's rules (set-state-in-effect, …) wait for the
    // renderer's rework (issues 11 and 12): three effects would need rewriting.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  boundaries(
    ['src/renderer/**/*.{ts,tsx}'],
    [
      nodeBuiltins,
      electronOnly,
      databaseOnly,
      folders(
        ['core', 'main', 'preload'],
        'The renderer imports only shared/ (the contract, and the engine terms it hands on) and its own.',
      ),
    ],
  ),
  boundaries(
    ['src/preload/**/*.ts'],
    [
      databaseOnly,
      reactOnly,
      folders(['main', 'renderer'], 'The preload exposes the contract and nothing else.'),
    ],
  ),
  boundaries(
    ['src/main/**/*.ts'],
    [reactOnly, mainApart, electronOnly, databaseOnly, ...resumeThroughOne],
    [...MAIN_SHELL, ...MAIN_RECORDER],
  ),
  boundaries(MAIN_SHELL, [reactOnly, mainApart, databaseOnly, ...resumeThroughOne]),
  boundaries(MAIN_RECORDER, [reactOnly, mainApart, electronOnly, ...resumeThroughOne]),
  {
    // No import closes a cycle, between files or folders.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // The TypeScript sources are parsed for their imports as the linter parses them.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
)
