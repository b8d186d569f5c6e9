import { describe, expect, it } from 'vitest';
import { ME, message } from './test-fixtures';
import { alertTitle, callLabel, formatDuration, formatFileSize, previewText, titleWithUnread } from './labels';

describe('callLabel', () => {
  it('says how a call ended, with the duration of a completed one', () => {
    expect(callLabel({ outcome: 'completed', durationSeconds: 252 })).toBe('Video call · 4:12');
    expect(callLabel({ outcome: 'missed', durationSeconds: 0 })).toBe('Missed call');
    expect(callLabel({ outcome: 'rejected', durationSeconds: 0 })).toBe('Declined call');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

describe('previewText', () => {
  it('shows the last message on one line, marked when it is mine', () => {
    expect(previewText(message(1, { text: 'Hello\n  there' }), ME)).toBe('Hello there');
    expect(previewText(message(1, { senderId: ME, text: 'Hi' }), ME)).toBe('You: Hi');
    expect(previewText(message(1, { deleted: true, text: '' }), ME)).toBe('Message deleted');
    expect(previewText(message(1, { text: '', attachment: { fileId: 'f', name: 'scan.pdf', size: 1, mimeType: 'application/pdf', url: '' } }), ME)).toBe(
      'File: scan.pdf',
    );
  });
});

describe('titleWithUnread', () => {
  it('counts messages that came while the tab was hidden, without stacking counts', () => {
    expect(titleWithUnread('Messages · CareLine', 2)).toBe('(2) Messages · CareLine');
    expect(titleWithUnread('(2) Messages · CareLine', 3)).toBe('(3) Messages · CareLine');
    expect(titleWithUnread('(3) Messages · CareLine', 0)).toBe('Messages · CareLine');
  });
});

describe('alertTitle', () => {
  it('names the sender and nothing of the message', () => {
    expect(alertTitle('Dr. Grace Hopper')).toBe('New message from Dr. Grace Hopper');
    expect(alertTitle(undefined)).toBe('New message');
  });
});

describe('formatFileSize', () => {
  it('reads like a person would say it', () => {
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(2048)).toBe('2 KB');
    expect(formatFileSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });
});
