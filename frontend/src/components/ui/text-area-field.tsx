import type { TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './field-frame';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
}

/** A labelled multi-line input, like TextField: hint and error announced with it. */
export function TextAreaField({ label, name, error, hint, ...textAreaProps }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(control) => <textarea {...control} name={name} rows={4} {...textAreaProps} />}
    </FieldFrame>
  );
}
