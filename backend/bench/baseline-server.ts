/**
 * The bare minimum a message needs, to measure the app against: Express + Socket.IO on one HTTP
 * server, one route that does one driver `insertOne` and one `io.to(room).emit`. No
 * authentication, validation, policy, ordering or idempotency. Sockets join the room they name in
 * the handshake. Same database and same client library as the app's runs.
 */
import http from 'node:http';
import express from 'express';
import mongoose from 'mongoose';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const client = new mongoose.mongo.MongoClient(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/', { maxPoolSize: 50 });
await client.connect();
const messages = client.db('bench_baseline').collection('messages');

const app = express();
const server = http.createServer(app);
const io = new Server(server, { cors: { origin: true } });
io.on('connection', (socket) => {
  const room: unknown = socket.handshake.auth['room'];
  if (typeof room === 'string') void socket.join(room);
});

app.use(express.json());
app.get('/health', (_req, res) => void res.json({ ok: true }));
app.post('/send/:room', async (req, res) => {
  const body = req.body as { text: string };
  const document = { room: req.params.room, text: body.text, createdAt: new Date() };
  const { insertedId } = await messages.insertOne(document);
  const message = { id: insertedId.toString(), ...document };
  io.to(req.params.room).emit('newMessage', message);
  res.status(201).json({ message });
});

// The queue's bare minimum: one write (the accept), one read of the line, one emit per waiting patient.
const queue = client.db('bench_baseline').collection<{ room: string; order: number }>('queue');
app.post('/queue', async (req, res) => {
  const body = req.body as { rooms: string[] };
  await queue.deleteMany({});
  await queue.insertMany(body.rooms.map((room, order) => ({ room, order })));
  res.status(204).end();
});
app.post('/queue/accept', async (_req, res) => {
  const [first] = await queue.find().sort({ order: 1 }).limit(1).toArray();
  if (first) await queue.deleteOne({ _id: first._id });
  const waiting = await queue.find().sort({ order: 1 }).toArray();
  waiting.forEach((entry, index) => io.to(entry.room).emit('consultationUpdated', { status: 'waiting', position: index + 1 }));
  res.status(200).json({ accepted: first?.room ?? null });
});

server.listen(port, '127.0.0.1');
const stop = () => {
  void io.close();
  server.close(() => void client.close().then(() => process.exit(0)));
};
process.once('SIGTERM', stop);
