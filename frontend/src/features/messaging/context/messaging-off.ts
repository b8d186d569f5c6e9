import type { MessageContextValue } from './message-context';

const noop = async () => undefined;

/** Messaging while no one takes part (signed out, or an admin): nothing loaded, every action a no-op. */
export const MESSAGING_OFF: MessageContextValue = {
  myId: null,
  online: false,
  conversations: null,
  conversationsError: null,
  threads: {},
  outbox: [],
  uploadProgress: {},
  onlineUserIds: new Set(),
  typingUserIds: new Set(),
  unreadTotal: 0,
  pageActive: true,
  actions: {
    loadThread: noop,
    loadOlder: async () => [],
    send: noop,
    retry: () => undefined,
    discard: () => undefined,
    edit: noop,
    remove: noop,
    react: noop,
    understand: noop,
    markRead: () => undefined,
    typing: () => undefined,
    setOpenThread: () => undefined,
  },
};
