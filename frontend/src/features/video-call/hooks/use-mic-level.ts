import { useEffect, useState } from 'react';

/** How often the meter's value reaches React: smooth enough to see, rare enough not to re-render per frame. */
const UPDATE_MS = 100;

/**
 * The microphone's live level (0..1) for the pre-call check's meter: an AnalyserNode on the
 * stream's audio, read on animation frames, handed to React ten times a second.
 */
export function useMicLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);

  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track) return;
    const audio = new AudioContext();
    // A stream holding only the audio track: the analyser never touches the video.
    const source = audio.createMediaStreamSource(new MediaStream([track]));
    const analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    let lastUpdate = 0;
    const read = (time: number) => {
      frame = requestAnimationFrame(read);
      if (time - lastUpdate < UPDATE_MS) return;
      lastUpdate = time;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // RMS of speech sits around 0.05–0.3; scaled so normal speech fills most of the meter.
      setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    };
    frame = requestAnimationFrame(read);
    // The pre-call check follows a click, so the context may start; resume() covers the browsers that start it suspended.
    void audio.resume().catch(() => undefined);
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void audio.close();
      setLevel(0);
    };
  }, [stream]);

  return level;
}
