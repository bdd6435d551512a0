import { Token } from '../../../shared/token-schema.ts';
import { UnsafeRequestError } from './unsafe-request-error.ts';

export type AccountAction = { action: 'get_status'; id: number } | { action: 'get_balance' } | { action: 'get_billing_record'; count: number };

/** The most transactions one get_billing_record asks for (the provider documents no limit; its example asks for 50). */
export const MAX_BILLING_RECORDS = 1000;

/**
 * The URL of a read-only account request (get_status/{id}, get_balance, get_billing_record/{N}), from
 * validated parts only, like a send's: the token must be token-shaped, the id a positive safe integer,
 * N a positive integer within MAX_BILLING_RECORDS, and the result must
 * stay on the base's origin and on the action's path. The message of the error never holds the token.
 */
export function buildAccountUrl(baseUrl: string | URL, token: string, request: AccountAction): URL {
  if (!Token.safeParse(token).success) throw new UnsafeRequestError('token has an invalid format');
  const base = typeof baseUrl === 'string' ? new URL(baseUrl) : baseUrl;
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new UnsafeRequestError('base URL must be http(s)');
  let tail: string;
  if (request.action === 'get_status') {
    if (!Number.isSafeInteger(request.id) || request.id <= 0) throw new UnsafeRequestError('id is not a positive integer');
    tail = `get_status/${request.id}/`;
  } else if (request.action === 'get_billing_record') {
    if (!Number.isSafeInteger(request.count) || request.count < 1 || request.count > MAX_BILLING_RECORDS) {
      throw new UnsafeRequestError('count is not a positive integer within the limit');
    }
    tail = `get_billing_record/${request.count}/`;
  } else {
    tail = 'get_balance/';
  }
  const path = `${base.pathname.replace(/\/+$/, '')}/${encodeURIComponent(token.trim())}/${tail}`;
  const url = new URL(`${base.origin}${path}`);
  if (url.pathname !== path || url.search !== '' || url.hash !== '' || url.origin !== base.origin) {
    throw new UnsafeRequestError('request URL would leave the action path');
  }
  return url;
}
