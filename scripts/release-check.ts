import { parseUpdateFeed } from '../electron/core/update/update-feed.ts';

/**
 * What a release build needs before `npm run dist` may run. electron-builder only warns when it finds no
 * signing identity and carries on with an unsigned installer; on a release that must be an error: an
 * unsigned Mac build loses the stored token after each update and defeats asar integrity, an unsigned
 * Windows installer is blocked by SmartScreen and cannot be checked by the updater.
 */
export interface ReleaseContext {
  env: NodeJS.ProcessEnv;
  /** The branch being built (CI's variable or git's), null when unknown. */
  branch: string | null;
  /** The platform whose installer this machine builds. */
  platform: NodeJS.Platform;
}

export function isReleaseBuild({ env, branch }: ReleaseContext): boolean {
  return env.TGCODE_RELEASE === '1' || (branch !== null && /^release\//.test(branch));
}

const all = (env: NodeJS.ProcessEnv, names: readonly string[]): boolean => names.every((name) => Boolean(env[name]));

/** Every missing piece, as a line that says what to set; empty when the release may be built. */
export function releaseProblems(context: ReleaseContext): string[] {
  const { env, platform } = context;
  const problems: string[] = [];
  const feed = parseUpdateFeed(env.TGCODE_UPDATE_URL);
  if (!feed.url) problems.push(`TGCODE_UPDATE_URL: the update feed (https) the desks will check${feed.problem ? ` — the one given is ${feed.problem}` : ''}`);
  if (platform === 'win32') {
    if (!(env.WIN_CSC_LINK ?? env.CSC_LINK)) problems.push('WIN_CSC_LINK (or CSC_LINK): the code-signing certificate (.pfx/.p12, a path or base64)');
    if (!(env.WIN_CSC_KEY_PASSWORD ?? env.CSC_KEY_PASSWORD)) problems.push('WIN_CSC_KEY_PASSWORD (or CSC_KEY_PASSWORD): the certificate’s password');
  }
  if (platform === 'darwin') {
    if (env.CSC_IDENTITY_AUTO_DISCOVERY === 'false') problems.push('CSC_IDENTITY_AUTO_DISCOVERY=false turns signing off: unset it');
    if (!env.CSC_LINK && !env.CSC_NAME) problems.push('CSC_LINK (a "Developer ID Application" .p12) with CSC_KEY_PASSWORD, or CSC_NAME (that identity in the keychain)');
    if (env.CSC_LINK && !env.CSC_KEY_PASSWORD) problems.push('CSC_KEY_PASSWORD: the password of CSC_LINK');
    const notarised =
      all(env, ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']) ||
      all(env, ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) ||
      Boolean(env.APPLE_KEYCHAIN_PROFILE);
    if (!notarised) {
      problems.push('notarisation: APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_KEYCHAIN_PROFILE');
    }
  }
  return problems;
}
