// @vitest-environment jsdom
import type { ConsentAnswer } from '@telehealth/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { stubApi } from '../../../lib/fake-api.test-support';
import { RequestForm } from './request-form';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const version = (number: number) => ({
  version: number,
  text: `Consent text, version ${number}`,
  updatedAt: '2025-03-01T09:00:00.000Z',
});
const CHECKBOX = 'I have read and accept the telehealth consent';

function renderForm(onSubmit: () => Promise<void> = async () => undefined) {
  const submitted = vi.fn(onSubmit);
  render(<RequestForm doctors={[]} availableCount={1} onSubmit={submitted} />);
  return submitted;
}

async function fillReasonAndRequest() {
  fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'A cough for a week' } });
  const button = await screen.findByRole('button', { name: 'Request a consultation' });
  await waitFor(() => expect(button).toHaveProperty('disabled', false));
  fireEvent.click(button);
}

describe('RequestForm and the telehealth consent', () => {
  it('shows the consent to a patient who has not accepted it, and sends nothing until the box is ticked', async () => {
    const api = stubApi({
      'GET /api/consent': (): ConsentAnswer => ({ consent: version(1), accepted: null }),
      'POST /api/consent/accept': () => ({ accepted: { version: 1, acceptedAt: '2025-03-02T09:00:00.000Z' } }),
    });
    const submitted = renderForm();
    expect(await screen.findByRole('region', { name: 'Telehealth consent' })).toHaveProperty(
      'textContent',
      'Consent text, version 1',
    );

    await fillReasonAndRequest();
    await screen.findByText('Tick the box to accept the telehealth consent before asking for a consultation');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: CHECKBOX }));
    expect(submitted).not.toHaveBeenCalled();
    expect(api.count('POST /api/consent/accept')).toBe(0);

    fireEvent.click(screen.getByRole('checkbox', { name: CHECKBOX }));
    fireEvent.click(screen.getByRole('button', { name: 'Request a consultation' }));
    await waitFor(() => expect(submitted).toHaveBeenCalledOnce());
    // The acceptance goes first: the server refuses a request without it.
    expect(api.requests).toEqual(['GET /api/consent', 'POST /api/consent/accept']);
  });

  it('shows one line to a patient who accepted the current version, and asks nothing more', async () => {
    const api = stubApi({
      'GET /api/consent': (): ConsentAnswer => ({
        consent: version(3),
        accepted: { version: 3, acceptedAt: '2025-03-02T09:00:00.000Z' },
      }),
    });
    const submitted = renderForm();
    await screen.findByText(/You accepted the telehealth consent \(version 3\) on/);
    expect(screen.queryByRole('checkbox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Read it again' }));
    expect(screen.getByRole('region', { name: 'Telehealth consent' }).textContent).toBe('Consent text, version 3');

    await fillReasonAndRequest();
    await waitFor(() => expect(submitted).toHaveBeenCalledOnce());
    expect(api.count('POST /api/consent/accept')).toBe(0);
  });

  it('a new version written meanwhile is loaded and asked for again', async () => {
    let onServer: ConsentAnswer = { consent: version(1), accepted: { version: 1, acceptedAt: '2025-03-02T09:00:00.000Z' } };
    const api = stubApi({ 'GET /api/consent': () => onServer });
    const submitted = renderForm(async () => {
      onServer = { ...onServer, consent: version(2) };
      throw new ApiError(409, 'CONSENT_REQUIRED', 'Please accept the current consent');
    });
    await screen.findByText(/version 1\) on/);

    await fillReasonAndRequest();
    await screen.findByText('The clinic updated its telehealth consent; please read and accept it again.');
    await screen.findByText(/Version 2, updated/);
    expect(screen.getByRole('checkbox', { name: CHECKBOX })).toHaveProperty('checked', false);
    expect(submitted).toHaveBeenCalledOnce();
    expect(api.count('GET /api/consent')).toBe(2);
  });
});
