import { useState, type FormEvent } from 'react';
import { ApiError } from './api-client';
import { describeError } from './error-message';
import { fieldErrorsFromIssues, type ValidationIssues } from './form-errors';

/** What the form needs of a shared zod schema (structural, so no zod import here). */
interface Schema<T> {
  safeParse: (data: unknown) => { success: true; data: T } | { success: false; error: ValidationIssues };
}

interface SchemaFormOptions<T> {
  schema: Schema<T>;
  /** the form is given too, for a form that resets itself after a success */
  submit: (input: T, form: HTMLFormElement) => Promise<unknown>;
  /** shapes the form's fields before validation (drop an empty optional field); the fields as they are by default */
  values?: (fields: Record<string, FormDataEntryValue>) => unknown;
  /** a sentence for errors this form knows better than the server's generic message */
  describe?: (error: ApiError) => string | undefined;
}

/**
 * Validates a form with the same schema the server uses, submits it, and sorts failures into
 * per-field errors (shown under each input) and one form-level error (shown as an alert).
 */
export function useSchemaForm<T>({ schema, submit, values = (fields) => fields, describe }: SchemaFormOptions<T>) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  function showFieldErrors(form: HTMLFormElement, errors: Record<string, string>) {
    setFieldErrors(errors);
    // Keyboard and screen-reader users land on the first field to fix.
    const first = Object.keys(errors)[0];
    const input = first ? form.elements.namedItem(first) : null;
    if (input instanceof HTMLElement) input.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const parsed = schema.safeParse(values(Object.fromEntries(new FormData(form))));
    if (!parsed.success) return showFieldErrors(form, fieldErrorsFromIssues(parsed.error));

    setFieldErrors({});
    setSubmitting(true);
    try {
      await submit(parsed.data, form);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && Object.keys(error.fieldErrors).length > 0) {
        showFieldErrors(form, error.fieldErrors);
      } else {
        setFormError((error instanceof ApiError && describe?.(error)) || describeError(error));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return { fieldErrors, formError, submitting, onSubmit };
}
