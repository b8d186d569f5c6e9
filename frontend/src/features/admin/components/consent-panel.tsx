import { updateConsentSchema, type ConsentText } from '@telehealth/shared';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { useToast } from '../../../components/ui/toast-context';
import { describeError } from '../../../lib/error-message';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { useServerData } from '../../../lib/use-server-data';
import { getConsent } from '../api/get-consent';
import { updateConsent } from '../api/update-consent';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function ConsentEditor({ consent, onSaved }: { consent: ConsentText; onSaved: (consent: ConsentText) => void }) {
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: updateConsentSchema,
    submit: async (input) => onSaved((await updateConsent(input)).consent),
  });
  return (
    <form
      className="form card consent-editor"
      aria-label="Edit the telehealth consent"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
    >
      <TextAreaField
        label="Consent text"
        name="text"
        hint="What patients read and accept before a consultation. Line breaks are kept."
        defaultValue={consent.text}
        required
        maxLength={20_000}
        rows={14}
        error={fieldErrors.text}
      />
      <FormAlert message={formError} />
      <button type="submit" className="button button-primary" disabled={submitting}>
        {submitting ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}

/** The consent patients accept before asking to be seen; each save is a new version they are asked to accept again. */
export function ConsentPanel() {
  const { data, status, error, reload, setData } = useServerData((signal) => getConsent(signal).then((answer) => answer.consent));
  const { show } = useToast();

  return (
    <section aria-labelledby="consent-heading" className="stack">
      <h2 id="consent-heading">Telehealth consent</h2>
      {data ? (
        <>
          <p className="muted">
            Version {data.version}, saved <time dateTime={data.updatedAt}>{dateFormat.format(new Date(data.updatedAt))}</time>.
            Saving makes a new version, and every patient is asked to accept it before their next request.
          </p>
          {/* A new version starts the editor afresh from the text as saved. */}
          <ConsentEditor
            key={data.version}
            consent={data}
            onSaved={(saved) => {
              setData(saved);
              show(`Consent version ${saved.version} saved; patients will be asked again`, 'success');
            }}
          />
        </>
      ) : status === 'failed' ? (
        <div className="stack">
          <FormAlert message={describeError(error)} />
          <button type="button" className="button button-quiet" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      ) : (
        <p role="status">Loading the telehealth consent…</p>
      )}
    </section>
  );
}
