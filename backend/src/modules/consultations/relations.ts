import type { ConsultationStatus, Relation } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { createBatchLoader } from '../../lib/batch-loader.js';
import { ConsultationModel } from './consultation.model.js';

const TOGETHER: ConsultationStatus[] = ['active', 'completed'];
const MAX_REMEMBERED_PAIRS = 100_000;

/*
 * Every question here used to be its own query, and on FerretDB every query is a scan of the
 * consultations: asked once per message and several times per socket connecting, they were the
 * backend's bottleneck (docs/performance.md). Now:
 * - lookups are batched (createBatchLoader): concurrent callers share one query, and a caller is
 *   only ever answered by a query that started after it asked, so answers are as fresh as before;
 * - "these two have consulted" is remembered once true: a consultation that was active or completed
 *   stays so (only a waiting one can be cancelled), so the answer can never go back to false.
 */

const consulted = new Set<string>();
const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function remember(a: string, b: string): void {
  if (consulted.size >= MAX_REMEMBERED_PAIRS) consulted.clear();
  consulted.add(pairKey(a, b));
}

/**
 * Past this many users in one batch (a wave of sockets connecting), every past consultation is
 * read instead: FerretDB checks each document against each id of an `$in`, so a long list costs
 * more than reading the pairs it scans anyway (measured in docs/performance.md).
 */
const READ_ALL_FROM = 64;

/**
 * During a wave, batch after batch would each read all the pairs again (seconds each on FerretDB,
 * docs/performance.md): the read is shared for a few seconds. Changes made here (`relationsChanged`, from the
 * consultation service) drop it at once; what another instance changes shows within this long.
 */
const ALL_PAIRS_FRESH_MS = 5_000;
let allPairs: { at: number; rows: Promise<{ patientId: Types.ObjectId; doctorId: Types.ObjectId | null }[]> } | undefined;

/** A consultation changed status here: the shared read of every pair is out of date. */
export function relationsChanged(): void {
  allPairs = undefined;
}

const sharedReadIsFresh = () => allPairs !== undefined && Date.now() - allPairs.at <= ALL_PAIRS_FRESH_MS;

function readAllPairs(fresh: boolean) {
  if (fresh || !allPairs || !sharedReadIsFresh()) {
    // exec(): a promise several batches may await (a mongoose query runs only once).
    const rows = ConsultationModel.find({ status: mongoose.trusted({ $in: TOGETHER }) }, { patientId: 1, doctorId: 1 })
      .lean()
      .exec();
    const entry = { at: Date.now(), rows };
    allPairs = entry;
    void rows.catch(() => {
      if (allPairs === entry) allPairs = undefined;
    });
  }
  return allPairs.rows;
}

/**
 * Everyone each of these users has had a consultation with: one query for them all. With
 * `shareWaveRead`, a fresh shared read of every pair may answer (presence during a wave of
 * connections); without, the answer is exact (the messaging and calling policy).
 */
function partnersLoader(shareWaveRead: boolean) {
  return createBatchLoader<string, Set<string>>(
    async (userIds) => {
      const ids = userIds.map((id) => new Types.ObjectId(id));
      // While a wave's shared read is fresh, every batch may use it; otherwise only long batches start one.
      // Not a read by `_id` (users/user-reads.ts): consultations are found by their people, which
      // on FerretDB is a scan whatever the filter, so one scan for the batch beats a scan per user.
      const rows =
        ids.length < READ_ALL_FROM && !(shareWaveRead && sharedReadIsFresh())
          ? await ConsultationModel.find(
              {
                $or: [{ patientId: mongoose.trusted({ $in: ids }) }, { doctorId: mongoose.trusted({ $in: ids }) }],
                status: mongoose.trusted({ $in: TOGETHER }),
              },
              { patientId: 1, doctorId: 1 },
            ).lean()
          : await readAllPairs(!shareWaveRead);
      const partners = new Map(userIds.map((id) => [id, new Set<string>()]));
      for (const row of rows) {
        if (!row.doctorId) continue;
        const patient = row.patientId.toString();
        const doctor = row.doctorId.toString();
        partners.get(patient)?.add(doctor);
        partners.get(doctor)?.add(patient);
        remember(patient, doctor);
      }
      return partners;
    },
    { maxBatch: 5_000 },
  );
}
const partnersShared = partnersLoader(true);
const partnersExact = partnersLoader(false);

/** What the policies need to know about two people: have they had a consultation together? */
export async function relationBetween(userA: string, userB: string): Promise<Relation> {
  if (!Types.ObjectId.isValid(userA) || !Types.ObjectId.isValid(userB)) return { consulted: false };
  if (consulted.has(pairKey(userA, userB))) return { consulted: true };
  const partners = await partnersExact.load(userA);
  return { consulted: partners?.has(userB) ?? false };
}

/** Everyone a user has had a consultation with (as patient or as doctor). */
export async function consultedWith(userId: string): Promise<Set<string>> {
  if (!Types.ObjectId.isValid(userId)) return new Set();
  return (await partnersShared.load(userId)) ?? new Set();
}
