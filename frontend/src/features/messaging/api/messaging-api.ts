import { confirmInstructions } from './confirm-instructions';
import { deleteMessage } from './delete-message';
import { editMessage } from './edit-message';
import { getConversations } from './get-conversations';
import { getMessages } from './get-messages';
import { markRead } from './mark-read';
import { sendMessage } from './send-message';
import { toggleReaction } from './toggle-reaction';

/** Every server call messaging makes, in one object: the provider passes it down, a hook's unit test passes doubles. */
export const messagingApi = {
  getConversations,
  getMessages,
  sendMessage,
  markRead,
  editMessage,
  deleteMessage,
  toggleReaction,
  confirmInstructions,
};

export type MessagingApi = typeof messagingApi;
