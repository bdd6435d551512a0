import { ErrorCode, ErrorFacts } from './contract.ts';

/**
 * A failure the renderer can name, on both sides: main throws it for expected refusals (a bad phone, a
 * malformed token) and dispatch turns it into an error envelope; the client throws it again in the page.
 * The code also leads the message (`invalid_token: …`) because Electron's contextBridge keeps only the
 * message of an error crossing into the page: read it with `errorCodeOf`. `detail` must hold no secret.
 */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  /** Figures the renderer needs to word the refusal (e.g. when the older code was sent); no secrets. */
  readonly facts: ErrorFacts | null;
  constructor(code: ErrorCode, detail: string, facts: ErrorFacts | null = null) {
    // The facts ride at the end of the message too, as JSON, so they survive the contextBridge.
    super(`${code}: ${detail}${facts === null ? '' : ` ${JSON.stringify(facts)}`}`);
    this.name = 'ContractError';
    this.code = code;
    this.detail = detail;
    this.facts = facts;
  }
}

/** The facts of anything thrown by the API, also after it crossed the contextBridge; null when none. */
export function errorFactsOf(error: unknown): ErrorFacts | null {
  const own = ErrorFacts.safeParse((error as { facts?: unknown } | null)?.facts);
  if (own.success) return own.data;
  const message = error instanceof Error ? error.message : '';
  const tail = /(\{[^{}]*\})$/.exec(message)?.[1];
  if (tail === undefined) return null;
  try {
    const parsed = ErrorFacts.safeParse(JSON.parse(tail));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
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
