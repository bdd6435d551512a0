import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUpdateController, type UpdateEngine } from '../../../electron/core/update/update-controller.ts';
import type { UpdateEvent } from '../../../electron/core/update/update-state.ts';
import type { LogPort } from '../../../electron/core/ports.ts';

const FIRST = 30_000;
const INTERVAL = 4 * 60 * 60 * 1000;

/** An engine whose feed answers as each test says; it records what the controller asked of it. */
function fakeEngine() {
  let emit: (event: UpdateEvent) => void = () => undefined;
  const engine = {
    checks: 0,
    installs: 0,
    answer: [] as UpdateEvent[] | Error,
    check: vi.fn(async () => {
      engine.checks += 1;
      if (engine.answer instanceof Error) {
        emit({ type: 'error', message: engine.answer.message });
        throw engine.answer;
      }
      for (const event of engine.answer) emit(event);
    }),
    install: vi.fn(() => void (engine.installs += 1)),
    subscribe: (listener: (event: UpdateEvent) => void) => void (emit = listener),
    emit: (event: UpdateEvent) => emit(event),
  };
  return engine satisfies UpdateEngine;
}

function fakeLog() {
  const lines: { level: string; event: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (event: string, fields?: Record<string, unknown>) => void lines.push({ level, event, ...(fields ? { fields } : {}) });
  return { lines, port: { info: at('info'), warn: at('warn'), error: at('error') } satisfies LogPort };
}

let engine: ReturnType<typeof fakeEngine>;
let log: ReturnType<typeof fakeLog>;
let sending = false;

const controller = (withEngine = true) =>
  createUpdateController({ engine: withEngine ? engine : null, offReason: 'no update feed set at build time (TGCODE_UPDATE_URL)', log: log.port, busy: () => sending });

beforeEach(() => {
  vi.useFakeTimers();
  engine = fakeEngine();
  log = fakeLog();
  sending = false;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('update schedule', () => {
  it('checks once shortly after start, then every four hours', async () => {
    engine.answer = [{ type: 'not-available' }];
    const updates = controller();
    updates.start();
    await vi.advanceTimersByTimeAsync(FIRST - 1);
    expect(engine.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(engine.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.checks).toBe(2);
    updates.stop();
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(engine.checks).toBe(2);
  });

  it('does not check again while a download is under way or once an update is ready', async () => {
    engine.answer = [{ type: 'available', version: '0.2.0' }];
    const updates = controller();
    updates.start();
    await vi.advanceTimersByTimeAsync(FIRST + INTERVAL);
    expect(engine.checks).toBe(1);
    expect(await updates.handlers['update:status'](undefined)).toEqual({ state: 'downloading', version: '0.2.0' });
    engine.emit({ type: 'downloaded', version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    expect(engine.checks).toBe(1);
    updates.stop();
  });

  it('tries again at the next interval after a failed check, and logs the failure once', async () => {
    engine.answer = new Error('getaddrinfo ENOTFOUND updates.example');
    const updates = controller();
    updates.start();
    await vi.advanceTimersByTimeAsync(FIRST);
    expect(await updates.handlers['update:status'](undefined)).toEqual({ state: 'error', version: null });
    expect(log.lines.filter((line) => line.event === 'update.error')).toEqual([
      { level: 'warn', event: 'update.error', fields: { message: 'getaddrinfo ENOTFOUND updates.example' } },
    ]);
    engine.answer = [{ type: 'not-available' }];
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(engine.checks).toBe(2);
    expect(await updates.handlers['update:status'](undefined)).toEqual({ state: 'idle', version: null });
    updates.stop();
  });

  it('counts a check that rejects without an error event as a failure too', async () => {
    const updates = controller();
    engine.check.mockRejectedValueOnce(new Error('feed unreadable'));
    updates.start();
    await vi.advanceTimersByTimeAsync(FIRST);
    expect(await updates.handlers['update:status'](undefined)).toEqual({ state: 'error', version: null });
    expect(log.lines.at(-1)).toEqual({ level: 'warn', event: 'update.error', fields: { message: 'feed unreadable' } });
    updates.stop();
  });

  it('logs each outcome: check, found, ready', async () => {
    engine.answer = [{ type: 'checking' }, { type: 'available', version: '0.2.0' }, { type: 'downloaded', version: '0.2.0' }];
    const updates = controller();
    updates.start();
    await vi.advanceTimersByTimeAsync(FIRST);
    expect(log.lines).toEqual([
      { level: 'info', event: 'update.check' },
      { level: 'info', event: 'update.available', fields: { version: '0.2.0' } },
      { level: 'info', event: 'update.ready', fields: { version: '0.2.0' } },
    ]);
    updates.stop();
  });
});

describe('without a feed', () => {
  it('is off: never checks, says so in the log, and never restarts', async () => {
    const updates = controller(false);
    updates.start();
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    expect(engine.checks).toBe(0);
    expect(await updates.handlers['update:status'](undefined)).toEqual({ state: 'off', version: null });
    expect(await updates.handlers['update:restart'](undefined)).toEqual({ restarting: false, reason: 'not_ready' });
    expect(log.lines).toEqual([{ level: 'info', event: 'update.off', fields: { reason: 'no update feed set at build time (TGCODE_UPDATE_URL)' } }]);
  });
});

describe('restart to update', () => {
  async function ready() {
    engine.answer = [{ type: 'available', version: '0.2.0' }, { type: 'downloaded', version: '0.2.0' }];
    const updates = controller();
    updates.start();
    await vi.advanceTimersByTimeAsync(FIRST);
    updates.stop();
    return updates;
  }

  it('installs a ready update when no send is under way', async () => {
    const updates = await ready();
    expect(await updates.handlers['update:restart'](undefined)).toEqual({ restarting: true, reason: null });
    expect(engine.installs).toBe(1);
    expect(log.lines.at(-1)).toEqual({ level: 'info', event: 'update.restart', fields: { version: '0.2.0' } });
  });

  it('never restarts during a send', async () => {
    const updates = await ready();
    sending = true;
    expect(await updates.handlers['update:restart'](undefined)).toEqual({ restarting: false, reason: 'sending' });
    expect(engine.installs).toBe(0);
    sending = false;
    expect(await updates.handlers['update:restart'](undefined)).toEqual({ restarting: true, reason: null });
  });

  it('refuses while nothing is downloaded yet', async () => {
    engine.answer = [{ type: 'available', version: '0.2.0' }];
    const updates = controller();
    updates.start();
    await vi.advanceTimersByTimeAsync(FIRST);
    expect(await updates.handlers['update:restart'](undefined)).toEqual({ restarting: false, reason: 'not_ready' });
    expect(engine.installs).toBe(0);
    updates.stop();
  });

  it('a later failed check does not take back a ready update', async () => {
    const updates = await ready();
    engine.emit({ type: 'error', message: 'feed down' });
    expect(await updates.handlers['update:status'](undefined)).toEqual({ state: 'ready', version: '0.2.0' });
  });
});
