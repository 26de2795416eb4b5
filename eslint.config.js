// Lint and import boundaries. The boundary rules encode the layers of DESIGN.md ("a lint rule holds
// these, not good intentions"): web and http -> services -> db; the pipeline imports nothing from
// server/, the database or the queue library; workers never open the database; services never
// import Express.
import js from '@eslint/js'
import boundaries from 'eslint-plugin-boundaries'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/results/**', 'docs/**', '**/*.json', '**/*.jsonl'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,js,mjs}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      // Unused arguments named with a leading underscore are kept on purpose (a handler's signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Every line of code, strings and templates included (scripts/check-lengths.mjs holds the same
      // limit for CSS and shell, and the 400-line limit for files).
      'max-len': ['error', { code: 160 }],
    },
  },
  {
    files: ['server/**/*.ts', 'web/**/*.ts', 'workers/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['server/**/*.ts', 'web/**/*.ts', 'workers/**/*.ts'],
      'boundaries/elements': [
        { type: 'pipeline', pattern: 'workers/pipeline' },
        { type: 'workers', pattern: 'workers' },
        { type: 'db', pattern: 'server/db' },
        { type: 'services', pattern: 'server/services' },
        { type: 'http', pattern: 'server/http' },
        { type: 'server', pattern: 'server' },
        { type: 'web', pattern: 'web' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'pipeline' } },
              disallow: { to: { element: { types: { anyOf: ['server', 'db', 'services', 'http', 'web', 'workers'] } } } },
              message: 'workers/pipeline is pure: it imports nothing from server/, web/ or the worker plumbing',
            },
            {
              from: { element: { type: 'workers' } },
              disallow: { to: { element: { type: 'db' } } },
              message: 'workers never open the database: a scan job carries everything a detector needs',
            },
            {
              from: { element: { types: { anyOf: ['web', 'http'] } } },
              disallow: { to: { element: { type: 'db' } } },
              message: 'web and http call services; only services (and the wiring) reach server/db',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen in time and must not import the app's table types (which move on):
    // Kysely's own advice is to type them on Kysely<any> (STYLE.md, Migrations).
    // Frozen too: their long SQL lines stay as they landed.
    files: ['migrations/0*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Packages a layer must not use: the core rule, which matches the import text itself.
  {
    files: ['workers/pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['bullmq', 'ioredis', 'better-sqlite3', 'kysely'].map((name) => ({ name, message: 'workers/pipeline is pure: no queue, no database' })),
        },
      ],
    },
  },
  {
    files: ['workers/**/*.ts'],
    ignores: ['workers/pipeline/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'kysely'].map((name) => ({ name, message: 'workers never open the database' })),
        },
      ],
    },
  },
  {
    files: ['server/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'express', message: 'services never import Express: they take a ctx and typed input' }],
        },
      ],
    },
  },
)
