import { SOCKET_ID_HEADER, type Message } from '@telehealth/shared';
import { ApiError, toApiError } from '../../../lib/api-client';

export interface SendMessageInput {
  clientId: string;
  text: string;
  replyTo: string | null;
  file: { blob: Blob; name: string } | null;
  /** a doctor's instructions to their patient, which the patient confirms */
  instructions: boolean;
}

export interface SendMessageOptions {
  /** this tab's socket: the server leaves it out of the `newMessage` echo, the HTTP answer being enough */
  socketId?: string | undefined;
  /** upload progress, 0 to 1 (only reported for a file) */
  onProgress?: (fraction: number) => void;
}

const JSON_TIMEOUT_MS = 20_000;
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * `POST /api/messages/:receiverId`: JSON for text, multipart with a file. XMLHttpRequest rather
 * than fetch because only it reports upload progress. Resolves with the stored message (201, or
 * 200 when this clientId was already stored: a retry).
 */
export function sendMessage(receiverId: string, input: SendMessageInput, options: SendMessageOptions = {}): Promise<Message> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/messages/${encodeURIComponent(receiverId)}`);
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    // The CSRF guard: a cross-site form cannot set this header.
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.setRequestHeader('Accept', 'application/json');
    if (options.socketId) xhr.setRequestHeader(SOCKET_ID_HEADER, options.socketId);

    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object' && 'message' in body) {
        resolve((body as { message: Message }).message);
      } else {
        reject(toApiError(xhr.status, body, xhr.getResponseHeader('Retry-After')));
      }
    };
    const networkError = () =>
      reject(new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection and try again.'));
    xhr.onerror = networkError;
    xhr.ontimeout = networkError;
    xhr.onabort = networkError;

    if (input.file) {
      xhr.timeout = UPLOAD_TIMEOUT_MS;
      if (options.onProgress) {
        const report = options.onProgress;
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable && event.total > 0) report(event.loaded / event.total);
        };
      }
      const form = new FormData();
      form.set('clientId', input.clientId);
      if (input.text) form.set('text', input.text);
      if (input.replyTo) form.set('replyTo', input.replyTo);
      // multipart fields are text: the server reads "true" (sendMessageSchema in shared/)
      if (input.instructions) form.set('instructions', 'true');
      form.set('file', input.file.blob, input.file.name);
      xhr.send(form);
    } else {
      xhr.timeout = JSON_TIMEOUT_MS;
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.send(
        JSON.stringify({
          clientId: input.clientId,
          text: input.text,
          ...(input.replyTo ? { replyTo: input.replyTo } : {}),
          ...(input.instructions ? { instructions: true } : {}),
        }),
      );
    }
  });
}
