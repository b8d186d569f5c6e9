// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { consultation } from '../hooks/consultations.test-support';
import { QueueList } from './queue-list';

afterEach(cleanup);

describe('QueueList', () => {
  it('offers Accept only where the shared policy lets this doctor take the request', () => {
    const queue = [
      consultation('anyone'),
      consultation('for-me', { requestedDoctorId: 'doctor-me' }),
      consultation('for-another', { requestedDoctorId: 'doctor-other' }),
    ];
    render(<QueueList doctorId="doctor-me" queue={queue} livePresence={new Map()} accepting={null} onAccept={() => undefined} />);
    const items = within(screen.getByRole('list', { name: 'Waiting patients' })).getAllByRole('listitem');
    const acceptIn = (item: HTMLElement) => within(item).queryByRole('button', { name: /^Accept/ });
    expect(items.map((item) => acceptIn(item) !== null)).toEqual([true, true, false]);
    expect(within(items[2]!).getByText('Asked for another doctor')).toBeTruthy();
  });

  it('shows which consent each patient accepted when they asked', () => {
    const queue = [
      consultation('recorded', { consent: { version: 2, acceptedAt: '2025-01-01T09:30:00.000Z' } }),
      consultation('older'),
    ];
    render(<QueueList doctorId="doctor-me" queue={queue} livePresence={new Map()} accepting={null} onAccept={() => undefined} />);
    const items = within(screen.getByRole('list', { name: 'Waiting patients' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Consent v2 accepted ');
    expect(items[0]!.querySelector('time[datetime="2025-01-01T09:30:00.000Z"]')).not.toBeNull();
    expect(within(items[1]!).getByText('No consent on record')).toBeTruthy();
  });
});
