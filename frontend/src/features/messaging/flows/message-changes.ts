import type { Reaction } from '@telehealth/shared';
import type { Dispatch } from 'react';
import type { MessagingApi } from '../api/messaging-api';
import type { MessagingAction } from '../logic/messaging-state';

export interface MessageChanges {
  edit(messageId: string, text: string): Promise<void>;
  remove(messageId: string): Promise<void>;
  react(messageId: string, emoji: Reaction): Promise<void>;
  /** the patient confirms instructions ("I understand"), once */
  understand(messageId: string): Promise<void>;
}

/** Edit, delete, react and confirm instructions: each asks the server and shows the message it answers with. */
export function messageChanges(
  api: Pick<MessagingApi, 'editMessage' | 'deleteMessage' | 'toggleReaction' | 'confirmInstructions'>,
  dispatch: Dispatch<MessagingAction>,
): MessageChanges {
  const show = async (changed: ReturnType<MessagingApi['editMessage']>) =>
    dispatch({ type: 'messageUpdated', message: await changed });
  return {
    edit: (messageId, text) => show(api.editMessage(messageId, text)),
    remove: (messageId) => show(api.deleteMessage(messageId)),
    react: (messageId, emoji) => show(api.toggleReaction(messageId, emoji)),
    understand: (messageId) => show(api.confirmInstructions(messageId)),
  };
}
