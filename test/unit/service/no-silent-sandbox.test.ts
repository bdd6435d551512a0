import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import type { HistoryPort } from '../../../electron/core/ports.ts';
import { TOKEN, useServiceHarness, type StartOptions } from './fixtures/service-harness.ts';

const h = useServiceHarness();
const start = (options?: StartOptions) => h.start(options);

const send = (handlers: ReturnType<typeof start>) => handlers['send:code']({ phone: '79243555100', code: '1234' });
const nothingLeft = () => {
  expect(h.sandbox.requests).toEqual([]);
  expect(h.api.requests).toEqual([]);
};

describe('production without a usable token refuses; the simulator is never a silent stand-in', () => {
  it('uses the sandbox on a first run, before any choice, and says why', async () => {
    const handlers = start();
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'sandbox', sandboxReason: 'first_run' });
    expect(await send(handlers)).toMatchObject({ mode: 'sandbox', outcome: 'sent' });
    expect(h.sandbox.requests).toHaveLength(1);
  });

  it('refuses with "enter the token" once production is chosen and no token was ever set, and records the attempt', async () => {
    const handlers = start();
    await handlers['settings:update']({ mode: 'production' });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'production', sandboxReason: null });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
    const { records, total } = await h.history.page({}, 0, 10);
    expect(total).toBe(1);
    // Not sent, and the own code that never went anywhere is not kept as if it had.
    expect(records[0]).toMatchObject({ state: 'done', outcome: 'no_token', delivery: 'not_sent', mode: 'production', phone: '79243555100', code: null, httpStatus: null });
    // Still so after a restart: the choice is main's, not the renderer's.
    await expect(send(start())).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
  });

  it('refuses after the token is removed, even though no mode was ever picked', async () => {
    const handlers = start();
    await handlers['settings:update']({ apiBaseUrl: h.api.baseUrl });
    await handlers['token:set']({ token: TOKEN });
    await handlers['token:remove'](undefined);
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
  });

  it('refuses after an address change removed the token of an install from before the first-run record', async () => {
    // A stored token from an older version: no first-run record in settings.json.
    const first = start();
    await first['settings:update']({ apiBaseUrl: h.api.baseUrl });
    await first['token:set']({ token: TOKEN });
    const settingsFile = new Conf<Record<string, unknown>>({ cwd: h.dir, configName: 'settings', clearInvalidConfig: false });
    settingsFile.delete('firstRunDone');

    const handlers = start();
    await handlers['settings:update']({ apiBaseUrl: 'http://127.0.0.1:9/elsewhere' });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'production', sandboxReason: null });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
  });

  it('uses the sandbox when the operator chose it, token or not', async () => {
    const handlers = start();
    await handlers['settings:update']({ mode: 'sandbox', apiBaseUrl: h.api.baseUrl });
    await handlers['token:set']({ token: TOKEN });
    expect(await handlers['app:info'](undefined)).toMatchObject({ mode: 'sandbox', sandboxReason: 'chosen' });
    expect(await send(handlers)).toMatchObject({ mode: 'sandbox' });
    expect(h.api.requests).toEqual([]);
  });

  it('refuses every send without a token by name, however often: such refusals are not sends the guards count', async () => {
    const handlers = start();
    await handlers['settings:update']({ mode: 'production' });
    for (let i = 0; i < 7; i++) await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    nothingLeft();
    const { records } = await h.history.page({}, 0, 10);
    expect(records.map((record) => record.outcome)).toEqual(Array(7).fill('no_token'));
    expect(await handlers['send:guard']({ phone: '79243555100' })).toMatchObject({ sentToday: 0, lastSentAt: null, blocked: null });
  });

  it('reconciles where a send would go: refused by name without a token, never asked of the simulator', async () => {
    const handlers = start();
    await handlers['settings:update']({ mode: 'production', apiBaseUrl: h.api.baseUrl });
    await expect(handlers['reconcile:run'](undefined)).rejects.toMatchObject({ code: 'token_missing' });
    expect(h.sandbox.billingRequests).toEqual([]);
    expect(h.api.billingRequests).toEqual([]);
    await handlers['token:set']({ token: TOKEN });
    expect(await handlers['reconcile:run'](undefined)).toMatchObject({ mode: 'production', outcome: 'clear' });
    expect(h.api.billingRequests).toEqual([100]);
    expect(h.sandbox.billingRequests).toEqual([]);
  });

  it('still refuses by name when the history cannot record the refusal', async () => {
    const failing: HistoryPort = {
      begin: () => Promise.reject(new Error('ENOSPC: no space left on device')),
      complete: (id, completion) => h.history.complete(id, completion),
      page: (query, offset, limit) => h.history.page(query, offset, limit),
      get: (id) => h.history.get(id),
      iterate: (query) => h.history.iterate(query),
      sendTimesSince: (phone, since) => h.history.sendTimesSince(phone, since),
      summary: (query) => h.history.summary(query),
      clear: () => h.history.clear(),
      applyRetention: (days) => h.history.applyRetention(days),
      update: (id, change) => h.history.update(id, change),
      spent: (query) => h.history.spent(query),
    };
    const handlers = start({ history: failing });
    await handlers['settings:update']({ mode: 'production' });
    await expect(send(handlers)).rejects.toMatchObject({ code: 'token_missing' });
    expect(h.log.error).toHaveBeenCalledWith('history.refusal_failed', expect.objectContaining({ problem: 'none' }));
    nothingLeft();
  });
});

describe('the environment overrides in force are named to the renderer, never their values', () => {
  it('lists them in app:info', async () => {
    const handlers = start({ env: { token: TOKEN, apiBase: h.api.baseUrl } });
    const info = await handlers['app:info'](undefined);
    expect(info).toMatchObject({ mode: 'production', overrides: ['apiBase', 'token'] });
    expect(JSON.stringify(info)).not.toContain(TOKEN);
    expect((await start()['app:info'](undefined)).overrides).toEqual([]);
  });
});
