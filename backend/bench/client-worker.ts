/**
 * A bench client process: holds many real socket.io-client connections and records when events
 * arrive, so the driver's own event loop (which sends) is not the one that receives. Driven over
 * IPC by `lib/workers.ts`; timestamps are CLOCK_MONOTONIC nanoseconds, shared by every process.
 */
import { io, type Socket } from 'socket.io-client';
import { fetchSocketTicket } from '../test/socket-ticket.js';
import type { ClientSpec, FromWorker, ToWorker } from './lib/worker-protocol.js';

const sockets = new Map<string, Socket>();
/** [seq, latencyMs] per newMessage whose text the bench wrote (`bench <seq> <sentNs>`) */
let messages: [number, number][] = [];
/** [client key, position, received at ns] per consultationUpdated */
let positions: [string, number, string][] = [];
let recording = false;

function send(message: FromWorker): void {
  process.send?.(message);
}

async function open(url: string, origin: string, spec: ClientSpec): Promise<string | null> {
  // As a page does: a single-use ticket fetched with the session cookie opens the socket.
  const ticket = await fetchSocketTicket(url, spec.cookie, origin);
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
      extraHeaders: { origin },
      auth: { ...spec.auth, ...(ticket ? { ticket } : {}) },
    });
    socket.on('newMessage', (message: { text?: string }) => {
      if (!recording || !message.text?.startsWith('bench ')) return;
      const [, seq, sentNs] = message.text.split(' ');
      messages.push([Number(seq), Number(process.hrtime.bigint() - BigInt(sentNs!)) / 1e6]);
    });
    socket.on('consultationUpdated', (consultation: { position?: number; status?: string }) => {
      if (recording && consultation.position !== undefined)
        positions.push([spec.key, consultation.position, process.hrtime.bigint().toString()]);
    });
    socket.once('connect', () => {
      sockets.set(spec.key, socket);
      resolve(null);
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

async function connectAll(url: string, origin: string, clients: ClientSpec[], concurrency: number) {
  const failed: { key: string; error: string }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < clients.length) {
      const spec = clients[next++]!;
      const error = await open(url, origin, spec);
      if (error) failed.push({ key: spec.key, error });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, lane));
  return failed;
}

process.on('message', (message: ToWorker) => {
  void (async () => {
    switch (message.op) {
      case 'connect': {
        const started = process.hrtime.bigint();
        const failed = await connectAll(message.url, message.origin, message.clients, message.concurrency);
        send({
          op: 'connected',
          id: message.id,
          ok: message.clients.length - failed.length,
          failed,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        });
        break;
      }
      case 'record':
        recording = message.enabled;
        send({ op: 'done', id: message.id });
        break;
      case 'drain':
        send({ op: 'samples', id: message.id, messages, positions });
        messages = [];
        positions = [];
        break;
      case 'count':
        send({ op: 'count', id: message.id, connected: [...sockets.values()].filter((socket) => socket.connected).length });
        break;
      case 'disconnectAll':
        for (const socket of sockets.values()) socket.disconnect();
        sockets.clear();
        send({ op: 'done', id: message.id });
        break;
    }
  })();
});

process.on('disconnect', () => process.exit(0));
send({ op: 'ready', id: 0 });
