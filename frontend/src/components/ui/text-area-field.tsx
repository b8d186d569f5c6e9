import { useId, type TextareaHTMLAttributes } from 'react';
import { fieldErrorText } from '../../lib/form-errors';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
}

/** A labelled multi-line input, like TextField: hint and error announced with it. */
export function TextAreaField({ label, name, error, hint, ...textAreaProps }: TextAreaFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textAreaProps}
      />
      {error && (
        <p id={errorId} className="field-error">
          {fieldErrorText(label, error)}
        </p>
      )}
    </div>
  );
}
