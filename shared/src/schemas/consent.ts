import { z } from 'zod';

/** The clinic's telehealth consent as patients read it: one numbered version, the newest. */
export interface ConsentText {
  version: number;
  text: string;
  updatedAt: string;
}

/** That a patient accepted a version of the consent, and when. */
export interface ConsentAcceptance {
  version: number;
  acceptedAt: string;
}

/** `GET /api/consent`: the current text, and for a patient what they last accepted (null: nothing yet). */
export interface ConsentAnswer {
  consent: ConsentText;
  accepted: ConsentAcceptance | null;
}

/** `PUT /api/admin/consent`: the new text becomes the next version. */
export const updateConsentSchema = z.strictObject({
  text: z.string().trim().min(20, 'must be at least 20 characters').max(20_000),
});
export type UpdateConsentInput = z.infer<typeof updateConsentSchema>;

/** `POST /api/consent/accept`: the version the patient read; only the current one is accepted. */
export const acceptConsentSchema = z.strictObject({
  version: z.number().int().positive(),
});
export type AcceptConsentInput = z.infer<typeof acceptConsentSchema>;

/** `POST /api/consent/accept`'s answer. */
export interface ConsentAcceptanceAnswer {
  accepted: ConsentAcceptance;
}
