/** Version 1 of the consent, seeded at the first read when an admin has written none. */
export const DEFAULT_CONSENT_TEXT = [
  'Consent to telehealth care',
  '',
  'I agree to receive care from this clinic by chat and video instead of in person. I understand that:',
  '- a remote consultation has limits: the doctor cannot examine me, and may ask me to be seen in person;',
  '- this service is not for emergencies: in an emergency I call the local emergency number;',
  '- my messages, files and notes are kept in my medical record and shown only to me and the doctors who care for me;',
  '- calls are peer to peer and are not recorded;',
  '- I may withdraw this consent at any time by not asking for further consultations.',
].join('\n');
