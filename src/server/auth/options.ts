/** The security settings of a running server (README: 設定 / Configuration). */
export interface SecurityOptions {
  /**
   * Behind a reverse proxy that terminates HTTPS: believe its X-Forwarded-Proto, X-Forwarded-Host and
   * X-Forwarded-For. Only set this when every request reaches the server through that proxy;
   * otherwise anyone could claim to be on HTTPS or at another address.
   */
  trustProxy: boolean;
  /** A session unused for this long ends (default 2 h). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however it was used (default 12 h). */
  sessionAbsoluteMs: number;
  /** The clock (tests move it to see sessions and throttles expire). */
  now: () => Date;
  /**
   * Where the server is reached, for the one-time URLs it prints and sends (e.g.
   * https://shinchoku.city.example.lg.jp/). Undefined: the address of the request.
   */
  publicUrl?: string;
  /** The largest file the import pages take (UPLOAD_MAX_MB, default 20 MB), in bytes. */
  uploadMaxBytes: number;
}

export const DEFAULT_SECURITY: SecurityOptions = {
  trustProxy: false,
  sessionIdleMs: 2 * 60 * 60 * 1000,
  sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  now: () => new Date(),
  uploadMaxBytes: 20 * 1024 * 1024,
};
