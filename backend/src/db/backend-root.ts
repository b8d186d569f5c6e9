import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BACKEND_PACKAGE_NAME = '@telehealth/backend';

/** Nearest ancestor of this file whose package.json is @telehealth/backend (works from src/ and dist/). */
export function backendRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkgPath = path.join(dir, 'package.json');
    if (existsSync(pkgPath)) {
      try {
        const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { name?: unknown };
        if (pkg.name === BACKEND_PACKAGE_NAME) return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `embedded-database: could not find the ${BACKEND_PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`,
      );
    }
    dir = parent;
  }
}
