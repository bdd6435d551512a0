/** A request the client refuses to build from its parts; the message never holds the token. */
export class UnsafeRequestError extends Error {}
