import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedPaths, citedSymbols, documents, repoRoot } from './doc-citations.js';

/*
 * A reader follows a doc line by line: when a line (a sentence, a list item, a table row) names a
 * source file and a function, they open that file and look for that function. So each symbol a
 * line cites must be defined in a source file cited on the same line, not merely somewhere in the
 * tree. Lines citing symbols and no source file are checked by docs.test.ts (somewhere in the tree).
 */

const SOURCE = /\.(ts|tsx|mjs|go)$/;

/** Where a name is defined, not used: a declaration, a method, a property, an object key or an event name. */
export function definesSymbol(source: string, name: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return [
    new RegExp(`\\b(function\\*?|const|let|var|class|interface|type|enum|namespace)\\s+${escaped}\\b`),
    new RegExp(
      `^\\s*(export\\s+)?(default\\s+)?(async\\s+)?(static\\s+)?(readonly\\s+)?(private\\s+|protected\\s+|public\\s+)?(get\\s+|set\\s+)?${escaped}\\s*(<[^>]*>)?\\s*(\\(|\\?:|:|=)`,
      'm',
    ),
    // an event or key named in a string where the file emits or handles it (the contract defines it)
    new RegExp(`['"]${escaped}['"]`),
    new RegExp(`\\bfunc\\s+(\\([^)]*\\)\\s*)?${escaped}\\b`),
    new RegExp(`export\\s*\\{[^}]*\\b${escaped}\\b`),
  ].some((pattern) => pattern.test(source));
}

/** Each line's cited source files and symbols, with what is missing from those files. */
export function undefinedBesidePaths(markdown: string, read: (file: string) => string | null): string[] {
  const problems: string[] = [];
  markdown.split('\n').forEach((line, index) => {
    const files = citedPaths(line).filter((cited) => SOURCE.test(cited));
    if (files.length === 0) return;
    const sources = files.map(read).filter((text): text is string => text !== null);
    if (sources.length === 0) return;
    for (const symbol of citedSymbols(line)) {
      if (!sources.some((source) => definesSymbol(source, symbol)))
        problems.push(`line ${index + 1}: \`${symbol}\` is not defined in ${files.join(', ')}`);
    }
  });
  return problems;
}

const readFromRepo = (file: string): string | null => {
  const full = path.join(repoRoot, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : null;
};

describe('a symbol is defined in the file cited beside it', () => {
  it('tells a definition from a use', () => {
    expect(definesSymbol('export function sendMessage(a) {}', 'sendMessage')).toBe(true);
    expect(definesSymbol('  async flush(): Promise<void> {', 'flush')).toBe(true);
    expect(definesSymbol('const x = sendMessage(a);', 'sendMessage')).toBe(false);
  });

  it('reports a symbol cited beside a file that does not define it', () => {
    const files: Record<string, string> = {
      'backend/src/a.ts': 'export function here() {}',
      'backend/src/b.ts': 'export const there = 1;',
    };
    const read = (file: string) => files[file] ?? null;
    expect(undefinedBesidePaths('`backend/src/a.ts` `hereNow` and `backend/src/b.ts`', read)).toEqual([
      'line 1: `hereNow` is not defined in backend/src/a.ts, backend/src/b.ts',
    ]);
    expect(
      undefinedBesidePaths('| `backend/src/a.ts` | `hereIt` |\n| `backend/src/b.ts` | `thereIt` |', (file) =>
        file.endsWith('a.ts') ? 'function hereIt() {}' : 'const thereIt = 1',
      ),
    ).toEqual([]);
  });

  it.each(documents())('%s', (document) => {
    expect(undefinedBesidePaths(fs.readFileSync(path.join(repoRoot, document), 'utf8'), readFromRepo)).toEqual([]);
  });
});
