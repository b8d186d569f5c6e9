import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * What a document cites: repository paths and code symbols, as the docs tests read them
 * (docs.test.ts: each exists; docs-beside.test.ts: each symbol is defined in the file beside it).
 */

export const TOP_LEVEL = ['backend/', 'frontend/', 'shared/', 'docs/', '.ci/', 'bench/'];

/** Repository paths a document cites: in backticks or as link targets, starting at a top-level folder. */
export function citedPaths(markdown: string): string[] {
  const candidates = [...markdown.matchAll(/`([^`\s]+)`/g), ...markdown.matchAll(/\]\(([^)\s#]+)/g)].map((match) => match[1]!);
  // `../shared/...` is the team kit beside the repository, not part of this tree.
  return [...new Set(candidates.filter((item) => !item.startsWith('../')).map((item) => item.replace(/[:,]\d*$/, '')))].filter(
    (item) => TOP_LEVEL.some((prefix) => item.startsWith(prefix)) && !item.includes('*') && !item.includes('<'),
  );
}

/** Code symbols a document cites in backticks: camelCase or PascalCase names, and `Type.member`. */
export function citedSymbols(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!.replace(/\(\)$/, ''));
  const names = spans.flatMap((span) =>
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(span) ? span.split('.') : [],
  );
  return [...new Set(names.filter((name) => /^[a-z]+[A-Z]/.test(name) || /^[A-Z][a-z]+[A-Z]/.test(name)))];
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The documents the docs tests read: the README and every page under docs/. */
export function documents(): string[] {
  const docs = fs
    .readdirSync(path.join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}
