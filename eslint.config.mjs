// One lint for the whole repository: ESLint's and typescript-eslint's recommended rules;
// formatting is Prettier's alone (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // dashboard/src/graphql/ is GraphQL Code Generator's output, made by the build
  { ignores: ['**/dist/', '**/node_modules/', 'coverage/', 'data/', '.bench/', '.ci/out/', 'dashboard/src/graphql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // `_` marks a parameter kept for its position (type-graphql's `_type => Brand`, Express-style handlers)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // the dashboard runs in the browser
  { files: ['dashboard/src/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  prettier,
);
