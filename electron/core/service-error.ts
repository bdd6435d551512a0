import type { ErrorCode } from '../../shared/contract.ts';

/** An expected failure that the renderer can name; its message is for logs and must hold no secret. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
  }
}
