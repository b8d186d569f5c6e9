import { describe, expect, it } from 'vitest';
import { ME, message } from './test-fixtures';
import { alertTitle, callLabel, formatFileSize, messageAlert, previewText } from './labels';

describe('callLabel', () => {
  it('says how a call ended, with the duration of a completed one', () => {
    expect(callLabel({ outcome: 'completed', durationSeconds: 252 })).toBe('Video call · 4:12');
    expect(callLabel({ outcome: 'missed', durationSeconds: 0 })).toBe('Missed call');
    expect(callLabel({ outcome: 'rejected', durationSeconds: 0 })).toBe('Declined call');
    expect(callLabel({ outcome: 'completed', durationSeconds: 3725 })).toBe('Video call · 1:02:05');
  });

  it('never rounds a duration up: 4:12.6 is still 4:12', () => {
    expect(callLabel({ outcome: 'completed', durationSeconds: 252.6 })).toBe('Video call · 4:12');
  });
});

describe('previewText', () => {
  it('shows the last message on one line, marked when it is mine', () => {
    expect(previewText(message(1, { text: 'Hello\n  there' }), ME)).toBe('Hello there');
    expect(previewText(message(1, { senderId: ME, text: 'Hi' }), ME)).toBe('You: Hi');
    expect(previewText(message(1, { deleted: true, text: '' }), ME)).toBe('Message deleted');
    expect(
      previewText(
        message(1, { text: '', attachment: { fileId: 'f', name: 'scan.pdf', size: 1, mimeType: 'application/pdf', url: '' } }),
        ME,
      ),
    ).toBe('File: scan.pdf');
  });

  it('shows a consultation entry as the server wrote it, never as "You: "', () => {
    const started = message(1, { senderId: ME, kind: 'system', text: 'Consultation started — Dr. Grace Hopper — Rash' });
    expect(previewText(started, ME)).toBe('Consultation started — Dr. Grace Hopper — Rash');
  });
});

describe('alertTitle', () => {
  it('names the sender and nothing of the message', () => {
    expect(alertTitle('Dr. Grace Hopper')).toBe('New message from Dr. Grace Hopper');
    expect(alertTitle(undefined)).toBe('New message');
  });

  it('is one alert per message, one tray slot per sender', () => {
    expect(messageAlert(message(7, { text: 'Your results are normal' }), 'Dr. Grace Hopper')).toEqual({
      id: 'm0007',
      title: 'New message from Dr. Grace Hopper',
      tag: 'careline-message-bbbbbbbbbbbbbbbbbbbbbbbb',
    });
  });
});

describe('formatFileSize', () => {
  it('reads like a person would say it', () => {
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(2048)).toBe('2 KB');
    expect(formatFileSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });
});
