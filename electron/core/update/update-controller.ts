import type { Handlers } from '../../../shared/contract.ts';
import type { RestartResult, UpdateStatus } from '../../../shared/update-schema.ts';
import type { LogPort } from '../ports.ts';
import { nextUpdateStatus, type UpdateEvent } from './update-state.ts';

/** The part of the updater that needs Electron (electron/main/auto-updater.ts wraps electron-updater). */
export interface UpdateEngine {
  /** Asks the feed for a newer version; one found downloads by itself. Progress arrives as events. */
  check(): Promise<void>;
  /** Quits the app and installs the downloaded version. */
  install(): void;
  subscribe(listener: (event: UpdateEvent) => void): void;
}

export interface UpdateControllerOptions {
  /** Null when updates are off; `offReason` then says why, for the log. */
  engine: UpdateEngine | null;
  offReason: string;
  log: LogPort;
  /** True while a send is under way: the app never restarts then. */
  busy: () => boolean;
  /** The first check waits a little, so it does not compete with start-up. */
  firstCheckMs?: number;
  intervalMs?: number;
}

export type UpdateHandlers = Pick<Handlers, 'update:status' | 'update:restart'>;

export interface UpdateController {
  handlers: UpdateHandlers;
  /** Schedules the first check and the periodic ones. */
  start(): void;
  stop(): void;
}

const FIRST_CHECK_MS = 30_000;
const INTERVAL_MS = 4 * 60 * 60 * 1000;

function logEvent(event: UpdateEvent, log: LogPort): void {
  if (event.type === 'checking') log.info('update.check');
  else if (event.type === 'available') log.info('update.available', { version: event.version });
  else if (event.type === 'not-available') log.info('update.none');
  else if (event.type === 'downloaded') log.info('update.ready', { version: event.version });
  else log.warn('update.error', { message: event.message });
}

/**
 * When to look for an update, what the header shows, and whether "restart to update" may restart now.
 * Plain Node: the engine is injected, so the whole policy is unit-tested without Electron.
 */
export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { engine, log } = options;
  let status: UpdateStatus = { state: engine ? 'idle' : 'off', version: null };
  let timer: ReturnType<typeof setTimeout> | null = null;

  const apply = (event: UpdateEvent): void => {
    const before = status;
    status = nextUpdateStatus(status, event);
    if (status.state !== before.state || status.version !== before.version) logEvent(event, log);
  };

  const check = (): void => {
    if (!engine || status.state === 'checking' || status.state === 'downloading' || status.state === 'ready') return;
    apply({ type: 'checking' });
    engine.check().catch((error: unknown) => {
      // electron-updater both emits `error` and rejects; the state tells whether it was already counted.
      if (status.state === 'checking') apply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    });
  };

  const schedule = (delay: number): void => {
    timer = setTimeout(() => {
      check();
      schedule(options.intervalMs ?? INTERVAL_MS);
    }, delay);
    // A pending check never keeps the process alive on its own.
    timer.unref?.();
  };

  engine?.subscribe(apply);

  return {
    handlers: {
      'update:status': async () => status,
      'update:restart': async (): Promise<RestartResult> => {
        if (status.state !== 'ready' || !engine) return { restarting: false, reason: 'not_ready' };
        if (options.busy()) {
          log.info('update.restart.deferred', { reason: 'a send is under way' });
          return { restarting: false, reason: 'sending' };
        }
        log.info('update.restart', { version: status.version });
        engine.install();
        return { restarting: true, reason: null };
      },
    },
    start: () => {
      if (!engine) {
        log.info('update.off', { reason: options.offReason });
        return;
      }
      schedule(options.firstCheckMs ?? FIRST_CHECK_MS);
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
