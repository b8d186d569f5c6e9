/// <reference types="node" />
// Real-camera gesture tests: a y4m clip made at test time from the fixture photographs, fed to a
// Chromium of its own (the fake camera comes from a launch flag, so one clip per browser process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The team kit's fixture photographs (CI has shared/ beside the clone); see its README for origins. */
export const FIXTURE_IMAGES = fileURLToPath(new URL('../../../shared/gestures/images/', import.meta.url));

const WIDTH = 640;
const HEIGHT = 480;
const FPS = 15;
/** the corner square (px) that is white in marked segments, black elsewhere */
export const MARKER_SIZE = 16;

export interface ClipSegment {
  /** a file in FIXTURE_IMAGES */
  image: string;
  seconds: number;
  /** a white corner square on these frames (see framePixels) */
  marker?: boolean;
}

/**
 * Decodes a photograph with Chromium itself (no image library needed) and returns its RGBA pixels,
 * scaled to fit a 640×480 frame on grey, as a webcam frame would show it. With `marker`, a white
 * square in the top-left corner, which a bench can watch for on the preview to know when the
 * gesture reached the camera. (The page code is a string so this file needs no DOM types: the
 * bench, type-checked without them, imports it too.)
 */
async function framePixels(page: Page, imagePath: string, marker: boolean): Promise<Buffer> {
  const src = `data:image/jpeg;base64,${fs.readFileSync(imagePath).toString('base64')}`;
  const base64 = await page.evaluate<string>(`(async ({ src, width, height, marker }) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#808080';
      context.fillRect(0, 0, width, height);
      const scale = Math.min(width / image.naturalWidth, height / image.naturalHeight);
      const w = image.naturalWidth * scale;
      const h = image.naturalHeight * scale;
      context.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
      context.fillStyle = marker ? '#ffffff' : '#000000';
      context.fillRect(0, 0, ${MARKER_SIZE}, ${MARKER_SIZE});
      const bytes = context.getImageData(0, 0, width, height).data;
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    })(${JSON.stringify({ src, width: WIDTH, height: HEIGHT, marker })})`);
  return Buffer.from(base64, 'base64');
}

/** RGBA → I420 (BT.601), the frame layout of a `C420jpeg` y4m. Hand-written: it is ten lines and no library does only this. */
function toI420(rgba: Buffer): Buffer {
  const y = Buffer.alloc(WIDTH * HEIGHT);
  const u = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
  const v = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
  for (let row = 0; row < HEIGHT; row++) {
    for (let col = 0; col < WIDTH; col++) {
      const i = (row * WIDTH + col) * 4;
      const [r, g, b] = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
      y[row * WIDTH + col] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      if (row % 2 === 0 && col % 2 === 0) {
        const c = (row / 2) * (WIDTH / 2) + col / 2;
        u[c] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
        v[c] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
      }
    }
  }
  return Buffer.concat([y, u, v]);
}

/** Writes a y4m clip of the segments in order (Chromium loops it) into a temp dir; returns its path. */
export async function makeClip(decoder: Page, segments: ClipSegment[]): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'careline-gestures-')), 'clip.y4m');
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
    for (const segment of segments) {
      const frame = toI420(await framePixels(decoder, path.join(FIXTURE_IMAGES, segment.image), segment.marker ?? false));
      for (let n = 0; n < Math.round(segment.seconds * FPS); n++) {
        fs.writeSync(out, 'FRAME\n');
        fs.writeSync(out, frame);
      }
    }
  } finally {
    fs.closeSync(out);
  }
  return file;
}

/**
 * A Chromium whose fake camera plays `clip`; `chromium` is the usual launch (path and flags: the
 * browser tests' harness.ts, or the bench's lib/browser.ts), passed in so this file imports neither.
 */
export function launchWithCamera(clip: string, chromiumPath: string, args: readonly string[]): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...args, `--use-file-for-fake-video-capture=${clip}`],
    headless: true,
  });
}

/** Removes a clip made by makeClip (tens of MB) and its temp dir. */
export function removeClip(clip: string): void {
  fs.rmSync(path.dirname(clip), { recursive: true, force: true });
}
