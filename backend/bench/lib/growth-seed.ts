import bcrypt from 'bcryptjs';
import mongoose, { Types } from 'mongoose';
import { createTokenService } from '../../src/modules/auth/tokens.js';
import { closedKeyFor } from '../../src/modules/consultations/consultation.model.js';
import { pairKeyOf } from '../../src/modules/messages/message.model.js';
import { accountEmailRow } from '../../src/modules/users/account-email.model.js';
import { BENCH_PASSWORD } from './seed.js';
import { markListsComplete, writeThreadState, type Db } from './thread-state.js';
import { BENCH_JWT_SECRET } from './servers.js';

/*
 * The data-growth scenario's own database, written with the plain driver (a database of its own
 * beside the bench's, so its size is exactly what the scenario says). The documents have the shape
 * the models write (see seed.ts, which does the same through the models for the shared database).
 */

export interface GrowthPerson {
  id: string;
  email: string;
  cookie: string;
}

export interface GrowthWorld {
  db: Db;
  doctor: GrowthPerson;
  /** 100 patients of the doctor: [0] has a 100-message thread, [1] the long one, the rest one message each */
  patients: GrowthPerson[];
  /** filler pairs that take the messages the sizes add */
  fillers: { doctorId: string; patientId: string; seq: number }[];
  stored: number;
}

const BATCH = 1_000;
const FILLER_PAIRS = 200;

async function insertInBatches(db: Db, collection: string, documents: object[]): Promise<void> {
  for (let start = 0; start < documents.length; start += BATCH)
    await db.collection(collection).insertMany(documents.slice(start, start + BATCH), { ordered: false });
}

function user(role: 'doctor' | 'patient', label: string, passwordHash: string) {
  const name = role === 'doctor' ? `Dr. Growth ${label}` : `Growth Patient ${label}`;
  return {
    _id: new Types.ObjectId(),
    name,
    email: `growth-${role}-${label}@bench.local`,
    passwordHash,
    role,
    active: true,
    bio: '',
    specialty: role === 'doctor' ? 'General practice' : '',
    available: role === 'doctor',
    avatarFileId: null,
    searchText: name.toLowerCase(),
    createdAt: new Date(),
  };
}

function consultation(doctorId: Types.ObjectId, patientId: Types.ObjectId) {
  const _id = new Types.ObjectId();
  const completedAt = new Date(Date.now() - 3_600_000);
  return {
    _id,
    patientId,
    doctorId,
    requestedDoctorId: null,
    reason: 'growth bench',
    urgency: 'routine',
    urgencyRank: 1,
    status: 'completed',
    notes: '',
    createdAt: new Date(completedAt.getTime() - 1_800_000),
    acceptedAt: new Date(completedAt.getTime() - 1_200_000),
    completedAt,
    cancelledAt: null,
    openKey: closedKeyFor(_id),
  };
}

/** `count` messages of one pair from `firstSeq`, alternating senders; the patient's last few unread. */
function messages(doctorId: string, patientId: string, firstSeq: number, count: number, unreadTail: number) {
  const pairKey = pairKeyOf(doctorId, patientId);
  const start = Date.now() - 86_400_000;
  return Array.from({ length: count }, (_, index) => {
    const seq = firstSeq + index;
    const fromPatient = seq % 2 === 0 || index >= count - unreadTail;
    const at = new Date(start + seq * 10);
    const _id = new Types.ObjectId();
    return {
      _id,
      clientId: `growth-${_id.toHexString()}`,
      kind: 'text',
      senderId: new Types.ObjectId(fromPatient ? patientId : doctorId),
      receiverId: new Types.ObjectId(fromPatient ? doctorId : patientId),
      pairKey,
      seq,
      text: `growth message ${seq}`,
      replyToId: null,
      attachment: null,
      call: null,
      reactions: [],
      deleted: false,
      editedAt: null,
      readAt: fromPatient && index >= count - unreadTail ? null : at,
      createdAt: at,
    };
  });
}

async function writePair(db: Db, doctorId: string, patientId: string, firstSeq: number, count: number, unreadTail = 0) {
  const written = messages(doctorId, patientId, firstSeq, count, unreadTail);
  await insertInBatches(db, 'messages', written);
  await writeThreadState(db, written);
}

/**
 * The world at its smallest: one doctor with 100 patients (a 100-message thread, a `longThread`
 * thread, 98 threads of one unread message each), plus filler pairs with no messages yet.
 */
export async function seedGrowthWorld(dbName: string, longThread: number): Promise<GrowthWorld> {
  const db = mongoose.connection.getClient().db(dbName);
  const passwordHash = bcrypt.hashSync(BENCH_PASSWORD, 4);
  const doctor = user('doctor', 'main', passwordHash);
  const patients = Array.from({ length: 100 }, (_, index) => user('patient', `p${index}`, passwordHash));
  const fillerDoctors = Array.from({ length: 20 }, (_, index) => user('doctor', `f${index}`, passwordHash));
  const fillerPatients = Array.from({ length: FILLER_PAIRS }, (_, index) => user('patient', `f${index}`, passwordHash));
  const users = [doctor, ...patients, ...fillerDoctors, ...fillerPatients];
  await insertInBatches(db, 'users', users);
  await insertInBatches(db, 'accountemails', users.map(accountEmailRow));
  const fillers = fillerPatients.map((patient, index) => ({
    doctorId: fillerDoctors[index % fillerDoctors.length]!._id.toString(),
    patientId: patient._id.toString(),
    seq: 0,
  }));
  await insertInBatches(db, 'consultations', [
    ...patients.map((patient) => consultation(doctor._id, patient._id)),
    ...fillers.map((pair) => consultation(new Types.ObjectId(pair.doctorId), new Types.ObjectId(pair.patientId))),
  ]);

  const doctorId = doctor._id.toString();
  await writePair(db, doctorId, patients[0]!._id.toString(), 1, 100, 3);
  await writePair(db, doctorId, patients[1]!._id.toString(), 1, longThread, 3);
  for (const patient of patients.slice(2)) await writePair(db, doctorId, patient._id.toString(), 1, 1, 1);

  await markListsComplete(db);
  const people = await sessionsFor(db, [doctor, ...patients]);
  return { db, doctor: people[0]!, patients: people.slice(1), fillers, stored: 100 + longThread + 98 };
}

/** Adds messages spread over the filler pairs until `target` messages are stored. */
export async function growTo(world: GrowthWorld, target: number): Promise<void> {
  const perPair = Math.ceil(Math.max(0, target - world.stored) / world.fillers.length);
  if (perPair === 0) return;
  for (const pair of world.fillers) {
    await writePair(world.db, pair.doctorId, pair.patientId, pair.seq + 1, perPair);
    pair.seq += perPair;
  }
  world.stored += perPair * world.fillers.length;
}

async function sessionsFor(db: Db, users: { _id: Types.ObjectId; email: string }[]): Promise<GrowthPerson[]> {
  const tokens = createTokenService(BENCH_JWT_SECRET);
  const now = Date.now();
  const rows = users.map((person) => ({
    _id: new Types.ObjectId(),
    userId: person._id,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + 12 * 3_600_000),
    revokedAt: null,
  }));
  await insertInBatches(db, 'sessions', rows);
  return users.map((person, index) => ({
    id: person._id.toString(),
    email: person.email,
    cookie: `jwt=${tokens.sign({ sub: person._id.toString(), sid: rows[index]!._id.toString() }, 12 * 3_600)}`,
  }));
}
