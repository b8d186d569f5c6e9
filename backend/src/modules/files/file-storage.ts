import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import mongoose, { Types } from 'mongoose';

export type FilePurpose = 'attachment' | 'avatar';

export interface StoredFile {
  id: string;
  /** the uploader's name for it: display text only, never a path */
  name: string;
  mimeType: string;
  size: number;
  purpose: FilePurpose;
  ownerId: string;
  /** for attachments: the two people in the conversation, the only ones who may download it */
  participants: string[];
}

export interface FileMetadata {
  name: string;
  mimeType: string;
  purpose: FilePurpose;
  ownerId: string;
  participants: string[];
}

/**
 * Files live in the database (GridFS) so any instance can serve any file and a backup of the
 * database is a backup of everything. Routes use this interface, not GridFS, so another store
 * (S3, disk) could replace it in one place.
 */
export interface FileStorage {
  save(content: Buffer, metadata: FileMetadata): Promise<StoredFile>;
  /** A file written as it arrives: write to `stream`, or `abort()` to drop what was written. */
  openUpload(metadata: FileMetadata): FileUpload;
  find(fileId: string): Promise<StoredFile | null>;
  open(fileId: string): Readable;
  remove(fileId: string): Promise<void>;
}

export interface FileUpload {
  id: string;
  stream: Writable;
  abort(): Promise<void>;
}

/**
 * A file's id is also its address (`/api/files/:id`), so it must not be guessable: a normal
 * ObjectId is a timestamp and a counter, the neighbour of the last upload. These are 96 random
 * bits in the ObjectId's shape, so the models that refer to files keep their types.
 */
function unguessableId(): Types.ObjectId {
  return new Types.ObjectId(randomBytes(12));
}

export function createGridFsStorage(): FileStorage {
  const bucket = () => {
    const db = mongoose.connection.db;
    if (!db) throw new Error('database not connected');
    return new mongoose.mongo.GridFSBucket(db, { bucketName: 'files' });
  };

  return {
    async save(content, metadata) {
      const upload = bucket().openUploadStreamWithId(unguessableId(), metadata.name, { metadata });
      await new Promise<void>((resolve, reject) => {
        upload.once('finish', () => resolve());
        upload.once('error', reject);
        upload.end(content);
      });
      return { id: upload.id.toString(), size: content.length, ...metadata };
    },
    openUpload(metadata) {
      const upload = bucket().openUploadStreamWithId(unguessableId(), metadata.name, { metadata });
      return {
        id: upload.id.toString(),
        stream: upload,
        async abort() {
          // Deletes the chunks written so far; the file's document is only written at the end.
          await upload.abort().catch(() => undefined);
        },
      };
    },
    async find(fileId) {
      if (!Types.ObjectId.isValid(fileId)) return null;
      const [file] = await bucket()
        .find({ _id: new Types.ObjectId(fileId) })
        .limit(1)
        .toArray();
      if (!file?.metadata) return null;
      const metadata = file.metadata as FileMetadata;
      return { id: fileId, size: file.length, ...metadata };
    },
    open(fileId) {
      return bucket().openDownloadStream(new Types.ObjectId(fileId));
    },
    async remove(fileId) {
      try {
        await bucket().delete(new Types.ObjectId(fileId));
      } catch (error) {
        // Already gone is what the caller wanted.
        if (!(error instanceof Error && /File not found/i.test(error.message))) throw error;
      }
    },
  };
}
