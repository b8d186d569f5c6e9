import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedPaths, citedSymbols, documents, repoRoot } from './doc-citations.js';

function sourceText(): string {
  const files: string[] = [];
  for (const root of [
    'backend/src',
    'backend/test',
    'frontend/src',
    'frontend/e2e',
    'shared/src',
    'backend/tools',
    'backend/bench',
  ]) {
    const full = path.join(repoRoot, root);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full, { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|tsx|go|mjs)$/.test(name)) files.push(fs.readFileSync(path.join(full, name), 'utf8'));
    }
  }
  return files.join('\n');
}

describe('the docs tell the truth about the tree', () => {
  const source = sourceText();

  it('finds cited symbols', () => {
    expect(citedSymbols('`CallSession.createOffer` and `startServer()`, not `npm test` or `jwt`')).toEqual([
      'CallSession',
      'createOffer',
      'startServer',
    ]);
  });

  it.each(documents())('every symbol %s cites exists in the code', (document) => {
    const markdown = fs.readFileSync(path.join(repoRoot, document), 'utf8');
    const missing = citedSymbols(markdown).filter((name) => !new RegExp(`\\b${name}\\b`).test(source));
    expect(missing).toEqual([]);
  });

  it('finds cited paths in backticks and links', () => {
    expect(citedPaths('see `backend/src/app.ts` and [x](docs/testing.md), not `npm test`')).toEqual([
      'backend/src/app.ts',
      'docs/testing.md',
    ]);
  });

  it.each(documents())('every path %s cites exists', (document) => {
    const markdown = fs.readFileSync(path.join(repoRoot, document), 'utf8');
    const base = path.dirname(path.join(repoRoot, document));
    const missing = citedPaths(markdown).filter(
      (cited) => !fs.existsSync(path.join(repoRoot, cited)) && !fs.existsSync(path.join(base, cited)),
    );
    expect(missing).toEqual([]);
  });

  // Issue 7: the performance page holds the table of a full `npm run bench` run, with its commit.
  it('docs/performance.md holds a full bench run: every scenario finished, its commit and its rows', () => {
    const markdown = fs.readFileSync(path.join(repoRoot, 'docs/performance.md'), 'utf8');
    const results = markdown.slice(markdown.indexOf('## Results'));
    const cited = /`(bench\/results\/[^`]+\.json)`/.exec(results)?.[1];
    expect(cited, 'a bench/results file cited under Results').toBeDefined();
    const run = JSON.parse(fs.readFileSync(path.join(repoRoot, cited!), 'utf8')) as {
      commit: string;
      uncommittedChanges: boolean;
      quick: boolean;
      failures: unknown[];
      rows: { scenario: string; metric: string }[];
    };
    expect(run.quick).toBe(false);
    expect(run.uncommittedChanges).toBe(false);
    expect(run.failures).toEqual([]);
    expect([...new Set(run.rows.map((row) => row.scenario.split(' ')[0]))].sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(run.rows.filter((row) => row.metric === 'did not finish')).toEqual([]);
    expect(results).toContain(`\`${run.commit}\``);
    for (const row of run.rows) expect(results, row.metric).toContain(row.metric);
  });
});
