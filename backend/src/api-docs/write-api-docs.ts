import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from './render-api-docs.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/api.md');
fs.writeFileSync(target, renderApiDocs());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
