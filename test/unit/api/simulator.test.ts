import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TOKEN, startSimulator, TOKEN_ECHOES, type Simulator, type TokenEcho } from '../../../electron/core/api/simulator.ts';

let sim: Simulator | null = null;
/** With letters, so that its upper-case form differs. */
const LETTERED_TOKEN = '5b0c9e4d-8a7f-4e21-b3c6-d9e8f7a6b5c4';
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function get(path: string): Promise<{ status: number; body: { success: boolean; error: string; data: Record<string, unknown> } }> {
  const res = await fetch(`${sim!.baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Awaited<ReturnType<typeof get>>['body'] };
}

describe('simulator', () => {
  it('answers as the API page documents, with increasing ids and the given code', async () => {
    sim = await startSimulator();
    const first = await get(`/${SANDBOX_TOKEN}/get_tg_code/79243555100/?code=0000`);
    const second = await get(`/${SANDBOX_TOKEN}/get_tg_code/89243555100`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, error: '', data: { phone: '79243555100', code: '0000', channel: 'telegram', status: true, status_info: 'send ok' } });
    expect(second.body.data.code).toMatch(/^\d{4}$/);
    expect(Number(second.body.data.id)).toBe(Number(first.body.data.id) + 1);
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/authcalls$/);
  });

  it('returns the documented 400 and 401', async () => {
    sim = await startSimulator();
    expect(await get(`/${SANDBOX_TOKEN}/get_tg_code/12345/`)).toEqual({
      status: 400,
      body: { success: false, error: 'does not match the format 89XXXXXXXXX or phone field is missing', data: {} },
    });
    expect(await get(`/00000000-0000-4000-8000-000000000001/get_tg_code/79243555100/`)).toEqual({
      status: 401,
      body: { success: false, error: 'Unauthorized token', data: {} },
    });
  });

  it('enforces an optional per-phone daily limit that resets the next day', async () => {
    let today = new Date('2026-11-28T10:00:00Z');
    sim = await startSimulator({ dailyLimit: 2, now: () => today });
    const path = `/${SANDBOX_TOKEN}/get_tg_code/79243555100/`;
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).status).toBe(200);
    expect((await get(path)).status).toBe(429);
    expect((await get(`/${SANDBOX_TOKEN}/get_tg_code/79243555101/`)).status).toBe(200);
    today = new Date('2026-11-29T10:00:00Z');
    expect((await get(path)).status).toBe(200);
  });

  it('applies queued faults once each, then behaves again, and adds latency', async () => {
    sim = await startSimulator();
    sim.queueFaults('server_error', 'rate_limited');
    const path = `/${SANDBOX_TOKEN}/get_tg_code/79243555100/`;
    expect((await get(path)).status).toBe(500);
    expect((await get(path)).status).toBe(429);
    expect((await get(path)).status).toBe(200);
    sim.setLatency(150);
    const started = performance.now();
    await get(path);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(sim.requests).toHaveLength(4);
  });

  it('maps sandbox scenario numbers to outcomes', async () => {
    sim = await startSimulator();
    expect((await get(`/${SANDBOX_TOKEN}/get_tg_code/79000000429/`)).status).toBe(429);
    expect((await get(`/${SANDBOX_TOKEN}/get_tg_code/79000000401/`)).status).toBe(401);
    expect((await get(`/${SANDBOX_TOKEN}/get_tg_code/79000000500/`)).status).toBe(500);
    await expect(fetch(`${sim.baseUrl}/${SANDBOX_TOKEN}/get_tg_code/79000000444/`)).rejects.toThrow();
  });

  it('keeps a bounded record: exactly the newest requests once more than it holds were made', async () => {
    sim = await startSimulator({ keepRequests: 5 });
    for (let index = 0; index < 12; index++) await get(`/${SANDBOX_TOKEN}/get_tg_code/7924355${String(index).padStart(4, '0')}/`);
    expect(sim.requests.map((request) => request.phone)).toEqual(['79243550007', '79243550008', '79243550009', '79243550010', '79243550011']);
    sim.reset();
    expect(sim.requests).toEqual([]);
  });

  it('keeps 500 requests by default', async () => {
    sim = await startSimulator();
    for (let index = 0; index < 501; index++) await get(`/${SANDBOX_TOKEN}/get_tg_code/7924355${String(index).padStart(4, '0')}/`);
    expect(sim.requests).toHaveLength(500);
    expect(sim.requests[0]?.phone).toBe('79243550001');
  });

  it('keeps no record of a request with a wrong token', async () => {
    sim = await startSimulator();
    expect((await get(`/00000000-0000-4000-8000-000000000001/get_tg_code/79243555100/`)).status).toBe(401);
    // A malformed escape is a wrong token too, not an exception in the request handler.
    expect((await get(`/%E0%A4%A/get_tg_code/79243555100/`)).status).toBe(401);
    expect(sim.requests).toEqual([]);
    expect((await get(`/${SANDBOX_TOKEN}/get_tg_code/79000000401/`)).status).toBe(401);
    expect(sim.requests).toEqual([{ method: 'GET', phone: '79000000401', code: null }]);
  });

  it.each(Object.keys(TOKEN_ECHOES) as TokenEcho[])('echoes the token as %s in error text and in a success, when told', async (echo) => {
    sim = await startSimulator({ tokens: [LETTERED_TOKEN] });
    const form = TOKEN_ECHOES[echo](LETTERED_TOKEN);
    sim.queueFaults(`echo_error_${echo}`, `echo_success_${echo}`);
    const path = `/${LETTERED_TOKEN}/get_tg_code/79243555100/`;
    const error = await get(path);
    expect(error).toMatchObject({ status: 401, body: { success: false } });
    expect(error.body.error).toContain(form);
    const success = await get(path);
    expect(success.body).toMatchObject({ success: true, data: { status: true } });
    expect(success.body.data.status_info).toContain(form);
    expect(success.body.data.operator_name).toContain(form);
  });

  it('echoes the token in as many different forms as it names', () => {
    const forms = Object.values(TOKEN_ECHOES).map((echo) => echo(LETTERED_TOKEN));
    expect(new Set(forms).size).toBe(forms.length);
  });
});
