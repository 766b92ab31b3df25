import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The pure core reads no clock and no randomness: both are injected (ARCHITECTURE.md §1.1).
const impureCalls = [
  { object: 'Date', property: 'now', message: 'Inject a Clock instead of reading the system time.' },
  { object: 'Math', property: 'random', message: 'Inject an IdGenerator or a random source instead.' },
  { object: 'crypto', property: 'randomUUID', message: 'Inject an IdGenerator instead.' },
  { object: 'performance', property: 'now', message: 'Inject a Clock instead of reading the system time.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'docs/api/', 'node_modules/', 'reports/', '.stryker-tmp-*/', 'examples/browser/dist/', 'examples/browser/test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '.*.cjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      // isolatedDeclarations needs the annotations this rule would remove from exported constants.
      '@typescript-eslint/no-inferrable-types': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/kernel/clock.ts', 'src/adapters/**', 'src/cli/**'],
    rules: {
      'no-restricted-properties': ['error', ...impureCalls],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject a Clock instead of reading the system time.' },
        { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the system time: inject a Clock.' },
      ],
      'no-console': 'error',
    },
  },
  { files: ['**/*.js', '**/*.cjs'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
);
