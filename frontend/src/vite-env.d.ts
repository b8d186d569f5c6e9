// The variables this app reads at build time (vite/client types come from tsconfig "types").
interface ImportMetaEnv {
  readonly VITE_API_ORIGIN?: string;
}
