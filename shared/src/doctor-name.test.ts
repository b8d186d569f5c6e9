import { describe, expect, it } from 'vitest';
import { doctorName } from './doctor-name.js';

describe('doctorName', () => {
  it('adds the title', () => {
    expect(doctorName('Grace Hopper')).toBe('Dr. Grace Hopper');
  });

  it('does not double a title already there', () => {
    expect(doctorName('Dr. Grace Hopper')).toBe('Dr. Grace Hopper');
    expect(doctorName('dr Who')).toBe('dr Who');
  });

  it('keeps a name that merely starts with the letters', () => {
    expect(doctorName('Drew Barry')).toBe('Dr. Drew Barry');
  });
});
