// ESLint flat config: typescript-eslint recommended, plus the module boundaries of the workspace:
// core packages never import the tools, and nobody imports another package's internals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noDeepImports = {
  group: ['@cgnas/*/src/*', '@cgnas/*/dist/*', '../../packages/*', '../../native/src/*', '../../tools/*'],
  message: 'Import a package through its public entry (e.g. "@cgnas/cg-core"), not its internals.',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '.nx/**', 'out/**', 'coverage/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': ['error', { patterns: [noDeepImports] }],
    },
  },
  {
    // Library code returns data; only the CLI and benchmarks print.
    files: ['packages/*/src/**/*.ts', 'native/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noDeepImports,
            { group: ['@cgnas/cli', '@cgnas/cli/*', '@cgnas/test'], message: 'Core packages never import the tools.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
