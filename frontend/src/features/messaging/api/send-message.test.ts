// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendMessage, type SendMessageInput } from './send-message';

/** What `sendMessage` hands to XMLHttpRequest: the body, answered at once with a stored message. */
class RecordingRequest {
  static sent: (string | FormData)[] = [];
  status = 201;
  response: unknown = { message: { id: 'm1' } };
  responseType = '';
  withCredentials = false;
  timeout = 0;
  upload = { onprogress: null };
  onload: (() => void) | null = null;
  open() {}
  setRequestHeader() {}
  getResponseHeader() {
    return null;
  }
  send(body: string | FormData) {
    RecordingRequest.sent.push(body);
    queueMicrotask(() => this.onload?.());
  }
}

const input = (overrides: Partial<SendMessageInput>): SendMessageInput => ({
  clientId: 'client-1',
  text: 'Take one tablet twice a day',
  replyTo: null,
  file: null,
  instructions: false,
  ...overrides,
});

afterEach(() => {
  vi.unstubAllGlobals();
  RecordingRequest.sent = [];
});

describe('sendMessage', () => {
  it('sends instructions: true in the JSON body, and nothing extra for an ordinary message', async () => {
    vi.stubGlobal('XMLHttpRequest', RecordingRequest);
    await sendMessage('patient-1', input({ instructions: true }));
    await sendMessage('patient-1', input({}));
    const [marked, ordinary] = RecordingRequest.sent.map((body) => JSON.parse(body as string) as Record<string, unknown>);
    expect(marked).toEqual({ clientId: 'client-1', text: 'Take one tablet twice a day', instructions: true });
    expect(ordinary).not.toHaveProperty('instructions');
  });

  it('sends the field "instructions" as "true" with a file (multipart)', async () => {
    vi.stubGlobal('XMLHttpRequest', RecordingRequest);
    const file = { blob: new Blob(['%PDF']), name: 'plan.pdf' };
    await sendMessage('patient-1', input({ file, instructions: true }));
    await sendMessage('patient-1', input({ file }));
    const [marked, ordinary] = RecordingRequest.sent as FormData[];
    expect(marked!.get('instructions')).toBe('true');
    expect(ordinary!.get('instructions')).toBeNull();
  });
});
