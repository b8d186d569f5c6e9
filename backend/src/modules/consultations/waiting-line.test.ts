import { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase } from '../../db/database.js';
import { createLogger } from '../../lib/logger.js';
import { UserModel } from '../users/user.model.js';
import { dropTestDatabase, testDatabaseUri } from '../../../test/database.js';
import { ConsultationModel, openKeyFor, type ConsultationRecord } from './consultation.model.js';
import { createWaitingLine, type WaitingLine } from './waiting-line.js';

/*
 * The waiting line on its own, against the real database: what it holds after changes are applied
 * to it, and what only a re-read of the database shows it.
 */

const logger = createLogger('silent');
const uri = testDatabaseUri();
const lines: WaitingLine[] = [];
let base = Date.UTC(2025, 0, 1);

function makeLine(options: { reloadIntervalMs?: number; onReloadChanged?: () => void } = {}): WaitingLine {
  const line = createWaitingLine({ logger, ...options });
  lines.push(line);
  return line;
}

async function patient(): Promise<Types.ObjectId> {
  const user = await UserModel.create({
    name: 'Waiting patient',
    email: `line-${new Types.ObjectId().toString()}@test.local`,
    passwordHash: 'x',
    role: 'patient',
  });
  return user._id;
}

/** A waiting consultation as a write returns it, stored in the database or (`stored: false`) not. */
async function waiting(options: { stored?: boolean; urgent?: boolean } = {}): Promise<ConsultationRecord> {
  const patientId = await patient();
  base += 1_000;
  const fields = {
    _id: new Types.ObjectId(),
    patientId,
    doctorId: null,
    requestedDoctorId: null,
    reason: 'line test',
    urgency: options.urgent ? ('urgent' as const) : ('routine' as const),
    urgencyRank: options.urgent ? 0 : 1,
    status: 'waiting' as const,
    notes: '',
    createdAt: new Date(base),
    acceptedAt: null,
    completedAt: null,
    cancelledAt: null,
    openKey: openKeyFor(patientId),
  };
  if (options.stored === false) return fields;
  return (await ConsultationModel.create(fields)).toObject();
}

/** Moves a consultation on in the database, as the service's conditional writes do, and returns it. */
async function write(id: Types.ObjectId, change: Partial<ConsultationRecord>): Promise<ConsultationRecord> {
  return (await ConsultationModel.findByIdAndUpdate(id, { $set: change }, { returnDocument: 'after' }).lean())!;
}

const idsOf = async (line: WaitingLine) => (await line.snapshot()).ordered.map((entry) => entry.id);

beforeAll(async () => {
  await connectDatabase(uri, logger);
});
afterAll(async () => {
  for (const line of lines) line.close();
  await disconnectDatabase();
  await dropTestDatabase(uri);
});
beforeEach(async () => {
  await ConsultationModel.deleteMany({});
});

describe('the waiting line', () => {
  it('is read on first use, with the users it shows', async () => {
    const routine = await waiting();
    const urgent = await waiting({ urgent: true });
    const line = makeLine();
    const snapshot = await line.snapshot();
    expect(snapshot.ordered.map((entry) => entry.id)).toEqual([urgent._id.toString(), routine._id.toString()]);
    expect([...snapshot.positions]).toEqual([
      [urgent._id.toString(), 1],
      [routine._id.toString(), 2],
    ]);
    expect(snapshot.users.get(routine.patientId.toString())).toMatchObject({ name: 'Waiting patient' });
    expect(snapshot.users.get(routine.patientId.toString())).not.toHaveProperty('passwordHash');
  });

  it('takes changes applied to it without reading the database again; a row written by hand shows at the next re-read', async () => {
    const line = makeLine();
    const first = await waiting();
    expect(await idsOf(line)).toEqual([first._id.toString()]);

    const byHand = await waiting();
    const applied = await waiting();
    line.apply(applied);
    // Only what was applied: the waiting consultations were not read again.
    expect(await idsOf(line)).toEqual([first._id.toString(), applied._id.toString()]);
    // Its patient was read by id, though the line was not.
    expect((await line.snapshot()).users.has(applied.patientId.toString())).toBe(true);

    expect(await line.reload()).toBe(true);
    expect(await idsOf(line)).toEqual([first, byHand, applied].map((record) => record._id.toString()));
    expect(await line.reload()).toBe(false);
  });

  it('heals by itself: the periodic re-read finds a row written by hand and says the line changed', async () => {
    let changed!: () => void;
    const noticed = new Promise<void>((resolve) => (changed = resolve));
    const line = makeLine({ reloadIntervalMs: 100, onReloadChanged: () => changed() });
    expect(await idsOf(line)).toEqual([]);
    const byHand = await waiting();
    await noticed;
    expect(await idsOf(line)).toEqual([byHand._id.toString()]);
  });

  it('any status but waiting takes a consultation out, and a re-read older than that cannot put it back', async () => {
    const [taken, cancelled, staying] = [await waiting(), await waiting(), await waiting()];
    const line = makeLine();
    expect(await idsOf(line)).toHaveLength(3);
    line.apply(await write(taken._id, { status: 'active', acceptedAt: new Date(base) }));
    line.apply(await write(cancelled._id, { status: 'cancelled', cancelledAt: new Date(base) }));
    expect(await idsOf(line)).toEqual([staying._id.toString()]);
    expect((await line.snapshot()).positions.get(staying._id.toString())).toBe(1);

    // Another instance's announcement, read by id before the accept, arriving after it.
    line.apply(taken);
    expect(await idsOf(line)).toEqual([staying._id.toString()]);
  });

  it('does not lose a change applied while the whole line is being read', async () => {
    const line = makeLine();
    await line.snapshot();
    // Never written to the database: only the change applied during the read can show it.
    const applied = await waiting({ stored: false });
    const reading = line.reload();
    line.apply(applied);
    await reading;
    expect(await idsOf(line)).toEqual([applied._id.toString()]);
  });

  it('estimates from the completions applied to it, the most recent 50', async () => {
    const line = makeLine();
    const behind = await waiting();
    expect((await line.snapshot()).medianLengthSeconds).toBeNull();

    const complete = async (minutes: number) => {
      const record = await waiting();
      base += minutes * 60_000;
      line.apply(
        await write(record._id, {
          status: 'completed',
          acceptedAt: new Date(base - minutes * 60_000),
          completedAt: new Date(base),
        }),
      );
    };
    await complete(10);
    expect((await line.snapshot()).medianLengthSeconds).toBe(600);
    for (let index = 0; index < 50; index += 1) await complete(20);
    // The ten-minute one is now the 51st most recent: only the twenty-minute ones count.
    expect((await line.snapshot()).medianLengthSeconds).toBe(1200);
    expect(await idsOf(line)).toEqual([behind._id.toString()]);
    // The database agrees once read from scratch.
    await line.reload();
    expect((await line.snapshot()).medianLengthSeconds).toBe(1200);
  });

  it('re-reads a doctor it shows when told, so a request naming them says whether they are available', async () => {
    const doctor = await UserModel.create({
      name: 'Dr Asked',
      email: `asked-${base}@test.local`,
      passwordHash: 'x',
      role: 'doctor',
      available: true,
    });
    const record = await waiting();
    await write(record._id, { requestedDoctorId: doctor._id });
    const line = makeLine();
    expect((await line.snapshot()).users.get(doctor._id.toString())).toMatchObject({ available: true });

    await UserModel.updateOne({ _id: doctor._id }, { $set: { available: false } });
    expect((await line.snapshot()).users.get(doctor._id.toString())).toMatchObject({ available: true });
    await line.refreshUser(doctor._id.toString());
    expect((await line.snapshot()).users.get(doctor._id.toString())).toMatchObject({ available: false });
  });
});
