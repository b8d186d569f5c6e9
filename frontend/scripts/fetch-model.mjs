#!/usr/bin/env node
// Replaces the gesture model shipped in frontend/public/models/ (see NOTICE there) with Google's current
// published release, served from our own origin at /models/gesture_recognizer.task (GESTURE_MODEL_URL's
// default). Usage: npm run models:fetch -w frontend   (then build). `sha256sum` tells which one is
// installed (docs/gestures.md).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODEL_URL =
  'https://storage.googleapis.com/mediapipe-models/gesture_recognizer/gesture_recognizer/float16/1/gesture_recognizer.task';
const TIMEOUT_MS = 60_000;
const targetDir = fileURLToPath(new URL('../public/models/', import.meta.url));
const target = path.join(targetDir, 'gesture_recognizer.task');

function fail(reason) {
  console.error(`models:fetch failed: ${reason}`);
  console.error(`  from: ${MODEL_URL}`);
  console.error(`  to:   ${target}`);
  console.error('Nothing was changed: the model already in that folder (the one shipped with the app,');
  console.error("see NOTICE there) stays in use. To install Google's release on a machine without");
  console.error('internet access, download the file elsewhere and copy it to the path above.');
  process.exit(1);
}

let response;
try {
  response = await fetch(MODEL_URL, { signal: AbortSignal.timeout(TIMEOUT_MS) });
} catch (error) {
  const cause = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
  fail(`could not reach storage.googleapis.com (${cause})`);
}
if (!response.ok) fail(`the server answered ${response.status} ${response.statusText}`);

const bytes = Buffer.from(await response.arrayBuffer());
// A .task file is a zip archive (the model and its metadata): anything else is an error page.
if (bytes.length < 1_000 || bytes.subarray(0, 2).toString('latin1') !== 'PK')
  fail(`the download is not a model file (${bytes.length} bytes)`);

fs.mkdirSync(targetDir, { recursive: true });
// Written beside the target, then renamed: an interrupted download never leaves half a model.
const partial = `${target}.partial`;
fs.writeFileSync(partial, bytes);
fs.renameSync(partial, target);
console.log(`Gesture model saved to ${target} (${(bytes.length / 1024 / 1024).toFixed(1)} MB).`);
