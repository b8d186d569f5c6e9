import { CONSULTATION_STATUSES, type AdminStats } from '@telehealth/shared';
import mongoose from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import { ConsultationModel } from './consultation.model.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many days `consultationsPerDay` covers, today included. */
export const STATS_DAYS = 14;

/** Waits in seconds, or null for none. */
const meanSeconds = (waitsMs: number[]) =>
  waitsMs.length === 0 ? null : Math.round(waitsMs.reduce((sum, value) => sum + value, 0) / waitsMs.length / 1000);

/** The mean wait before acceptance over every accepted consultation, streamed with a two-field projection so memory stays flat. */
async function averageWaitSeconds(): Promise<number | null> {
  let waitTotalMs = 0;
  let waitCount = 0;
  const accepted = ConsultationModel.find({ acceptedAt: mongoose.trusted({ $ne: null }) }, { createdAt: 1, acceptedAt: 1 })
    .lean()
    .cursor();
  for await (const { createdAt, acceptedAt } of accepted) {
    if (!acceptedAt) continue;
    waitTotalMs += acceptedAt.getTime() - createdAt.getTime();
    waitCount += 1;
  }
  return waitCount === 0 ? null : Math.round(waitTotalMs / waitCount / 1000);
}

/** Consultations asked for each of the last STATS_DAYS days, with their mean wait. */
async function perDay(clock: Clock): Promise<AdminStats['consultationsPerDay']> {
  const today = Math.floor(clock.now() / DAY_MS) * DAY_MS;
  const since = new Date(today - (STATS_DAYS - 1) * DAY_MS);
  const recent = await ConsultationModel.find(
    { createdAt: mongoose.trusted({ $gte: since }) },
    { createdAt: 1, acceptedAt: 1 },
  ).lean();
  const days = Array.from({ length: STATS_DAYS }, (_, index) => ({
    day: new Date(since.getTime() + index * DAY_MS).toISOString().slice(0, 10),
    count: 0,
    waitsMs: [] as number[],
  }));
  for (const { createdAt, acceptedAt } of recent) {
    const day = days[Math.floor((createdAt.getTime() - since.getTime()) / DAY_MS)];
    if (!day) continue;
    day.count += 1;
    if (acceptedAt) day.waitsMs.push(acceptedAt.getTime() - createdAt.getTime());
  }
  return days.map(({ day, count, waitsMs }) => ({ day, count, averageWaitSeconds: meanSeconds(waitsMs) }));
}

/**
 * The consultations' numbers for the admin console. Plain counts and finds with in-memory grouping
 * rather than `aggregate`, whose date arithmetic FerretDB 1.24 lacks (see docs/queue.md).
 */
export async function consultationStats(clock: Clock): Promise<Omit<AdminStats, 'usersByRole'>> {
  const statusCounts = await Promise.all(CONSULTATION_STATUSES.map((status) => ConsultationModel.countDocuments({ status })));
  return {
    consultationsByStatus: Object.fromEntries(
      CONSULTATION_STATUSES.map((status, index) => [status, statusCounts[index] ?? 0]),
    ) as AdminStats['consultationsByStatus'],
    averageWaitSeconds: await averageWaitSeconds(),
    consultationsPerDay: await perDay(clock),
  };
}
