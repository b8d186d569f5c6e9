import { loginSchema, registerSchema } from '@telehealth/shared';
import { describe, expect, it } from 'vitest';
import { fieldErrorsFromIssues, fieldErrorText } from './form-errors';

describe('fieldErrorsFromIssues', () => {
  it('gives one message per field from the shared schema', () => {
    const result = registerSchema.safeParse({ name: '', email: 'not-an-email', password: 'short' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrorsFromIssues(result.error)).toEqual({
      name: 'is required',
      email: 'must be an email address',
      password: 'must be at least 8 characters',
    });
  });

  it('reports nothing for a valid form', () => {
    expect(loginSchema.safeParse({ email: 'ada@example.com', password: 'x' }).success).toBe(true);
  });
});

describe('fieldErrorText', () => {
  it("puts the schema's fragment after the label", () => {
    expect(fieldErrorText('Email', 'is required')).toBe('Email is required');
  });

  it('shows a whole sentence as it is', () => {
    expect(fieldErrorText('Password', 'Too big: expected string to have <=128 characters')).toBe(
      'Too big: expected string to have <=128 characters',
    );
  });
});
