import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Handlers } from '../../shared/contract.ts';
import { ContractError } from '../../shared/contract-error.ts';
import type { Language } from '../../shared/settings-schema.ts';
import { openHistoryLog } from './history/history-log.ts';
import { writeCsvExport } from './history/history-export.ts';
import { openStoreSafely, type KeyValueStore } from './settings/key-value-store.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { overridesInForce, QA_SWITCH, type RuntimeEnv } from './runtime-env.ts';
import type { DeskIdentity } from './desk-identity.ts';
import { createService } from './service.ts';
import { lockedKeys, readPolicy, withPolicy } from './settings/policy.ts';
import { createSettingsStore } from './settings/settings-store.ts';
import { startSimulator, type Simulator } from './api/simulator.ts';
import { createTokenVault, type Cipher } from './vault/token-vault.ts';
import { createUpdateController, type UpdateEngine } from './update/update-controller.ts';
import { trackSends } from './update/sends-in-flight.ts';

export interface AppCoreOptions {
  version: string;
  dataDir: string;
  env: RuntimeEnv;
  cipher: Cipher;
  /** electron-store in the app, conf in the test host: the same engine. */
  openStore: (name: 'settings' | 'vault') => KeyValueStore;
  chooseExportFile: (suggestedName: string) => Promise<string | null>;
  defaultOperatorName: string;
  /** The OS account and host name, read by the shell with readDeskIdentity(). */
  identity: DeskIdentity;
  /** Tests pin the clock and the zone the daily cap counts days in. */
  now?: () => number;
  timeZone?: string;
  /** The machine-wide policy file the shell chose for this OS (policy-file.ts), or null for none. */
  policyFile: string | null;
  /** The app's own updates: an engine when a feed was set at build time, else null and why (for the log). */
  updates?: { engine: UpdateEngine | null; offReason: string };
}

export interface AppCore {
  handlers: Handlers;
  log: Logger;
  /** The built-in simulator, once sandbox mode has started it. */
  sandboxSimulator(): Simulator | null;
  /** The interface language now, for what the shell itself shows (an OS dialog). */
  language(): Language;
  close(): Promise<void>;
}

const APP_FILES = ['history', 'logs', 'settings.json', 'vault.json'];

function isAppDataFile(dataDir: string, file: string): boolean {
  const target = path.resolve(file);
  return APP_FILES.some((name) => {
    const own = path.join(path.resolve(dataDir), name);
    return target === own || target.startsWith(own + path.sep);
  });
}

/**
 * Wires the whole main-process side from its parts. The Electron shell and the test host both call
 * this, so the browser tests exercise exactly what the app runs.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const { dataDir, env } = options;
  // Phone numbers and codes live here: only this OS user may read it (applies when the folder is created).
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const open = (name: 'settings' | 'vault') => openStoreSafely(() => options.openStore(name), path.join(dataDir, `${name}.json`));

  const vaultStore = open('vault');
  const vault = createTokenVault(vaultStore.store, options.cipher);
  const log = createLogger({
    dir: path.join(dataDir, 'logs'),
    // Stored and session tokens are UUID-shaped, so the logger redacts them without reading the vault.
    secrets: () => (env.token === null ? [] : [env.token]),
  });
  const settingsStore = open('settings');
  const policy = readPolicy(options.policyFile);
  const settings = withPolicy(createSettingsStore(settingsStore.store, { operatorName: options.defaultOperatorName }, { recovered: settingsStore.recovered }), policy);
  if (vaultStore.recovered) log.warn('vault.recovered', { reason: 'unreadable vault file set aside' });
  if (policy.state === 'invalid') log.error('policy.invalid', { file: policy.file, reason: policy.reason });
  else if (policy.state === 'active') log.info('policy.active', { file: policy.file, locked: lockedKeys(policy) });

  const history = await openHistoryLog(path.join(dataDir, 'history', 'history.jsonl'), options.now === undefined ? {} : { now: options.now });
  let simulator: Promise<Simulator> | null = null;
  let started: Simulator | null = null;
  const sandboxBaseUrl = async () => {
    simulator ??= startSimulator().then((sim) => (started = sim));
    return (await simulator).baseUrl;
  };

  const service = createService({
    version: options.version,
    env,
    settings,
    vault,
    history,
    log,
    identity: options.identity,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    sandboxBaseUrl,
    chooseExportFile: async (suggestedName) => {
      const file = await options.chooseExportFile(suggestedName);
      // An export written over the history or the vault would destroy them while they are open.
      if (file !== null && isAppDataFile(dataDir, file)) throw new ContractError('invalid_request', 'an export cannot replace the app’s own files');
      return file;
    },
    writeExport: (file, records) => {
      const { csvDelimiter, language } = settings.get().settings;
      return writeCsvExport(file, records, { delimiter: csvDelimiter, language });
    },
  });
  const sends = trackSends(service.handlers['send:code']);
  const updates = createUpdateController({
    engine: options.updates?.engine ?? null,
    offReason: options.updates?.offReason ?? 'not an installed build',
    log,
    busy: sends.busy,
  });
  updates.start();
  // In the background: the first page of the history does not wait for old records to go.
  void service.applyRetention();
  void service.resumeStatusPolls().catch((error: unknown) => log.warn('status.resume_failed', { error: error instanceof Error ? error.message : String(error) }));
  log.info('app.start', { version: options.version, tokenFrom: (await service.handlers['token:status'](undefined)).state, overrides: overridesInForce(env) });
  // Names only: a packaged build started without the QA switch says what it did not use.
  if (env.ignored.length > 0) log.warn('env.ignored', { variables: env.ignored, reason: `packaged build started without ${QA_SWITCH}` });

  return {
    handlers: { ...service.handlers, 'send:code': sends.send, ...updates.handlers },
    log,
    sandboxSimulator: () => started,
    language: () => settings.get().settings.language,
    close: async () => {
      updates.stop();
      service.close();
      await history.close();
      await started?.close();
      await log.flush();
    },
  };
}
