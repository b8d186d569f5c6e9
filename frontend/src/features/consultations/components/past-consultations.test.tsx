// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { consultation } from '../hooks/consultations.test-support';
import { PastConsultations } from './past-consultations';

afterEach(cleanup);

describe('PastConsultations', () => {
  it("each visit leads to its summary and to where it started in the doctor's thread", () => {
    const past = [
      consultation('c2', { doctorId: 'doctor-7', status: 'completed', completedAt: '2025-02-02T10:00:00.000Z' }),
      consultation('c1', { doctorId: 'doctor-3', status: 'completed', completedAt: '2025-01-01T10:00:00.000Z' }),
    ];
    render(
      <MemoryRouter>
        <PastConsultations consultations={past} />
      </MemoryRouter>,
    );
    const [newest, oldest] = within(screen.getByRole('region', { name: 'Past consultations' })).getAllByRole('listitem');
    const hrefs = (item: HTMLElement) =>
      within(item)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href'));
    expect(hrefs(newest!)).toEqual(['/consultations/c2/summary', '/messages/doctor-7?consultation=c2']);
    expect(hrefs(oldest!)).toEqual(['/consultations/c1/summary', '/messages/doctor-3?consultation=c1']);
    // Every card has the same two links: their names say which visit they are for.
    expect(within(newest!).getByRole('link', { name: 'View summary of the consultation with Dr. doctor doctor-7' })).toBeTruthy();
    expect(within(newest!).getByRole('link', { name: 'Show in the conversation with Dr. doctor doctor-7' })).toBeTruthy();
  });
});
