/**
 * The session cookie's names: `__Host-shinchoku_session` when the server is reached over HTTPS (the
 * prefix makes the browser refuse it from anywhere but this host, over anything but HTTPS), and
 * `shinchoku_session` over plain HTTP (a machine's own localhost). Sessions themselves come with the
 * accounts; the shared page cache already refuses any request that carries one.
 */
export const SESSION_COOKIE = { secure: "__Host-shinchoku_session", plain: "shinchoku_session" } as const;

/** A Cookie header that carries either session cookie. */
export const SESSION_COOKIE_PATTERN = /(?:^|;\s*)(?:__Host-)?shinchoku_session=/;
