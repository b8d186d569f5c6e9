import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from './message.model.js';
import { toMessage } from './message-presenter.js';

const [sender, receiver, third] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];

function record(fields: Partial<MessageRecord> = {}): MessageRecord {
  return {
    _id: new Types.ObjectId(),
    pairKey: 'a:b',
    seq: 1,
    clientId: 'client-1',
    kind: 'text',
    senderId: sender,
    receiverId: receiver,
    text: 'Hello',
    replyToId: null,
    attachment: null,
    call: null,
    reactions: [],
    deleted: false,
    editedAt: null,
    readAt: null,
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    ...fields,
  };
}

describe('a message as the API shows it', () => {
  it('groups the flat reactions by emoji, in the order each emoji was first given', () => {
    const message = toMessage(
      record({
        reactions: [
          { emoji: '👍', userId: sender },
          { emoji: '❤️', userId: receiver },
          { emoji: '👍', userId: third },
        ],
      }),
      null,
    );
    expect(message.reactions).toEqual([
      { emoji: '👍', userIds: [sender.toString(), third.toString()] },
      { emoji: '❤️', userIds: [receiver.toString()] },
    ]);
  });

  it('gives an attachment its download address, and dates as ISO strings or null', () => {
    const fileId = new Types.ObjectId();
    const message = toMessage(record({ attachment: { fileId, name: 'scan.png', size: 12, mimeType: 'image/png' } }), null);
    expect(message.attachment).toEqual({
      fileId: fileId.toString(),
      name: 'scan.png',
      size: 12,
      mimeType: 'image/png',
      url: `/api/files/${fileId.toString()}`,
    });
    expect(message).toMatchObject({ createdAt: '2026-01-02T03:04:05.000Z', editedAt: null, readAt: null, call: null });
  });
});
