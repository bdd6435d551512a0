import { z } from 'zod';
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
}

const Schema = z.object({
  TGCODE_API_BASE: ApiBaseUrl.optional(),
  TGCODE_TOKEN: Token.optional(),
  TGCODE_DATA_DIR: z.string().min(1).optional(),
  TGCODE_POLICY_FILE: z.string().min(1).optional(),
});

/** Throws an Error naming the bad variable; the message never contains the value. */
export function readRuntimeEnv(env: Record<string, string | undefined>): RuntimeEnv {
  const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);
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
  };
}
