import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch.ts';
import { ContractError, errorCodeOf } from '../../../shared/contract-error.ts';
import { createClient } from '../../../shared/client.ts';
import { CHANNELS, type Handlers } from '../../../shared/contract.ts';

const row = {
  id: 1, startedAt: 1, state: 'done', phone: '79243555100', code: '1234', codeSource: 'own', outcome: 'sent', delivery: 'sent',
  httpStatus: 200, status: true, statusInfo: 'send ok', operatorName: 'x', channel: 'telegram', apiId: 5, error: null,
  durationMs: 3, reportedCode: null, reportedPhone: null, retryAfterS: null, mode: 'sandbox', sentBy: 'op', osUser: 'op', host: 'desk', blockedBy: null, apiBase: null, check: null, providerStatus: null, codeHidden: false, codeWithheld: false,
};

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const missing = () => Promise.reject(new Error('not used in this test'));
  return Object.fromEntries(CHANNELS.map((channel) => [channel, overrides[channel] ?? missing])) as unknown as Handlers;
}

describe('createClient', () => {
  it('exposes one method per channel, grouped by namespace', () => {
    const api = createClient(async () => ({ ok: true, value: null }));
    for (const channel of CHANNELS) {
      const [namespace, method] = channel.split(':') as [string, string];
      expect(typeof (api as unknown as Record<string, Record<string, unknown>>)[namespace]?.[method]).toBe('function');
    }
  });

  it('rejects malformed requests before anything is sent', async () => {
    const invoke = vi.fn();
    const api = createClient(invoke);
    await expect(api.send.code({ phone: '79243555100', code: '12345' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(api.send.code({ phone: 'x'.repeat(65) })).rejects.toBeInstanceOf(ContractError);
    await expect(api.history.page({ query: {}, offset: -1, limit: 10 })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(api.settings.update({ apiBaseUrl: 'http://evil.example/api' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(api.settings.update({ timeoutMs: 10 })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('validates replies and turns error envelopes into ContractError', async () => {
    const api = createClient(async (channel) => {
      if (channel === 'send:code') return { ok: true, value: { ...row, phone: 42 } };
      return { ok: false, error: { code: 'invalid_token', message: 'token format' } };
    });
    await expect(api.send.code({ phone: '79243555100' })).rejects.toMatchObject({ code: 'internal' });
    await expect(api.token.set({ token: 'x' })).rejects.toMatchObject({ code: 'invalid_token', message: 'invalid_token: token format' });
  });
});

describe('dispatch', () => {
  it('rejects unknown channels and malformed requests without calling a handler', async () => {
    const send = vi.fn();
    const handlers = handlersWith({ 'send:code': send });
    expect(await dispatch(handlers, 'shell:openExternal', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, 'send:code', { phone: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, 'send:code', { phone: '1', code: '../x' })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'send:code', { phone: '1', extra: 'unexpected' })).toMatchObject({ ok: false });
    expect(send).not.toHaveBeenCalled();
  });

  it('passes validated input, validates the answer, and maps errors', async () => {
    const send = vi.fn(async () => row as never);
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const ok = await dispatch(handlersWith({ 'send:code': send }), 'send:code', { phone: '79243555100' }, log);
    expect(ok).toEqual({ ok: true, value: row });
    expect(send).toHaveBeenCalledWith({ phone: '79243555100' });

    const named = handlersWith({ 'token:set': async () => Promise.reject(new ContractError('invalid_token', 'bad format')) });
    expect(await dispatch(named, 'token:set', { token: 'x' })).toEqual({ ok: false, error: { code: 'invalid_token', message: 'bad format' } });

    const broken = handlersWith({ 'app:info': async () => ({ nonsense: true }) as never });
    expect(await dispatch(broken, 'app:info', undefined, log)).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    expect(log.error).toHaveBeenCalled();
  });

  it('carries a full round trip through createClient', async () => {
    const handlers = handlersWith({ 'send:code': async () => row as never });
    const api = createClient((channel, request) => dispatch(handlers, channel, request));
    expect(await api.send.code({ phone: '+7 924 355-51-00' })).toEqual(row);
  });
});

describe('errorCodeOf', () => {
  it('reads the code from a ContractError, and from its message alone after the contextBridge copied it', async () => {
    const api = createClient(async () => ({ ok: false, error: { code: 'invalid_settings', message: 'timeoutMs' } }));
    const error = await api.settings.update({ timeoutMs: 5000 }).catch((caught: unknown) => caught);
    expect(errorCodeOf(error)).toBe('invalid_settings');
    // What the page receives from Electron: a new Error with the same message and nothing else.
    expect(errorCodeOf(new Error((error as Error).message))).toBe('invalid_settings');
    expect(errorCodeOf(new Error('boom'))).toBeNull();
    expect(errorCodeOf(new Error('made_up: x'))).toBeNull();
    expect(errorCodeOf(null)).toBeNull();
  });
});
