import { describe, expect, it } from 'vitest';
import { DOCTOR, ME, message } from './test-fixtures';
import { countUnreadFrom, markReadUpTo, mergeMessages, newestMessageId, newestUnreadFrom, replaceMessage } from './message-list';

const ids = (messages: { id: string }[]) => messages.map((item) => item.id);

describe('mergeMessages', () => {
  it('keeps a thread sorted when older history is prepended and new messages appended', () => {
    const thread = [message(5), message(6)];
    const merged = mergeMessages(mergeMessages(thread, [message(7)]), [message(3), message(4)]);
    expect(ids(merged)).toEqual(['m0003', 'm0004', 'm0005', 'm0006', 'm0007']);
  });

  it('keeps a message seen twice (HTTP answer and socket echo) once, with the newer copy', () => {
    const first = message(1);
    const edited = { ...first, text: 'edited', editedAt: '2025-01-01T13:00:00.000Z' };
    const merged = mergeMessages([first, message(2)], [edited, message(2)]);
    expect(ids(merged)).toEqual(['m0001', 'm0002']);
    expect(merged[0]!.text).toBe('edited');
  });

  it('treats the same sender and clientId as the same message, whatever its id', () => {
    const stored = message(1, { senderId: ME, clientId: 'same-client-id' });
    const again = { ...stored, id: 'm9999' };
    expect(mergeMessages([stored], [again])).toHaveLength(1);
  });

  it('does not confuse the same clientId from two different senders', () => {
    const mine = message(1, { senderId: ME, receiverId: DOCTOR, clientId: 'shared-id' });
    const theirs = message(2, { clientId: 'shared-id' });
    expect(mergeMessages([mine], [theirs])).toHaveLength(2);
  });

  it('orders messages created in the same millisecond by id', () => {
    const at = '2025-01-01T12:00:00.000Z';
    const merged = mergeMessages([message(2, { createdAt: at })], [message(1, { createdAt: at })]);
    expect(ids(merged)).toEqual(['m0001', 'm0002']);
  });
});

describe('replaceMessage', () => {
  it('replaces an edited message in place and ignores one that is not loaded', () => {
    const thread = [message(1), message(2)];
    const deleted = { ...thread[1]!, deleted: true, text: '' };
    expect(replaceMessage(thread, deleted)[1]!.deleted).toBe(true);
    expect(replaceMessage(thread, message(3))).toBe(thread);
  });

  it('updates the quote in replies when the original is edited or deleted', () => {
    const original = message(1);
    const reply = message(2, { replyTo: { id: original.id, senderId: original.senderId, text: original.text, deleted: false } });
    const edited = replaceMessage([original, reply], { ...original, text: 'changed' });
    expect(edited[1]!.replyTo).toMatchObject({ text: 'changed', deleted: false });
    const deleted = replaceMessage(edited, { ...original, text: '', deleted: true });
    expect(deleted[1]!.replyTo).toMatchObject({ text: '', deleted: true });
  });
});

describe('read receipts', () => {
  it('marks the sender’s messages read up to and including upTo, not later ones nor the reader’s own', () => {
    const thread = [message(1), message(2, { senderId: ME, receiverId: DOCTOR }), message(3), message(4)];
    const read = markReadUpTo(thread, DOCTOR, 'm0003', 'now');
    expect(read.map((item) => item.readAt)).toEqual(['now', null, 'now', null]);
  });

  it('marks everything from the sender when upTo is newer than what is loaded', () => {
    const read = markReadUpTo([message(1), message(2)], DOCTOR, 'm0099', 'now');
    expect(read.every((item) => item.readAt === 'now')).toBe(true);
  });

  it('names the newest unread message from the partner, or nothing when it is read', () => {
    const thread = [message(1), message(2), message(3, { senderId: ME, receiverId: DOCTOR })];
    expect(newestUnreadFrom(thread, DOCTOR)?.id).toBe('m0002');
    expect(newestUnreadFrom(markReadUpTo(thread, DOCTOR, 'm0002', 'now'), DOCTOR)).toBeNull();
    expect(countUnreadFrom(thread, DOCTOR)).toBe(2);
  });
});

describe('newestMessageId', () => {
  it('is the catch-up cursor: the last stored message, or null for an empty thread', () => {
    expect(newestMessageId([message(1), message(2)])).toBe('m0002');
    expect(newestMessageId([])).toBeNull();
  });
});
