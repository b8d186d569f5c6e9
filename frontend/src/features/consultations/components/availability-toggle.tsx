interface AvailabilityToggleProps {
  available: boolean;
  saving: boolean;
  onChange: (available: boolean) => void;
}

/** A switch for "taking patients now": a pressed button, with the state in words beside it. */
export function AvailabilityToggle({ available, saving, onChange }: AvailabilityToggleProps) {
  return (
    <div className="availability">
      <button type="button" className="switch" aria-pressed={available} disabled={saving} onClick={() => onChange(!available)}>
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        Available for patients
      </button>
      <p className="muted" aria-live="polite">
        {available ? 'You are taking patients: new requests alert you.' : 'You are away: patients see you as away.'}
      </p>
    </div>
  );
}
