import { type OpenConsultationInput, type PublicUser, doctorName } from '@telehealth/shared';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { SelectField } from '../../../components/ui/select-field';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { needsAcceptance, useConsent } from '../hooks/use-consent';
import { CONSENT_CHANGED, CONSENT_FIELD, isConsentChange, requestFormCheck } from '../logic/request-check';
import { ConsentNotice } from './consent-notice';

interface RequestFormProps {
  doctors: readonly PublicUser[];
  availableCount: number | null;
  onSubmit: (input: OpenConsultationInput) => Promise<void>;
}

function doctorOption(doctor: PublicUser): string {
  const specialty = doctor.specialty ? `, ${doctor.specialty}` : '';
  return `${doctorName(doctor.name)}${specialty} (${doctor.available ? 'available' : 'away'})`;
}

function UrgencyChoice() {
  return (
    <fieldset className="field choice-group">
      <legend>Urgency</legend>
      <label>
        <input type="radio" name="urgency" value="routine" defaultChecked /> Routine
      </label>
      <label>
        <input type="radio" name="urgency" value="urgent" /> Urgent
      </label>
    </fieldset>
  );
}

/**
 * Reason, urgency and, if the patient wants someone in particular, a doctor; and the telehealth
 * consent, ticked, until the patient has accepted its current version (nothing is sent without).
 * The consent is loaded each time the form appears, so a version written during a visit is read
 * before the next request.
 */
export function RequestForm({ doctors, availableCount, onSubmit: request }: RequestFormProps) {
  const consent = useConsent();
  const [doctorId, setDoctorId] = useState('');
  const chosen = doctors.find((doctor) => doctor.id === doctorId);
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: requestFormCheck(!consent.data || needsAcceptance(consent.data)),
    // "Any available doctor" is no doctor asked for.
    values: (fields) => ({ ...fields, doctorId: fields.doctorId || undefined }),
    submit: (input) => consent.withConsent(() => request(input)),
    describe: (error) => (isConsentChange(error) ? CONSENT_CHANGED : undefined),
  });

  return (
    <section className="card" aria-labelledby="request-heading">
      <h2 id="request-heading">Ask for a consultation</h2>
      {availableCount !== null && (
        <p className="availability-count">
          <span className="status-dot" data-online={availableCount > 0} aria-hidden="true" />
          {availableCount === 1 ? '1 doctor available now' : `${availableCount} doctors available now`}
        </p>
      )}
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextAreaField
          label="Reason"
          name="reason"
          hint="What would you like to see a doctor about?"
          required
          maxLength={500}
          error={fieldErrors.reason}
        />
        <UrgencyChoice />
        <SelectField
          label="Preferred doctor"
          name="doctorId"
          hint="Optional: anyone available can take your request."
          value={doctorId}
          onChange={(event) => setDoctorId(event.target.value)}
          options={[
            { value: '', label: 'Any available doctor' },
            ...doctors.map((doctor) => ({ value: doctor.id, label: doctorOption(doctor) })),
          ]}
          error={fieldErrors.doctorId}
        />
        {chosen && !chosen.available && (
          <p className="note" role="note">
            {doctorName(chosen.name)} is away right now. Your request will wait for them; choose &ldquo;Any available
            doctor&rdquo; to be seen sooner.
          </p>
        )}
        <ConsentNotice consent={consent} error={fieldErrors[CONSENT_FIELD]} />
        <FormAlert message={formError} />
        {/* Until the consent is in, the form cannot know whether the box is needed. */}
        <button type="submit" className="button button-primary" disabled={submitting || !consent.data}>
          {submitting ? 'Sending request…' : 'Request a consultation'}
        </button>
      </form>
    </section>
  );
}
