import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The import boundaries of eslint.config.js, proven live: each rule is run, with the blocks the
 * config itself exports, on a deliberate violation at a path inside the tree, and must report it;
 * the allowed import beside it must pass. (The files linted here do not exist: `lintText` lints
 * text as if it were at that path, so the tree is never touched.)
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = 'import-x/no-restricted-paths';

interface BoundaryConfig {
  importResolution: Linter.Config;
  backendBoundaryRules: Linter.RulesRecord;
  frontendBoundaryRules: Linter.RulesRecord;
  e2eBoundaryRules: Linter.RulesRecord;
  sizeRules: Linter.RulesRecord;
}

let eslint: ESLint;

beforeAll(async () => {
  const config = (await import(path.join(root, 'eslint.config.js'))) as BoundaryConfig;
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      // Parsed without type information: these rules need none, and the linted paths are in no tsconfig.
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } } },
      { files: ['**/*.{ts,tsx}'], ...config.importResolution },
      { files: ['backend/**/*.ts'], rules: config.backendBoundaryRules },
      { files: ['frontend/src/**/*.{ts,tsx}'], rules: config.frontendBoundaryRules },
      { files: ['frontend/e2e/**/*.ts'], rules: config.e2eBoundaryRules },
      { files: ['**/sized/**'], rules: config.sizeRules },
    ],
  });
}, 60_000);

/** The rules an import breaks, written as if `text` were the file at `filePath`. */
async function broken(filePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, filePath) });
  const fatal = result!.messages.filter((message) => message.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.map((message) => message.ruleId ?? 'none');
}

describe('backend modules meet only at their public entries', () => {
  it("refuses a module reaching into another's model, and allows its public entry", async () => {
    expect(
      await broken(
        'backend/src/modules/messages/probe.ts',
        "import { UserModel } from '../users/user.model.js';\nvoid UserModel;\n",
      ),
    ).toEqual([RULE]);
    expect(
      await broken(
        'backend/src/modules/messages/probe.ts',
        "import { readPublicUsers } from '../users/index.js';\nvoid readPublicUsers;\n",
      ),
    ).toEqual([]);
  });

  it('allows a module its own files', async () => {
    expect(
      await broken('backend/src/modules/users/probe.ts', "import { UserModel } from './user.model.js';\nvoid UserModel;\n"),
    ).toEqual([]);
  });

  it('refuses realtime/ and scale/ a module internal, and allows the public entry', async () => {
    expect(
      await broken(
        'backend/src/realtime/probe.ts',
        "import { consultedWith } from '../modules/consultations/relations.js';\nvoid consultedWith;\n",
      ),
    ).toEqual([RULE]);
    expect(
      await broken(
        'backend/src/scale/probe.ts',
        "import type { LiveCall } from '../modules/calls/call-registry.js';\nexport type X = LiveCall;\n",
      ),
    ).toEqual([RULE]);
    expect(
      await broken(
        'backend/src/realtime/probe.ts',
        "import { consultedWith } from '../modules/consultations/index.js';\nvoid consultedWith;\n",
      ),
    ).toEqual([]);
  });

  it('refuses middleware/ and lib/ any module at all', async () => {
    expect(
      await broken(
        'backend/src/middleware/probe.ts',
        "import { authenticate } from '../modules/auth/index.js';\nvoid authenticate;\n",
      ),
    ).toEqual([RULE]);
    expect(
      await broken('backend/src/lib/probe.ts', "import { toPublicUser } from '../modules/users/index.js';\nvoid toPublicUser;\n"),
    ).toEqual([RULE]);
  });

  it('refuses an import cycle', async () => {
    const file = 'backend/test/fixtures/boundaries/cycle-a.ts';
    const [result] = await eslint.lintFiles([path.join(root, file)]);
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['import-x/no-cycle']);
  });
});

describe('frontend features never import each other', () => {
  it("refuses a feature's relative import of another feature, however it is spelled", async () => {
    const file = 'frontend/src/features/messaging/components/probe.ts';
    expect(await broken(file, "import { x } from '../../video-call/index.js';\nvoid x;\n")).toEqual([RULE]);
    expect(await broken(file, "import { x } from '../../../features/notifications/index.js';\nvoid x;\n")).toEqual([RULE]);
    expect(await broken(file, "import { x } from '../../../lib/api-client.js';\nvoid x;\n")).toEqual([]);
  });
});

describe('browser tests stay outside the backend', () => {
  it('refuses an e2e test a backend model, and allows the test kit', async () => {
    const file = 'frontend/e2e/probe.e2e.test.ts';
    expect(
      await broken(
        file,
        "import { ConsultationModel } from '../../backend/src/modules/consultations/consultation.model.js';\nvoid ConsultationModel;\n",
      ),
    ).toEqual([RULE]);
    expect(
      await broken(file, "import { startTestServer } from '../../backend/test/test-server.js';\nvoid startTestServer;\n"),
    ).toEqual([]);
  });
});

describe('the repository config applies these rules', () => {
  it('turns every boundary rule on where it belongs', async () => {
    const live = new ESLint({ cwd: root });
    const rulesAt = async (file: string) =>
      ((await live.calculateConfigForFile(path.join(root, file))) as Linter.Config).rules ?? {};
    const severity = (rule: Linter.RuleEntry | undefined) => (Array.isArray(rule) ? rule[0] : rule);
    const backend = await rulesAt('backend/src/modules/messages/message.service.ts');
    expect(severity(backend[RULE])).toBe(2);
    expect(severity(backend['import-x/no-cycle'])).toBe(2);
    const frontend = await rulesAt('frontend/src/features/messaging/index.ts');
    expect(severity(frontend[RULE])).toBe(2);
    expect(severity(frontend['import-x/no-cycle'])).toBe(2);
    expect(severity((await rulesAt('frontend/e2e/harness.ts'))[RULE])).toBe(2);
  });
});

describe('sizes a reader can hold', () => {
  const lines = (count: number) => Array.from({ length: count }, (_, index) => `  void ${index};`).join('\n');

  it('refuses a function over 80 lines, and allows one of 80', async () => {
    expect(await broken('backend/src/sized/probe.ts', `export function long() {\n${lines(79)}\n}\n`)).toEqual([
      'max-lines-per-function',
    ]);
    expect(await broken('backend/src/sized/probe.ts', `export function fits() {\n${lines(78)}\n}\n`)).toEqual([]);
  });

  it('refuses a file over 300 lines, and allows one of 300', async () => {
    const constants = (count: number) =>
      Array.from({ length: count }, (_, index) => `export const c${index} = ${index};`).join('\n');
    expect(await broken('frontend/src/sized/probe.ts', `${constants(301)}\n`)).toEqual(['max-lines']);
    expect(await broken('frontend/src/sized/probe.ts', `${constants(300)}\n`)).toEqual([]);
  });

  it('holds every production file of each package to them, and no test', async () => {
    const live = new ESLint({ cwd: root });
    const on = async (file: string) => {
      const rules = ((await live.calculateConfigForFile(path.join(root, file))) as Linter.Config).rules ?? {};
      return [rules['max-lines'], rules['max-lines-per-function']].map((rule) => (Array.isArray(rule) ? rule[0] : rule));
    };
    for (const file of ['backend/src/app.ts', 'backend/bench/run.ts', 'frontend/src/app/app.tsx', 'shared/src/policies.ts'])
      expect(await on(file), file).toEqual([2, 2]);
    for (const file of ['backend/src/modules/messages/message.test.ts', 'frontend/src/lib/use-now.test.ts'])
      expect(await on(file), file).not.toContain(2);
  });
});
