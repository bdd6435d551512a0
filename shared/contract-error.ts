import { ErrorCode } from './contract.ts';

/**
 * A failure the renderer can name, on both sides: main throws it for expected refusals (a bad phone, a
 * malformed token) and dispatch turns it into an error envelope; the client throws it again in the page.
 * The code also leads the message (`invalid_token: …`) because Electron's contextBridge keeps only the
 * message of an error crossing into the page: read it with `errorCodeOf`. `detail` must hold no secret.
 */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'ContractError';
    this.code = code;
    this.detail = detail;
  }
}

/** The contract error code of anything thrown by the API, also after it crossed the contextBridge. */
export function errorCodeOf(error: unknown): ErrorCode | null {
  const own = ErrorCode.safeParse((error as { code?: unknown } | null)?.code);
  if (own.success) return own.data;
  const message = error instanceof Error ? error.message : '';
  const prefixed = ErrorCode.safeParse(/^(?:Error: )?([a-z_]+): /.exec(message)?.[1]);
  return prefixed.success ? prefixed.data : null;
}
