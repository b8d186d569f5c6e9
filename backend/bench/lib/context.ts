import type { BenchUser, Population } from './seed.js';
import type { ClientPool } from './workers.js';

export interface BenchContext {
  /** the app's database (and, under another name, the baseline's) */
  mongoUri: string;
  pool: ClientPool;
  population: Population;
  /** patients with a seeded thread: [0] has 10,000 messages with doctors[0], [1] has 100 with doctors[1] */
  historyPatients: BenchUser[];
  /** doctor id → `jwt=...`, signed in through the API */
  doctorCookies: Map<string, string>;
  cpuProfileDir: string | undefined;
  /** the embedded database's process, when the bench started it (its CPU per message is reported) */
  databasePid: number | undefined;
  /** `--delivery=1000x200,5000x1000`: the delivery points to run instead of the default grid */
  deliveryPoints: { receivers: number; rate: number }[] | undefined;
  /** smaller points for a quick look while working on the bench itself */
  quick: boolean;
  log(message: string): void;
  /**
   * Restarts the embedded database (same data): FerretDB keeps working through the queries of a
   * client that has gone, so an overloaded measurement would otherwise slow the next one down.
   */
  resetDatabase(): Promise<void>;
}
