import { describe, expect, it } from 'vitest';
import { encodeMediaState, parseControlMessage } from './control-message';

describe('the control channel', () => {
  it('a media state survives the round trip', () => {
    const media = { muted: true, cameraOff: false, screenSharing: true };
    expect(parseControlMessage(encodeMediaState(media))).toEqual(media);
  });

  it('an older peer without screenSharing is read as not sharing', () => {
    expect(parseControlMessage('{"type":"media","muted":false,"cameraOff":true}')).toEqual({
      muted: false,
      cameraOff: true,
      screenSharing: false,
    });
  });

  it.each([
    ['not JSON', 'muted!'],
    ['an unknown type', '{"type":"chat","text":"hi"}'],
    ['a wrong field type', '{"type":"media","muted":"yes","cameraOff":false}'],
    ['JSON null', 'null'],
    ['binary data', new ArrayBuffer(4)],
    ['something huge', `{"type":"media","muted":true,"cameraOff":true,"pad":"${'x'.repeat(2_000)}"}`],
  ])('%s is ignored', (_what, data) => {
    expect(parseControlMessage(data)).toBeNull();
  });
});
