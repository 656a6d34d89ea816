/**
 * How long a client may take to send its request (REQUEST_TIMEOUT_MS). Node enforces it only while
 * a request is incomplete, so a long response (an event stream) is never cut by it, while a body
 * that never finishes no longer holds its connection for minutes. Idle keep-alive connections
 * between requests are Fastify's keepAliveTimeout's business (72 s, above the 60 s idle timeout of
 * common load balancers, which would otherwise race the server's close).
 */
/**
 * Fastify's server options for a request timeout of `requestTimeoutMs` (headers and body): a
 * request that takes longer gets 408 `request_timeout` from `clientError` (errors.ts), and its
 * connection is closed.
 */
export function requestTimeouts(requestTimeoutMs: number): {
  requestTimeout: number;
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      // Headers get the whole budget too: a slow body is held as long, so a shorter headers
      // timeout would protect nothing more (and Node refuses one longer than the request's).
      headersTimeout: requestTimeoutMs,
      // How often Node looks for late requests: its default of 30 s would let a 30 s timeout take a
      // minute. The check only visits connections with a request still arriving, so it is cheap.
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(requestTimeoutMs / 4)),
    },
  };
}
