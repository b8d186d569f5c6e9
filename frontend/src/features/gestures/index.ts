// The gestures feature's public face: the app imports from here, never from its folders.
// MediaPipe is not imported here: it is loaded on demand, when a user turns gestures on.
export { HandsFreeGestures } from './components/hands-free-gestures';
