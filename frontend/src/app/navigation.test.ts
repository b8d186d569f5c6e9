import { describe, expect, it } from 'vitest';
import { afterSignInPath, HOME_PATH, NAV_LINKS } from './navigation';

describe('afterSignInPath', () => {
  it("goes to the role's home by default", () => {
    expect(afterSignInPath('patient', undefined)).toBe('/patient');
    expect(afterSignInPath('doctor', null)).toBe('/doctor');
    expect(afterSignInPath('admin', 42)).toBe('/admin');
  });

  it('goes back to the page that asked for a sign-in', () => {
    expect(afterSignInPath('patient', '/profile?tab=security')).toBe('/profile?tab=security');
  });

  it('never leaves the app or loops back to the sign-in pages', () => {
    expect(afterSignInPath('patient', '//evil.example/phish')).toBe('/patient');
    expect(afterSignInPath('patient', 'https://evil.example')).toBe('/patient');
    expect(afterSignInPath('doctor', '/login')).toBe('/doctor');
  });
});

describe('NAV_LINKS', () => {
  it("starts every role's navigation at its home", () => {
    for (const role of ['patient', 'doctor', 'admin'] as const) expect(NAV_LINKS[role][0]?.to).toBe(HOME_PATH[role]);
  });
});
