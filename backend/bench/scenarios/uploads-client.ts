import http from 'node:http';

/*
 * The client side of the refused-uploads bench (scenarios/uploads.ts), run as a child process:
 * `count` parallel multipart uploads of UPLOAD_BYTES each, written as fast as the server takes
 * them, until it answers. Gets its job from the parent and sends the outcomes back.
 */

const UPLOAD_BYTES = 10 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

export interface UploadJob {
  url: string;
  origin: string;
  cookie: string;
  receiverId: string;
  count: number;
}

export interface UploadOutcome {
  status: number;
  /** the answer came while the body was still being sent */
  early: boolean;
}

/** One multipart upload of UPLOAD_BYTES, written as fast as the server takes it, until it answers. */
function upload(job: UploadJob): Promise<UploadOutcome> {
  const boundary = 'bench-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\nbench-${Math.random().toString(36).slice(2)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  // A well-formed form: a server that reads it all answers as it would a real upload.
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    const request = http.request(`${job.url}/api/messages/${job.receiverId}`, {
      method: 'POST',
      agent: false,
      headers: {
        cookie: job.cookie,
        origin: job.origin,
        'x-requested-with': 'XMLHttpRequest',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + UPLOAD_BYTES + tail.length),
      },
    });
    request.on('response', (response) => {
      answered = true;
      resolve({ status: response.statusCode ?? 0, early: sent < UPLOAD_BYTES });
      response.resume();
      request.destroy();
    });
    request.on('error', () => !answered && resolve({ status: 0, early: false }));
    const pump = () => {
      while (!answered && sent < UPLOAD_BYTES) {
        sent += CHUNK.length;
        if (!request.write(CHUNK)) return void request.once('drain', pump);
      }
      if (!answered) request.end(tail);
    };
    request.write(head);
    pump();
  });
}

process.once('message', (job: UploadJob) => {
  void Promise.all(Array.from({ length: job.count }, () => upload(job))).then((outcomes) => process.send?.(outcomes));
});
