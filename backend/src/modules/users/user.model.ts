import { ROLES, type PublicUser, type Role } from '@telehealth/shared';
import mongoose, { Schema, type HydratedDocument, type Types } from 'mongoose';

export interface UserRecord {
  _id: Types.ObjectId;
  name: string;
  /** lower-cased at the edge by the shared email schema */
  email: string;
  passwordHash: string;
  role: Role;
  active: boolean;
  bio: string;
  specialty: string;
  /** doctors only: taking patients right now */
  available: boolean;
  /** doctors only: a word to the patients waiting for them by name, cleared when they go away */
  waitingNote?: { text: string; at: Date } | null;
  avatarFileId: Types.ObjectId | null;
  /** lower-cased name + specialty, so search is a plain anchored-free literal match */
  searchText: string;
  createdAt: Date;
}

const userSchema = new Schema<UserRecord>(
  {
    name: { type: String, required: true },
    email: { type: String, required: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true, default: 'patient' },
    active: { type: Boolean, required: true, default: true },
    bio: { type: String, default: '' },
    specialty: { type: String, default: '' },
    available: { type: Boolean, default: false },
    waitingNote: {
      type: new Schema({ text: { type: String, required: true }, at: { type: Date, required: true } }, { _id: false }),
      default: null,
    },
    avatarFileId: { type: Schema.Types.ObjectId, default: null },
    searchText: { type: String, default: '' },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ role: 1, active: 1 });

userSchema.pre('save', function keepSearchTextInStep() {
  this.searchText = `${this.name} ${this.specialty}`.toLowerCase();
});

export const UserModel = mongoose.model<UserRecord>('User', userSchema);
export type UserDocument = HydratedDocument<UserRecord>;

/** Fields a query may return: never the password hash unless asked for by name. */
export const PUBLIC_USER_FIELDS = '-passwordHash';

/** A user as other modules see the record (read with PUBLIC_USER_FIELDS): never the password hash. */
export type PublicUserRecord = Omit<UserRecord, 'passwordHash'>;

/** A doctor reads back their own word to the waiting room (after a reload, on another device); null when none. */
function ownWaitingNote(user: PublicUserRecord): PublicUser['waitingNote'] {
  return user.waitingNote ? { text: user.waitingNote.text, at: user.waitingNote.at.toISOString() } : null;
}

/**
 * The user as the API shows it. Email is shown only to the user themself and to admins.
 */
export function toPublicUser(user: PublicUserRecord, viewer?: { id: string; role: Role }): PublicUser {
  const id = user._id.toString();
  const showEmail = viewer !== undefined && (viewer.id === id || viewer.role === 'admin');
  return {
    id,
    name: user.name,
    role: user.role,
    avatarUrl: user.avatarFileId ? `/api/files/${user.avatarFileId.toString()}` : null,
    ...(user.role === 'doctor' ? { specialty: user.specialty, available: user.available } : {}),
    bio: user.bio,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    ...(showEmail ? { email: user.email } : {}),
    ...(user.role === 'doctor' && viewer?.id === id ? { waitingNote: ownWaitingNote(user) } : {}),
  };
}
