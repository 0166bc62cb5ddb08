// ESLint for the whole repository (`npm run lint`). typescript-eslint's recommended set without type
// information keeps the run fast; `npm run typecheck` is the type gate. Import boundaries between our
// libraries are checked by dependency-cruiser (.dependency-cruiser.cjs), not here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', 'coverage/**', '.data/**', '.data-demo/**', 'bench/results/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `const { limit: _limit, ...filter } = query` drops a field on purpose; `_` marks an unused name.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A variable read by a callback created before its single assignment cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // The text sanitisers match NUL and other control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests, stand-ins and tools read untyped JSON from HTTP responses (supertest bodies: ~300 places).
    files: ['test/**', 'scripts/**', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only the classic hooks rules: the plugin's other recommended rules check code for the React Compiler,
    // which this app does not use (they flag its fetch-in-effect and latest-value-ref patterns).
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
