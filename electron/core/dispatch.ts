import type { z } from 'zod';
import { contract, type Channel, type Envelope, type Handlers } from '../../shared/contract.ts';
import type { LogPort } from './ports.ts';
import { ContractError } from '../../shared/contract-error.ts';

function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/**
 * Runs one request from the renderer: validates it against the contract, calls the handler, validates
 * the answer and wraps it. Used by the IPC shell and by the test host alike, so both behave the same.
 */
export async function dispatch(handlers: Handlers, channel: string, raw: unknown, log?: LogPort): Promise<Envelope> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'invalid_request', message: 'unknown channel' } };
  const schema = contract[channel];
  const request = (schema.request as z.ZodType).safeParse(raw);
  if (!request.success) return { ok: false, error: { code: 'invalid_request', message: `${channel}: request does not match the contract` } };
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const value = (schema.response as z.ZodType).parse(await handler(request.data));
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ContractError) return { ok: false, error: { code: error.code, message: error.detail, ...(error.facts === null ? {} : { facts: error.facts }) } };
    log?.error('ipc.failed', { channel, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: { code: 'internal', message: 'internal error' } };
  }
}
