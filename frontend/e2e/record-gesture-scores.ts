/// <reference types="node" />
/**
 * Records what the real recognizer says, frame by frame, on clips made from the fixture
 * photographs, into the JSON fixtures the detector's unit tests replay
 * (src/features/gestures/logic/fixtures/). Run by hand after changing the model or MediaPipe:
 *
 *   npm run build -w shared && npm run build -w frontend
 *   node --import tsx frontend/e2e/record-gesture-scores.ts [--out=<dir>]
 *
 * It serves frontend/dist on a port of its own (no backend, no database) and, in Chromium with the
 * clip on its fake camera, drives the app's own gesture worker (dist/assets/gesture.worker-*.js,
 * the code a call uses) through its message protocol, one frame at a time, as the call screen does.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { launchWithCamera, makeClip, removeClip, type ClipSegment } from './gesture-harness';

/** As harness.ts launches Chromium (not imported: it loads the backend, which this needs not). */
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const defaultOut = fileURLToPath(new URL('../src/features/gestures/logic/fixtures/', import.meta.url));

/** Each fixture: a looped clip, recorded for `seconds` once the recognizer is ready. */
const FIXTURES: { name: string; segments: ClipSegment[]; seconds: number }[] = [
  {
    name: 'open-palm',
    segments: [
      { image: 'neutral_person.jpg', seconds: 2 },
      { image: 'open_palm.jpg', seconds: 3 },
    ],
    seconds: 10,
  },
  {
    name: 'thumb-down',
    segments: [
      { image: 'neutral_person.jpg', seconds: 2 },
      { image: 'thumb_down.jpg', seconds: 3.5 },
    ],
    seconds: 11,
  },
  {
    name: 'resting-and-no-hand',
    segments: [
      { image: 'neutral_person.jpg', seconds: 3 },
      { image: 'no_hand.jpg', seconds: 3 },
    ],
    seconds: 30,
  },
];

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.task': 'application/octet-stream',
};

/** frontend/dist over HTTP (a worker and its WASM need an origin), plus an empty page to run in. */
function serveDist(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pathname === '/record') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>record</title>');
      return;
    }
    const file = path.join(dist, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }),
    ),
  );
}

/** In the page: the camera, the app's worker, and `seconds` of frames, each answered before the next goes. */
const RECORD = (workerUrl: string, seconds: number) => `(async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  const worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module' });
  let answer = null;
  worker.onmessage = (event) => answer && answer(event.data);
  const next = () => new Promise((resolve) => (answer = resolve));
  worker.postMessage({ type: 'init', wasmPath: '/mediapipe/wasm', modelUrl: '/models/gesture_recognizer.task' });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('the worker did not start: ' + JSON.stringify(ready));
  const frames = [];
  const started = performance.now();
  while (performance.now() - started < ${seconds * 1000}) {
    const capturedAt = performance.now();
    const bitmap = await createImageBitmap(video);
    const reply = next();
    worker.postMessage({ type: 'frame', bitmap, timestampMs: capturedAt }, [bitmap]);
    const message = await reply;
    if (message.type === 'result') frames.push({ t: capturedAt - started, result: message.result, recognitionMs: message.recognitionMs });
    // ~15 a second at most, as the call screen's pacing.
    const wait = 66 - (performance.now() - capturedAt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  worker.postMessage({ type: 'close' });
  for (const track of stream.getTracks()) track.stop();
  return frames;
})()`;

interface RecordedResult {
  gestures: { categoryName: string; score: number }[][];
  handedness: { categoryName: string }[][];
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ?? defaultOut;
  const assets = path.join(dist, 'assets');
  const workerFile = fs.existsSync(assets)
    ? fs.readdirSync(assets).find((name) => /^gesture\.worker-.*\.js$/.test(name))
    : undefined;
  if (!workerFile)
    throw new Error('no dist/assets/gesture.worker-*.js: run npm run build -w shared && npm run build -w frontend first');
  const model = fs.readFileSync(path.join(dist, 'models/gesture_recognizer.task'));
  const modelSha256 = createHash('sha256').update(model).digest('hex');
  const server = await serveDist();
  const decoderBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const decoder = await decoderBrowser.newPage();
    await decoder.goto(`${server.url}/record`);
    fs.mkdirSync(out, { recursive: true });
    for (const fixture of FIXTURES) {
      const clip = await makeClip(decoder, fixture.segments);
      const browser = await launchWithCamera(clip, CHROMIUM_PATH, CHROMIUM_ARGS);
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}/record`);
        const frames = await page.evaluate<{ t: number; result: RecordedResult; recognitionMs: number }[]>(
          RECORD(`/assets/${workerFile}`, fixture.seconds),
        );
        const recorded = {
          recordedWith: { modelSha256, chromium: browser.version(), by: 'frontend/e2e/record-gesture-scores.ts' },
          clip: { loop: fixture.segments, fps: 15, size: '640x480' },
          // Per frame: ms since the first, and each hand's top category (what the detector reads).
          frames: frames.map(({ t, result }) => ({
            t: Math.round(t),
            hands: result.gestures.flatMap((categories, index) =>
              categories[0]
                ? [
                    {
                      gesture: categories[0].categoryName,
                      score: round(categories[0].score),
                      handedness: result.handedness[index]?.[0]?.categoryName,
                    },
                  ]
                : [],
            ),
          })),
        };
        const file = path.join(out, `${fixture.name}.json`);
        fs.writeFileSync(file, `${JSON.stringify(recorded, null, 1)}\n`);
        const ms = frames.map((frame) => frame.recognitionMs).sort((a, b) => a - b);
        console.log(
          `${fixture.name}: ${frames.length} frames in ${fixture.seconds} s, recognition median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms → ${path.relative(process.cwd(), file)}`,
        );
      } finally {
        await browser.close();
        removeClip(clip);
      }
    }
  } finally {
    await decoderBrowser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
