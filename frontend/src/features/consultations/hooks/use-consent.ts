import type { ConsentAnswer } from '@telehealth/shared';
import { useCallback } from 'react';
import { useServerData } from '../../../lib/use-server-data';
import { acceptConsent } from '../api/accept-consent';
import { getConsent } from '../api/get-consent';
import { isConsentChange } from '../logic/request-check';

/** Whether the patient must still accept the consent they are shown (never accepted, or an older version). */
export function needsAcceptance(answer: ConsentAnswer): boolean {
  return answer.accepted?.version !== answer.consent.version;
}

/**
 * The telehealth consent the request form shows, and `withConsent` to run a request behind it:
 * the acceptance is sent first when the patient ticked the box, and a refusal because the clinic
 * wrote a new version meanwhile loads that version, so the form asks again.
 */
export function useConsent() {
  const { data, status, reload, setData } = useServerData((signal) => getConsent(signal));

  const withConsent = useCallback(
    async (request: () => Promise<void>) => {
      try {
        if (data && needsAcceptance(data)) {
          const { accepted } = await acceptConsent(data.consent.version);
          setData((answer) => answer && { ...answer, accepted });
        }
        await request();
      } catch (error) {
        if (isConsentChange(error)) void reload();
        throw error;
      }
    },
    [data, reload, setData],
  );

  return { data, status, reload, withConsent };
}

export type ConsentState = ReturnType<typeof useConsent>;
