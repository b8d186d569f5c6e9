/** The messages between the bench driver and its client worker processes (`client-worker.ts`). */

export interface ClientSpec {
  /** the driver's name for this client (a user id, or a baseline room) */
  key: string;
  /** `jwt=...` for the app */
  cookie?: string;
  /** the handshake auth payload, for the bare baseline server */
  auth?: Record<string, string>;
}

export type ToWorker =
  | { op: 'connect'; id: number; url: string; origin: string; clients: ClientSpec[]; concurrency: number }
  | { op: 'record'; id: number; enabled: boolean }
  | { op: 'drain'; id: number }
  | { op: 'count'; id: number }
  | { op: 'disconnectAll'; id: number };

export type FromWorker =
  | { op: 'ready'; id: 0 }
  | { op: 'connected'; id: number; ok: number; failed: { key: string; error: string }[]; ms: number }
  | { op: 'samples'; id: number; messages: [number, number][]; positions: [string, number, string][] }
  | { op: 'count'; id: number; connected: number }
  | { op: 'done'; id: number };
