import { describe, expect, it } from 'vitest';
import { classifyMediaError, mediaProblemMessage } from './media-error';

const domError = (name: string) => Object.assign(new Error('media'), { name });

describe('classifyMediaError', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'no-device'],
    ['OverconstrainedError', 'no-device'],
    ['NotReadableError', 'in-use'],
    ['TypeError', 'unknown'],
  ] as const)('%s → %s', (name, problem) => {
    expect(classifyMediaError(domError(name))).toBe(problem);
  });

  it('anything that is not an error is unknown', () => {
    expect(classifyMediaError('nope')).toBe('unknown');
    expect(classifyMediaError(null)).toBe('unknown');
  });
});

describe('mediaProblemMessage', () => {
  it('no camera offers audio only; no microphone does not', () => {
    expect(mediaProblemMessage('no-device', false)).toMatch(/audio only/);
    expect(mediaProblemMessage('no-device', true)).toMatch(/No microphone/);
  });

  it('a denied permission explains where to allow it', () => {
    expect(mediaProblemMessage('permission-denied', false)).toMatch(/site settings/);
  });
});
