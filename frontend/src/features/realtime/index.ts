// The realtime feature's public face: the app imports from here, never from its folders.
export { RealtimeProvider } from './context/realtime-provider';
export { useRealtime, type ConnectionState } from './context/realtime-context';
export { usePresence } from './hooks/use-presence';
export { ConnectionIndicator } from './components/connection-indicator';
