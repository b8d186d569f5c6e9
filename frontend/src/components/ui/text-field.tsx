import type { InputHTMLAttributes } from 'react';
import { FieldFrame } from './field-frame';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  name: string;
  /** the message from the schema or the server, without the label */
  error?: string | undefined;
  hint?: string;
}

/** A labelled input whose hint and error are announced with it. */
export function TextField({ label, name, error, hint, ...inputProps }: TextFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(control) => <input {...control} name={name} {...inputProps} />}
    </FieldFrame>
  );
}
