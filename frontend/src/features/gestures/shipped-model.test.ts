import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modelsDir = fileURLToPath(new URL('../../../public/models/', import.meta.url));
/** The bundle that ships with the app (see public/models/NOTICE); models:fetch may replace it with Google's release. */
const SHIPPED_SHA256 = '2d0c72c9a91913ba7a65f4758c72759f4b4718d870bddabe0277e480c20694ee';
const GOOGLE_RELEASE_SHA256 = '97952348cf6a6a4915c2ea1496b4b37ebabc50cbbf80571435643c455f2b0482';

describe('the gesture model ships with the app', () => {
  it('public/models/gesture_recognizer.task is the shipped bundle (or Google release after models:fetch)', () => {
    const bytes = fs.readFileSync(`${modelsDir}gesture_recognizer.task`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect([SHIPPED_SHA256, GOOGLE_RELEASE_SHA256]).toContain(sha256);
  });

  it('a NOTICE beside it names its origin, licence and checksum', () => {
    const notice = fs.readFileSync(`${modelsDir}NOTICE`, 'utf8');
    expect(notice).toContain('Apache License 2.0');
    expect(notice).toContain('google-ai-edge/mediapipe');
    expect(notice).toContain(SHIPPED_SHA256);
  });
});
