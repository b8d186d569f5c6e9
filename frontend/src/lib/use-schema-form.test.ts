// @vitest-environment jsdom
import { createStaffSchema as schema } from '@telehealth/shared';
import { act, renderHook } from '@testing-library/react';
import type { FormEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { useSchemaForm } from './use-schema-form';

const staff = { name: 'Ada Lovelace', email: 'ada@example.org', password: 'long enough', role: 'doctor' };

function formWith(fields: Record<string, string>): HTMLFormElement {
  const form = document.createElement('form');
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    Object.assign(input, { name, value });
    form.append(input);
  }
  document.body.append(form);
  return form;
}

const submitEvent = (form: HTMLFormElement) =>
  ({ preventDefault: () => undefined, currentTarget: form }) as unknown as FormEvent<HTMLFormElement>;

describe('useSchemaForm', () => {
  it('shapes the fields before the schema, and gives the form to submit', async () => {
    const sent: unknown[] = [];
    const form = formWith({ ...staff, specialty: '' });
    const { result } = renderHook(() =>
      useSchemaForm({
        schema,
        values: ({ specialty, ...fields }) => (specialty ? { ...fields, specialty } : fields),
        submit: async (input, given) => void sent.push(input, given),
      }),
    );
    await act(() => result.current.onSubmit(submitEvent(form)));
    expect(sent).toEqual([staff, form]);
    expect(result.current.fieldErrors).toEqual({});
  });

  it('shows the schema errors and the server field errors under their fields, focusing the first', async () => {
    const form = formWith({ ...staff, email: 'not an email' });
    const refused = new ApiError(400, 'VALIDATION_FAILED', 'Some fields are not valid', { name: 'is taken' });
    const { result } = renderHook(() => useSchemaForm({ schema, submit: () => Promise.reject(refused) }));
    await act(() => result.current.onSubmit(submitEvent(form)));
    expect(Object.keys(result.current.fieldErrors)).toEqual(['email']);
    expect(document.activeElement).toBe(form.elements.namedItem('email'));

    (form.elements.namedItem('email') as HTMLInputElement).value = staff.email;
    await act(() => result.current.onSubmit(submitEvent(form)));
    expect(result.current).toMatchObject({ fieldErrors: { name: 'is taken' }, formError: null, submitting: false });
    expect(document.activeElement).toBe(form.elements.namedItem('name'));
  });
});
