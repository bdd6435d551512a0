import { execFileSync } from 'node:child_process';
import type { CliOptions } from 'electron-builder';
import { parseUpdateFeed } from '../electron/core/update/update-feed.ts';
import { isReleaseBuild, releaseProblems, type ReleaseContext } from './release-check.ts';

/**
 * `npm run dist`: builds the app and the installers for this machine's platform. A release
 * build (TGCODE_RELEASE=1 or a release/* branch) stops here unless it can be signed, notarised and fed to
 * the desks; the update feed, when given, goes into the installer (app-update.yml) and into latest.yml.
 * Nothing is uploaded: the feed is a web folder the release engineer copies the files to (README).
 */
function currentBranch(env: NodeJS.ProcessEnv): string | null {
  if (env.GITHUB_REF_NAME) return env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME;
  if (env.CI_COMMIT_REF_NAME) return env.CI_COMMIT_REF_NAME;
  try {
    return execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

if (import.meta.main) {
  const env = process.env;
  const context: ReleaseContext = { env, branch: currentBranch(env), platform: process.platform };
  const release = isReleaseBuild(context);
  if (release) {
    const problems = releaseProblems(context);
    if (problems.length > 0) {
      process.stderr.write(`\nA release build (${env.TGCODE_RELEASE === '1' ? 'TGCODE_RELEASE=1' : `branch ${context.branch}`}) needs:\n${problems.map((line) => `  - ${line}`).join('\n')}\n\n`);
      process.exit(1);
    }
  }
  // The check comes first so a release that cannot be signed fails in a second, not after the build.
  // Loaded only now: the two build tools take seconds to load.
  const [{ build: buildApp }, { build }] = await Promise.all([import('electron-vite'), import('electron-builder')]);
  await buildApp({});
  const feed = parseUpdateFeed(env.TGCODE_UPDATE_URL).url;
  const platformFlags: Partial<CliOptions> = {};
  for (const [flag, key] of [['--win', 'win'], ['--mac', 'mac'], ['--linux', 'linux']] as const) if (process.argv.includes(flag)) platformFlags[key] = [];
  await build({
    ...platformFlags,
    dir: process.argv.includes('--dir'),
    publish: 'never',
    // On a release, electron-builder too refuses to go on without a signing identity.
    config: { publish: feed ? { provider: 'generic', url: feed } : null, forceCodeSigning: release },
  });
}
