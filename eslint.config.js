// Lint enforces the architecture: which environment each folder may reach (Signal marks files
// by suffix and checks imports with a custom rule; folders plus no-restricted-imports do the same).
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronOnly = {
  group: ['electron', 'electron/*'],
  message: 'Electron belongs to src/main (the shell) and src/preload.',
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
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'The core imports nothing outside itself.',
            },
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
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronOnly,
            databaseOnly,
            reactOnly,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'shared/ is the contract: it depends on nothing but core types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronOnly,
            databaseOnly,
            {
              group: ['**/main/**', '**/preload/**'],
              message:
                'The renderer reaches the main side only through the contract in src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            databaseOnly,
            reactOnly,
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'The preload exposes the contract and nothing else.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            reactOnly,
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'main/ and renderer/ never import each other; both import shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/recorder/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            databaseOnly,
            reactOnly,
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'main/ and renderer/ never import each other; both import shared/.',
            },
          ],
        },
      ],
    },
  },
)
