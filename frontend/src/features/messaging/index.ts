// The messaging feature's public face: the app imports from here, never from its folders.
import { lazy } from 'react';

export { MessageProvider } from './context/message-provider';
export { useMessages } from './context/message-context';
export { MessagesLink } from './components/messages-link';
export { PendingInstructions } from './components/pending-instructions';
export { discardOutbox } from './storage/outbox-store';
export type { MessageAlert } from './logic/labels';

/** The chat page, loaded on first visit: the sign-in pages never download it (nor react-virtuoso). */
export const ChatScreen = lazy(() => import('./components/chat-screen'));
