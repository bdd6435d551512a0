import { z } from 'zod';
import type { EnvOverride } from '../../shared/contract.ts';
import { ApiBaseUrl } from '../../shared/settings-schema.ts';
import { Token } from '../../shared/token-schema.ts';

/** Overrides for QA and tests, read once at start-up. */
export interface RuntimeEnv {
  /** Another API base URL (e.g. a simulator), instead of the one in the settings. */
  apiBase: string | null;
  /** A token that replaces the vault's (it is never stored). */
  token: string | null;
  /** Where the app keeps its data, instead of the OS default. */
  dataDir: string | null;
  /** The settings policy file to read instead of the machine-wide one (for tests). */
  policyFile: string | null;
  /** Variables that were set but not used: a packaged build started without QA_SWITCH. */
  ignored: readonly string[];
}

/** How this run was started; the shell passes what Electron says, the core decides. */
export interface LaunchContext {
  /** `app.isPackaged`: an installed build, as operators run it. */
  packaged: boolean;
  /** The process's command line. */
  argv: readonly string[];
}

/**
 * The command-line switch that lets a packaged build take the QA variables. Without it an installed
 * app ignores them: a variable set by anything that can touch the environment (a login script, a
 * shortcut) could otherwise send the operators' token, or their sends, to another server.
 */
export const QA_SWITCH = '--qa';

const NAMES = ['TGCODE_API_BASE', 'TGCODE_TOKEN', 'TGCODE_DATA_DIR', 'TGCODE_POLICY_FILE'] as const;

const Schema = z.object({
  TGCODE_API_BASE: ApiBaseUrl.optional(),
  TGCODE_TOKEN: Token.optional(),
  TGCODE_DATA_DIR: z.string().min(1).optional(),
  TGCODE_POLICY_FILE: z.string().min(1).optional(),
});

/**
 * In a development build, or a packaged one started with QA_SWITCH, the variables apply; a packaged
 * build without it ignores them, unread. Throws an Error naming a bad variable it would use; the
 * message never contains the value.
 */
export function readRuntimeEnv(env: Record<string, string | undefined>, launch: LaunchContext): RuntimeEnv {
  const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);
  const set = NAMES.filter((name) => blank(env[name]) !== undefined);
  if (launch.packaged && !launch.argv.includes(QA_SWITCH)) return { apiBase: null, token: null, dataDir: null, policyFile: null, ignored: set };
  const parsed = Schema.safeParse({
    TGCODE_API_BASE: blank(env.TGCODE_API_BASE),
    TGCODE_TOKEN: blank(env.TGCODE_TOKEN),
    TGCODE_DATA_DIR: blank(env.TGCODE_DATA_DIR),
    TGCODE_POLICY_FILE: blank(env.TGCODE_POLICY_FILE),
  });
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new Error(`invalid environment variable(s): ${names}`);
  }
  return {
    apiBase: parsed.data.TGCODE_API_BASE ?? null,
    token: parsed.data.TGCODE_TOKEN ?? null,
    dataDir: parsed.data.TGCODE_DATA_DIR ?? null,
    policyFile: parsed.data.TGCODE_POLICY_FILE ?? null,
    ignored: [],
  };
}

/** Which overrides this run uses, for the header: names only. */
export function overridesInForce(env: RuntimeEnv): EnvOverride[] {
  const inForce: EnvOverride[] = [];
  if (env.apiBase !== null) inForce.push('apiBase');
  if (env.token !== null) inForce.push('token');
  if (env.dataDir !== null) inForce.push('dataDir');
  if (env.policyFile !== null) inForce.push('policyFile');
  return inForce;
}
