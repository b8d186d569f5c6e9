import { apiFetch } from '../../../lib/api-client';

export interface ClientConfig {
  /** where the MediaPipe gesture model is served (our own origin by default) */
  gestureModelUrl: string;
}

/** `GET /api/client-config`: settings the server decides for the browser. */
export function getClientConfig(): Promise<ClientConfig> {
  return apiFetch<ClientConfig>('/api/client-config');
}
