import fs from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const subfolders = (dir) =>
  fs
    .readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

// Boundaries, checked on resolved paths (not on how an import is spelled), so `../../video-call/x`
// is caught as surely as `features/video-call/x`. See docs/conventions.md.
const backendModules = subfolders('./backend/src/modules');
const frontendFeatures = subfolders('./frontend/src/features');
const moduleDir = (name) => `./backend/src/modules/${name}`;

/** A backend module imports another module only through its public entry, `modules/<m>/index.ts`. */
const moduleZones = backendModules.map((name) => ({
  target: moduleDir(name),
  from: backendModules.filter((other) => other !== name).map(moduleDir),
  except: ['./index.ts'],
  message: 'a module imports another module only through its public entry (modules/<module>/index.ts)',
}));

/** What wires modules together (or serves them) uses their public entries, never their internals. */
const wiringZone = {
  target: [
    './backend/src/realtime',
    './backend/src/scale',
    './backend/src/seed',
    './backend/src/app.ts',
    './backend/src/context.ts',
    './backend/src/start-server.ts',
    './backend/src/server.ts',
  ],
  from: backendModules.map(moduleDir),
  except: ['./index.ts'],
  message: "realtime/, scale/ and the wiring use a module's public entry (modules/<module>/index.ts), never its internals",
};

/** The layers modules are built on never reach up into them. */
const foundationZone = {
  target: ['./backend/src/lib', './backend/src/db', './backend/src/config', './backend/src/middleware'],
  from: './backend/src/modules',
  message: 'lib/, db/, config/ and middleware/ are below the modules: they never import one',
};

/** Features stay independent: they share code through components/, lib/ and shared/, never each other. */
const featureZones = frontendFeatures.map((name) => ({
  target: `./frontend/src/features/${name}`,
  from: frontendFeatures.filter((other) => other !== name).map((other) => `./frontend/src/features/${other}`),
  message: 'features do not import each other; move shared code to components/ or lib/, or wire them in app/',
}));

/** Browser tests drive the product through its API and the test kit (backend/test/), not its models. */
const e2eZone = {
  target: './frontend/e2e',
  from: './backend/src/**/*.model.ts',
  message: 'e2e tests use the public API or a helper in backend/test/, not backend models',
};

const restrictPaths = (zones) => ['error', { basePath: import.meta.dirname, zones }];
const noCycle = ['error', { ignoreExternal: true }];

export const backendBoundaryRules = {
  'import-x/no-restricted-paths': restrictPaths([...moduleZones, wiringZone, foundationZone]),
  'import-x/no-cycle': noCycle,
};
export const frontendBoundaryRules = {
  'import-x/no-restricted-paths': restrictPaths(featureZones),
  'import-x/no-cycle': noCycle,
};
export const e2eBoundaryRules = { 'import-x/no-restricted-paths': restrictPaths([e2eZone]) };

/** The import-x plugin and a resolver that reads the tsconfigs, so zones see where an import really lands. */
export const importResolution = {
  plugins: { 'import-x': importX },
  settings: {
    // no-cycle follows imports into other files: they are TypeScript, so read them with its parser.
    'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    'import-x/extensions': ['.ts', '.tsx', '.js'],
    'import-x/resolver-next': [
      createTypeScriptImportResolver({
        project: ['./backend/tsconfig.test.json', './frontend/tsconfig.json', './shared/tsconfig.test.json'],
        noWarnOnMultipleProjects: true,
      }),
    ],
  },
};

// backend/test/boundaries.test.ts lints deliberate violations with these very blocks.
const boundaries = [
  { files: ['backend/src/**/*.ts', 'frontend/src/**/*.{ts,tsx}', 'frontend/e2e/**/*.ts'], ...importResolution },
  // Production code only: a test may set up its fixtures in another module's model.
  { files: ['backend/src/**/*.ts'], ignores: ['**/*.test.ts'], rules: backendBoundaryRules },
  { files: ['frontend/e2e/**/*.ts'], rules: e2eBoundaryRules },
];

/**
 * Sizes STYLE.md keeps as a habit, made a rule for production code: a file a reader can hold in
 * their head, a function that fits on a screen. Tests and generated files are exempt.
 */
export const sizeRules = {
  'max-lines': ['error', { max: 300 }],
  'max-lines-per-function': ['error', { max: 80, IIFEs: true }],
};
const sized = {
  files: ['backend/src/**/*.ts', 'backend/bench/**/*.ts', 'frontend/src/**/*.{ts,tsx}', 'shared/src/**/*.ts'],
  ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*test-support*', '**/fixtures/**'],
  rules: sizeRules,
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'coverage/**',
      'frontend/public/**',
      'backend/.bin/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        project: [
          './shared/tsconfig.test.json',
          './backend/tsconfig.test.json',
          './frontend/tsconfig.json',
          './tsconfig.tools.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...boundaries,
  sized,
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...frontendBoundaryRules,
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**', '**/e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
