import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOP_LEVEL = ['backend/', 'frontend/', 'shared/', 'docs/', '.ci/'];

function documents(): string[] {
  const docs = fs
    .readdirSync(path.join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** Repository paths a document cites: in backticks or as link targets, starting at a top-level folder. */
export function citedPaths(markdown: string): string[] {
  const candidates = [...markdown.matchAll(/`([^`\s]+)`/g), ...markdown.matchAll(/\]\(([^)\s#]+)/g)].map((match) => match[1]!);
  // `../shared/...` is the team kit beside the repository, not part of this tree.
  return [...new Set(candidates.filter((item) => !item.startsWith('../')).map((item) => item.replace(/[:,]\d*$/, '')))].filter(
    (item) => TOP_LEVEL.some((prefix) => item.startsWith(prefix)) && !item.includes('*') && !item.includes('<'),
  );
}

describe('the docs tell the truth about the tree', () => {
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
});
