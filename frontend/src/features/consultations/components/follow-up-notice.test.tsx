// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { followUpGate } from '../logic/follow-up-gate';
import { FollowUpComposerNotice, FollowUpHint } from './follow-up-notice';

afterEach(cleanup);

const DAY = 24 * 60 * 60 * 1000;
const completedAt = Date.UTC(2025, 2, 1, 9, 0);
const visits = [{ status: 'completed' as const, completedAt: new Date(completedAt).toISOString() }];

describe('the follow-up notices', () => {
  it('once the window closed, says when and links to asking for a new consultation', () => {
    const gate = followUpGate(visits, completedAt + 8 * DAY, 7);
    render(
      <MemoryRouter>
        <FollowUpComposerNotice gate={gate} doctor="Dr. Grace Hopper" />
      </MemoryRouter>,
    );
    const notice = screen.getByRole('status');
    expect(notice.textContent).toMatch(
      /^Your follow-up window with Dr\. Grace Hopper closed on .+\. To write again, ask for a new consultation\./,
    );
    expect(notice.querySelector('time')?.getAttribute('datetime')).toBe(new Date(completedAt + 7 * DAY).toISOString());
    expect(screen.getByRole('link', { name: 'Ask for a new consultation' }).getAttribute('href')).toBe('/patient');
  });

  it('says nothing in place of the composer while the patient may write; the hint says until when', () => {
    const gate = followUpGate(visits, completedAt + DAY, 7);
    const { container } = render(
      <MemoryRouter>
        <FollowUpComposerNotice gate={gate} doctor="Dr. Grace Hopper" />
        <FollowUpHint gate={gate} />
      </MemoryRouter>,
    );
    expect(screen.queryByRole('status')).toBeNull();
    expect(container.textContent).toMatch(/^You can write follow-up questions until .+\.$/);
  });
});
