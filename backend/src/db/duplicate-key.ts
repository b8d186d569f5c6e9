/** Whether a write was refused by a unique index (MongoDB's and FerretDB's code 11000). */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}
