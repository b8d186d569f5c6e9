import mongoose, { Schema } from 'mongoose';

/*
 * Facts about the database that start-up asks before doing expensive work, one row each, keyed by
 * name: "the last process stopped cleanly", "every account has its email row". Start-up reads a
 * marker by `_id` instead of scanning a collection to find out (a scan of every row on FerretDB,
 * which at 10,000 conversations competed with the first minute of traffic; docs/performance.md).
 */

interface MarkerRecord {
  _id: string;
  at: Date;
}

const markerSchema = new Schema<MarkerRecord>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);

const MarkerModel = mongoose.model<MarkerRecord>('Marker', markerSchema);

export async function setMarker(name: string): Promise<void> {
  await MarkerModel.updateOne({ _id: name }, { $set: { at: new Date() } }, { upsert: true });
}

export async function hasMarker(name: string): Promise<boolean> {
  return (await MarkerModel.exists({ _id: name })) !== null;
}

/** Removes the marker, answering whether it was there (so a crash from now on leaves it absent). */
export async function takeMarker(name: string): Promise<boolean> {
  return (await MarkerModel.deleteOne({ _id: name })).deletedCount > 0;
}
