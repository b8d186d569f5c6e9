// @vitest-environment jsdom
import type { SystemEntry } from '@telehealth/shared';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../logic/test-fixtures';
import { SystemLine } from './system-line';

afterEach(cleanup);

function renderEntry(event: SystemEntry['event'], text: string) {
  const entry = message(1, {
    kind: 'system',
    text,
    system: { event, consultationId: 'c42', doctorName: 'Ada Osei', reason: 'a sore throat' },
  });
  render(
    <MemoryRouter>
      <SystemLine message={entry} />
    </MemoryRouter>,
  );
}

describe('SystemLine', () => {
  it("a consultation's end leads to its summary", () => {
    renderEntry('consultation-completed', 'Consultation completed');
    expect(screen.getByText('Consultation completed')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'View summary' }).getAttribute('href')).toBe('/consultations/c42/summary');
  });

  it('its start has no link: there is nothing to sum up yet', () => {
    renderEntry('consultation-started', 'Consultation started — Dr. Ada Osei — a sore throat');
    expect(screen.queryByRole('link')).toBeNull();
  });
});
