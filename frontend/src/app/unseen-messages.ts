import { createContext, useContext } from 'react';

/**
 * How many messages came while the tab was hidden (counted in app.tsx by the notifications
 * feature). Each page puts it in its own `<title>`, so the title element has one owner: React.
 */
export const UnseenMessagesContext = createContext(0);

export function useUnseenMessages(): number {
  return useContext(UnseenMessagesContext);
}
