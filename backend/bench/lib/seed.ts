import bcrypt from 'bcryptjs';
import mongoose, { Types, type Model } from 'mongoose';
import { createTokenService } from '../../src/modules/auth/tokens.js';
import { SessionModel } from '../../src/modules/auth/session.model.js';
import { ConsultationModel, closedKeyFor, openKeyFor } from '../../src/modules/consultations/consultation.model.js';
import { MessageModel, pairKeyOf } from '../../src/modules/messages/message.model.js';
import { AccountEmailModel, accountEmailRow } from '../../src/modules/users/account-email.model.js';
import { UserModel } from '../../src/modules/users/user.model.js';
import { BENCH_JWT_SECRET } from './servers.js';
import { markListsComplete, writeThreadState, type Db, type SeededMessage } from './thread-state.js';

/*
 * The bench's population, written straight into the database (bcrypt cost 4, as the tests do).
 * Sessions for the many socket holders are rows in `sessions` with JWTs signed by the secret the
 * server is given: the handshake still verifies every token and checks every session.
 */

export const BENCH_PASSWORD = 'bench-password-1';
const SESSION_HOURS = 12;

export interface BenchUser {
  id: string;
  name: string;
  email: string;
  role: 'patient' | 'doctor';
  /** `jwt=...`, when a session was made for them */
  cookie?: string;
}

export interface Population {
  doctors: BenchUser[];
  /** each has had a completed consultation with doctors[i % doctors.length] */
  linkedPatients: BenchUser[];
  /** no consultation yet: they join the queue */
  queuePatients: BenchUser[];
}

const BATCH = 1_000;

async function insertInBatches(model: Model<never>, documents: object[]): Promise<void> {
  for (let start = 0; start < documents.length; start += BATCH)
    await model.collection.insertMany(documents.slice(start, start + BATCH), { ordered: false });
}

function userDocument(index: number, role: 'patient' | 'doctor', passwordHash: string, group: string) {
  const name = role === 'doctor' ? `Dr. Bench ${group}${index}` : `Bench Patient ${group}${index}`;
  return {
    _id: new Types.ObjectId(),
    name,
    email: `bench-${role}-${group}${index}@bench.local`,
    passwordHash,
    role,
    active: true,
    bio: '',
    specialty: role === 'doctor' ? 'General practice' : '',
    available: role === 'doctor',
    avatarFileId: null,
    searchText: `${name} general practice`.toLowerCase(),
    createdAt: new Date(),
  };
}

export async function seedPopulation(counts: {
  doctors: number;
  linkedPatients: number;
  queuePatients: number;
}): Promise<Population> {
  // Cost 10, as in production (config's BCRYPT_ROUNDS default): a login compares at the cost the
  // stored hash was made with, and the login burst is about what that costs the server.
  const passwordHash = bcrypt.hashSync(BENCH_PASSWORD, 10);
  const doctors = Array.from({ length: counts.doctors }, (_, index) => userDocument(index, 'doctor', passwordHash, 'd'));
  const linked = Array.from({ length: counts.linkedPatients }, (_, index) => userDocument(index, 'patient', passwordHash, 'l'));
  const queued = Array.from({ length: counts.queuePatients }, (_, index) => userDocument(index, 'patient', passwordHash, 'q'));
  const users = [...doctors, ...linked, ...queued];
  await insertInBatches(UserModel as never, users);
  // Each account's email row, as createAccount writes it: logins find the account by `_id`.
  await insertInBatches(AccountEmailModel as never, users.map(accountEmailRow));

  const long = 20 * 60_000;
  const consultations = linked.map((patient, index) => {
    const _id = new Types.ObjectId();
    const completedAt = new Date(Date.now() - 3_600_000 + index);
    return {
      _id,
      patientId: patient._id,
      doctorId: doctors[index % doctors.length]!._id,
      requestedDoctorId: null,
      reason: 'bench follow-up',
      urgency: 'routine',
      urgencyRank: 1,
      status: 'completed',
      notes: '',
      createdAt: new Date(completedAt.getTime() - long - 60_000),
      acceptedAt: new Date(completedAt.getTime() - long),
      completedAt,
      cancelledAt: null,
      openKey: closedKeyFor(_id),
    };
  });
  await insertInBatches(ConsultationModel as never, consultations);

  const asUser = (document: { _id: Types.ObjectId; name: string; email: string; role: 'patient' | 'doctor' }): BenchUser => ({
    id: document._id.toString(),
    name: document.name,
    email: document.email,
    role: document.role,
  });
  return { doctors: doctors.map(asUser), linkedPatients: linked.map(asUser), queuePatients: queued.map(asUser) };
}

/** Session rows for these users, and the cookies naming them, signed as the server would. */
export async function createSessions(users: BenchUser[]): Promise<void> {
  const tokens = createTokenService(BENCH_JWT_SECRET);
  const now = Date.now();
  const rows = users.map((user) => ({
    _id: new Types.ObjectId(),
    userId: new Types.ObjectId(user.id),
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + SESSION_HOURS * 3_600_000),
    revokedAt: null,
  }));
  await insertInBatches(SessionModel as never, rows);
  users.forEach((user, index) => {
    const token = tokens.sign({ sub: user.id, sid: rows[index]!._id.toString() }, SESSION_HOURS * 3_600);
    user.cookie = `jwt=${token}`;
  });
}

/**
 * One earlier message between each patient and their doctor, with its conversation row: people
 * who have had a consultation usually have a thread already, so the bench measures messages in
 * existing conversations (the first message of a thread also creates its row).
 */
export async function seedFirstMessages(population: Population): Promise<void> {
  const { doctors, linkedPatients } = population;
  const messages: (SeededMessage & Record<string, unknown>)[] = [];
  const at = new Date(Date.now() - 3_000_000);
  linkedPatients.forEach((patient, index) => {
    const doctor = doctors[index % doctors.length]!;
    const pairKey = pairKeyOf(doctor.id, patient.id);
    const _id = new Types.ObjectId();
    messages.push({
      _id,
      clientId: `seed-first-${index}`,
      kind: 'text',
      senderId: new Types.ObjectId(doctor.id),
      receiverId: new Types.ObjectId(patient.id),
      pairKey,
      seq: 1,
      text: 'How are you feeling since the consultation?',
      replyToId: null,
      attachment: null,
      call: null,
      reactions: [],
      deleted: false,
      editedAt: null,
      readAt: at,
      createdAt: at,
    });
  });
  await insertInBatches(MessageModel as never, messages);
  await writeThreadState(databaseOf(), messages);
  await markListsComplete(databaseOf());
}

/** A thread of `count` messages between two people, already in order, with its conversation row. */
export async function seedThread(sender: BenchUser, receiver: BenchUser, count: number): Promise<void> {
  const pairKey = pairKeyOf(sender.id, receiver.id);
  const start = Date.now() - count * 1_000;
  const messages = Array.from({ length: count }, (_, index) => {
    const from = index % 2 === 0 ? sender : receiver;
    const to = index % 2 === 0 ? receiver : sender;
    return {
      _id: new Types.ObjectId(),
      clientId: `seed-${pairKey.slice(0, 8)}-${index}`,
      kind: 'text',
      senderId: new Types.ObjectId(from.id),
      receiverId: new Types.ObjectId(to.id),
      pairKey,
      seq: index + 1,
      text: `history message ${index + 1} of ${count}`,
      replyToId: null,
      attachment: null,
      call: null,
      reactions: [],
      deleted: false,
      editedAt: null,
      readAt: new Date(start + index * 1_000),
      createdAt: new Date(start + index * 1_000),
    };
  });
  await insertInBatches(MessageModel as never, messages);
  await writeThreadState(databaseOf(), messages);
}

/** The database the models write to (the bench's own, connected by run.ts). */
const databaseOf = () => mongoose.connection.db as Db;

/**
 * An active consultation between the two (the doctor took the patient on a moment ago): since
 * issue 16 a call needs one, so the call and gesture scenarios start from it.
 */
export async function seedActiveConsultation(doctor: BenchUser, patient: BenchUser): Promise<void> {
  const acceptedAt = new Date();
  await ConsultationModel.collection.insertOne({
    _id: new Types.ObjectId(),
    patientId: new Types.ObjectId(patient.id),
    doctorId: new Types.ObjectId(doctor.id),
    requestedDoctorId: null,
    reason: 'bench call',
    urgency: 'routine',
    urgencyRank: 1,
    status: 'active',
    notes: '',
    createdAt: new Date(acceptedAt.getTime() - 60_000),
    acceptedAt,
    completedAt: null,
    cancelledAt: null,
    openKey: openKeyFor(patient.id),
  });
}
