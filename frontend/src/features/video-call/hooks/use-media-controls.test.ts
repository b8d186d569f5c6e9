// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeStream, flowKit } from '../flows/call-fakes.test-support';
import type { LocalMediaControls } from './use-local-media';
import { useMediaControls } from './use-media-controls';

function setup(kinds: ('audio' | 'video')[]) {
  const kit = flowKit();
  kit.call.claim('call-1');
  kit.call.open('call-1', [], kit.signals);
  const stream = fakeStream(kinds);
  const announce = vi.fn();
  const localMedia = {
    streamRef: { current: stream },
    stream,
    cameraId: null,
    refresh: vi.fn(),
  } as unknown as LocalMediaControls;
  const hook = renderHook(() => useMediaControls({ localMedia, call: kit.call, status: 'connected', announce }));
  return { ...hook, kit, stream, announce };
}

describe('useMediaControls', () => {
  it('mute turns the microphone track off and back, says so, and tells the other side', () => {
    const { result, stream, announce, kit } = setup(['audio', 'video']);
    act(() => result.current.controls.toggleMute());
    expect(stream.getAudioTracks()[0]!.enabled).toBe(false);
    expect(result.current.controls.callMedia.muted).toBe(true);
    expect(announce).toHaveBeenLastCalledWith('Microphone muted');
    expect(kit.sessions[0]!.steps.at(-1)).toBe('media:{"muted":true,"cameraOff":false,"screenSharing":false}');
    act(() => result.current.controls.toggleMute());
    expect(stream.getAudioTracks()[0]!.enabled).toBe(true);
    expect(announce).toHaveBeenLastCalledWith('Microphone on');
  });

  it('camera off disables the video track (nothing renegotiated)', () => {
    const { result, stream, announce, kit } = setup(['audio', 'video']);
    act(() => result.current.controls.toggleCamera());
    expect(stream.getVideoTracks()[0]!.enabled).toBe(false);
    expect(result.current.controls.callMedia.cameraOff).toBe(true);
    expect(announce).toHaveBeenLastCalledWith('Camera off');
    expect(kit.sessions[0]!.steps.filter((step) => step.startsWith('video:'))).toEqual([]);
  });

  it('audio only stops the camera and sends no video', () => {
    const { result, stream, kit } = setup(['audio', 'video']);
    const camera = stream.getVideoTracks()[0]!;
    act(() => result.current.controls.switchToAudioOnly());
    expect((camera as unknown as { stopped: boolean }).stopped).toBe(true);
    expect(stream.getVideoTracks()).toEqual([]);
    expect(kit.sessions[0]!.steps).toContain('video:none');
    expect(result.current.controls.callMedia).toMatchObject({ cameraOff: true, audioOnly: true });
  });

  it('a call starts with what its stream has, and ends with everything on again', () => {
    const { result } = setup(['audio']);
    act(() => result.current.startCallMedia(false));
    expect(result.current.controls.callMedia).toEqual({ muted: false, cameraOff: true, screenSharing: false, audioOnly: true });
    act(() => result.current.resetCallMedia());
    expect(result.current.controls.callMedia).toEqual({ muted: false, cameraOff: false, screenSharing: false, audioOnly: false });
  });
});
