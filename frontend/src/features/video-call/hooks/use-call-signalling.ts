import type { ServerToClientEvents } from '@telehealth/shared';
import { useEffect, useRef } from 'react';
import type { AppSocket } from '../../../lib/socket';

export type CallSignalHandlers = Pick<ServerToClientEvents, 'call-made' | 'call-answered' | 'ice-candidate' | 'call-ended' | 'call-renegotiate'>;

/**
 * Listens to the server's call events on this socket. The latest handlers are kept in a ref, so
 * the subscription is made once per socket and never misses an event between renders; every
 * listener it added is removed on cleanup.
 */
export function useCallSignalling(socket: AppSocket | null, handlers: CallSignalHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!socket) return;
    const onCallMade: CallSignalHandlers['call-made'] = (call) => latest.current['call-made'](call);
    const onCallAnswered: CallSignalHandlers['call-answered'] = (answer) => latest.current['call-answered'](answer);
    const onIceCandidate: CallSignalHandlers['ice-candidate'] = (relay) => latest.current['ice-candidate'](relay);
    const onCallEnded: CallSignalHandlers['call-ended'] = (end) => latest.current['call-ended'](end);
    const onRenegotiate: CallSignalHandlers['call-renegotiate'] = (relay) => latest.current['call-renegotiate'](relay);
    socket.on('call-made', onCallMade);
    socket.on('call-answered', onCallAnswered);
    socket.on('ice-candidate', onIceCandidate);
    socket.on('call-ended', onCallEnded);
    socket.on('call-renegotiate', onRenegotiate);
    return () => {
      socket.off('call-made', onCallMade);
      socket.off('call-answered', onCallAnswered);
      socket.off('ice-candidate', onIceCandidate);
      socket.off('call-ended', onCallEnded);
      socket.off('call-renegotiate', onRenegotiate);
    };
  }, [socket]);
}
