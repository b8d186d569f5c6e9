/**
 * Where the API lives. Empty means "this page's own origin" (the backend serves the app, or Vite
 * proxies to it); a deployment with the frontend on another site sets VITE_API_ORIGIN at build time.
 */
export const API_ORIGIN: string = import.meta.env.VITE_API_ORIGIN ?? '';
