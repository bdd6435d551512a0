import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Electron ≥ 42 downloads its binary lazily, and electron-vite only looks for the package's path.txt, so
 * `npm start` on a fresh clone would stop at "Electron uninstall". This runs the package's own installer
 * (install.js: @electron/get with the package's checksums, then extraction to dist/ and path.txt), watches
 * it, bounds it in time and turns its failures into a message that says what to do.
 */
export interface InstallOptions {
  /** The folder of the `electron` package whose installer runs. */
  packageDir: string;
  env: NodeJS.ProcessEnv;
  /** Give up when the download has not grown for this long. */
  stallMs?: number;
  /** Give up when no byte has arrived this long after the request left. */
  firstByteMs?: number;
  out?: (text: string) => void;
}

export class ElectronInstallError extends Error {
  override name = 'ElectronInstallError';
}

const STALL_MS = 60_000;
const FIRST_BYTE_MS = 30_000;
const POLL_MS = 250;
const PROGRESS_EVERY_MS = 2_000;

/** The binary electron-vite will start, or null while the package has none. */
export function installedBinary(packageDir: string, env: NodeJS.ProcessEnv): string | null {
  if (env.ELECTRON_EXEC_PATH) return existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

function packageVersion(packageDir: string): string {
  return (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Where @electron/get keeps downloads unless electron_config_cache moves it (env-paths' cache folder). */
export function cacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'electron');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron');
}

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Why the request failed, from the network's own error (install.js prints only "fetch failed"). */
async function probe(url: string): Promise<string> {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return `the server answered ${response.status} ${response.statusText}`;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
}

function explain(version: string, url: string | null, reason: string, env: NodeJS.ProcessEnv): string {
  const file = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  return [
    `Electron ${version} is not installed (node_modules/electron/path.txt is missing) and could not be downloaded.`,
    `  tried: ${url ?? 'the installer stopped before it made a request'}`,
    `  why:   ${reason}`,
    'Fix one of these, then run the command again:',
    `  - a company mirror: ELECTRON_MIRROR=https://mirror.example/electron/ (it must serve v${version}/${file};`,
    '    ELECTRON_CUSTOM_DIR / ELECTRON_CUSTOM_FILENAME when its layout differs)',
    '  - a proxy: HTTPS_PROXY=http://proxy.example:3128 (passed on to the download with NODE_USE_ENV_PROXY=1)',
    `  - the download cache ${cacheRoot(env)} (electron_config_cache moves it): copy it from a machine where this has run`,
    '  - an Electron already unpacked on this machine: ELECTRON_EXEC_PATH=/path/to/electron',
  ].join('\n');
}

/** The installer's own lines, without @electron/get's debug lines. */
function installerError(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !/^\S+ @electron\/get:/.test(line));
  return lines.find((line) => /error|fail/i.test(line))?.trim() ?? lines[0]?.trim() ?? 'the installer failed without a message';
}

function reasonFor(error: string): string {
  if (/did not match expected checksum|No checksum found/.test(error)) {
    return `${error} — the file is not the one Electron published; a mirror of self-built binaries needs electron_use_remote_checksums=1 and its own SHASUMS256.txt`;
  }
  return error;
}

/** The partial download in the installer's private temp folder (@electron/get's `electron-download-*`), if any. */
async function findDownload(temp: string): Promise<string | null> {
  const entries = await readdir(temp, { recursive: true }).catch(() => [] as string[]);
  const zip = entries.find((entry) => entry.endsWith('.zip'));
  return zip ? path.join(temp, zip) : null;
}

/** Runs the package's installer unless its binary is there; resolves to the binary's path. */
export async function ensureElectron(options: InstallOptions): Promise<string> {
  const { packageDir, env } = options;
  const present = installedBinary(packageDir, env);
  if (present) return present;
  if (env.ELECTRON_EXEC_PATH) throw new ElectronInstallError(`ELECTRON_EXEC_PATH is set to ${env.ELECTRON_EXEC_PATH}, which does not exist.`);

  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const stallMs = options.stallMs ?? STALL_MS;
  const firstByteMs = options.firstByteMs ?? FIRST_BYTE_MS;
  const version = packageVersion(packageDir);
  // A private temp folder, so the partial download can be watched (its name comes from the debug line).
  const temp = await mkdtemp(path.join(os.tmpdir(), 'tgcode-electron-install-'));
  const proxied = Boolean(env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy);
  const child = spawn(process.execPath, [path.join(packageDir, 'install.js')], {
    cwd: packageDir,
    env: {
      ...env,
      TMPDIR: temp,
      TMP: temp,
      TEMP: temp,
      DEBUG: '@electron/get:index',
      DEBUG_COLORS: '0',
      ELECTRON_GET_NO_PROGRESS: '1',
      ...(proxied && !env.NODE_USE_ENV_PROXY ? { NODE_USE_ENV_PROXY: '1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stderr = '';
  let url: string | null = null;
  let download: string | null = null;
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const match = /Downloading (\S+) to (\S+) with options/.exec(stderr);
    if (match && !url) {
      url = match[1] ?? null;
      download = match[2] ?? null;
      out(`Electron ${version} is not installed yet: downloading ${url} (once; about 110 MB)\n`);
    }
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });

  let stalled: string | null = null;
  let size = 0;
  // Until the first byte, "growth" counts from the start: a request that gets no answer is bounded too.
  let lastGrowth = Date.now();
  let lastReport = 0;
  const watch = setInterval(() => {
    void (async () => {
      const now = Date.now();
      // The debug line names the file; the folder is searched too, should that line ever change.
      download ??= await findDownload(temp);
      const current = download ? await stat(download).then((s) => s.size, () => size) : 0;
      if (current > size) {
        size = current;
        lastGrowth = now;
      }
      if (now - lastReport >= PROGRESS_EVERY_MS && size > 0) {
        lastReport = now;
        out(`  ${megabytes(size)} received\n`);
      }
      const limit = size === 0 ? firstByteMs : stallMs;
      if (now - lastGrowth > limit && !stalled) {
        stalled =
          size === 0
            ? `no answer within ${limit / 1000} s — check that the host is reachable from here and the proxy settings (HTTPS_PROXY)`
            : `the download stopped at ${megabytes(size)} for ${limit / 1000} s — check the proxy or the mirror`;
        child.kill();
      }
    })();
  }, POLL_MS);

  try {
    const code = await exited;
    if (stalled) throw new ElectronInstallError(explain(version, url, stalled, env));
    if (code !== 0) {
      const error = installerError(stderr);
      const reason = url && /fetch failed/.test(error) ? `${error}: ${await probe(url)}` : reasonFor(error);
      throw new ElectronInstallError(explain(version, url, reason, env));
    }
  } finally {
    clearInterval(watch);
    await rm(temp, { recursive: true, force: true });
  }
  const binary = installedBinary(packageDir, env);
  if (!binary) throw new ElectronInstallError(explain(version, url, 'the installer finished but left no path.txt and binary', env));
  out(`Electron ${version} installed: ${binary}\n`);
  return binary;
}
