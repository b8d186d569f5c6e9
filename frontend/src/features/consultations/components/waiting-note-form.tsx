import { WAITING_NOTE_MAX, waitingNoteSchema, type WaitingNote } from '@telehealth/shared';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { describeError } from '../../../lib/error-message';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { useWaitingNote } from '../hooks/use-waiting-note';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The server's rule (at most WAITING_NOTE_MAX once trimmed), and one of the form's own: the server
 * takes "" as "clear", but an empty Post is more likely a slip than a wish, and Clear says it plainly.
 */
const postCheck = waitingNoteSchema.extend({
  text: waitingNoteSchema.shape.text.min(1, 'is empty: write a few words, or use Clear to take the note down'),
});

const AWAY_REFUSED =
  'You are marked away, so your waiting room cannot get a note. Switch on “Available for patients”, then post it.';

/** What the patients read now, announced when it changes (after a post or a clear). */
function CurrentNote({ note }: { note: WaitingNote | null }) {
  return (
    <div role="status" aria-live="polite" className="waiting-note-current">
      {note ? (
        <p>
          Your waiting room reads: “{note.text}”{' '}
          <span className="muted">
            · posted <time dateTime={note.at}>{timeFormat.format(new Date(note.at))}</time>
          </span>
        </p>
      ) : (
        <p className="muted">No note up: your waiting room sees none.</p>
      )}
    </div>
  );
}

/** The count against the limit, as the schema counts it (trimmed), so the two never disagree. */
function countHint(text: string): string {
  const length = text.trim().length;
  const over = length - WAITING_NOTE_MAX;
  return over > 0 ? `${length}/${WAITING_NOTE_MAX} characters: ${over} too many` : `${length}/${WAITING_NOTE_MAX} characters`;
}

/** Clear, outside the form's submit: its own "Clearing…" and its own failure, in the form's alert. */
function useClearAction(clear: () => Promise<void>) {
  const [clearing, setClearing] = useState(false);
  const [clearError, setClearError] = useState<string | null>(null);
  async function onClear() {
    setClearError(null);
    setClearing(true);
    try {
      await clear();
    } catch (error) {
      setClearError(describeError(error));
    } finally {
      setClearing(false);
    }
  }
  return { clearing, clearError, setClearError, onClear };
}

/**
 * A doctor's word to the patients who asked for them by name ("Running about 10 minutes late"):
 * Post puts it up (replacing any before), Clear takes it down. Only a doctor taking patients may
 * leave one, so while away the form is disabled and says why.
 */
export function WaitingNoteForm({ available }: { available: boolean }) {
  const waitingNote = useWaitingNote(available);
  const [text, setText] = useState('');
  const { clearing, clearError, setClearError, onClear } = useClearAction(waitingNote.clear);
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: postCheck,
    submit: async (input) => {
      await waitingNote.post(input.text);
      setText('');
    },
    describe: (error) => (error.code === 'CONFLICT' ? AWAY_REFUSED : undefined),
  });

  return (
    <section className="card waiting-note-card" aria-labelledby="waiting-note-heading">
      <h2 id="waiting-note-heading">Note to your waiting room</h2>
      <p className="muted">Patients who asked for you by name see it on their waiting screen, live.</p>
      {waitingNote.status === 'failed' && <p className="muted">Your current note could not be loaded.</p>}
      {waitingNote.status === 'ready' && <CurrentNote note={waitingNote.note} />}
      {!available && (
        <p className="note" role="note" id="waiting-note-away">
          You are away, so your waiting room has no note. Switch on “Available for patients” to write one.
        </p>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          setClearError(null);
          void onSubmit(event);
        }}
      >
        <fieldset
          className="waiting-note-fields"
          disabled={!available}
          aria-describedby={available ? undefined : 'waiting-note-away'}
        >
          <TextAreaField
            label="Your note"
            name="text"
            rows={2}
            placeholder="Running about 10 minutes late"
            hint={countHint(text)}
            value={text}
            onChange={(event) => setText(event.target.value)}
            error={fieldErrors.text}
          />
          <FormAlert message={clearError ?? formError} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={submitting || clearing}>
              {submitting ? 'Posting…' : 'Post note'}
            </button>
            {waitingNote.note && (
              <button
                type="button"
                className="button button-quiet"
                disabled={submitting || clearing}
                onClick={() => void onClear()}
              >
                {clearing ? 'Clearing…' : 'Clear note'}
              </button>
            )}
          </div>
        </fieldset>
      </form>
    </section>
  );
}
