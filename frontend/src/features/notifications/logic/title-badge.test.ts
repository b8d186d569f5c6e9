import { describe, expect, it } from 'vitest';
import { badgeTitle } from './title-badge';

describe('badgeTitle', () => {
  it('puts the count in front of the title', () => {
    expect(badgeTitle('Patient queue · CareLine', 3)).toBe('(3) Patient queue · CareLine');
  });

  it('leaves the title alone when nothing waits', () => {
    expect(badgeTitle('Patient queue · CareLine', 0)).toBe('Patient queue · CareLine');
    expect(badgeTitle('Patient queue · CareLine', -1)).toBe('Patient queue · CareLine');
    expect(badgeTitle('Patient queue · CareLine', Number.NaN)).toBe('Patient queue · CareLine');
  });

  it('caps a large count', () => {
    expect(badgeTitle('Messages', 250)).toBe('(99+) Messages');
  });
});
