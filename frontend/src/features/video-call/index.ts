// The video-call feature's public face: the app imports from here, never from its folders.
export { VideoCallProvider } from './context/video-call-provider';
export { useVideoCall } from './context/video-call-context';
/**
 * The thread header's call button: `<CallButton peer={partner} />`. The messaging feature cannot
 * import it (features don't import each other), so the app passes it in where the thread is.
 */
export { CallButton } from './components/call-button';
export type { CallExtras, CallExtrasControls } from './components/call-screen';
export type { CallPeer } from './logic/call-machine';
