import os from 'node:os';

/** Who ran the app and where, recorded on every send; read in main, never taken from the renderer. */
export interface DeskIdentity {
  osUser: string;
  host: string;
}

type System = Pick<typeof os, 'userInfo' | 'hostname'>;

/**
 * The OS account and the machine's name. `os.userInfo()` throws for an account with no entry in the
 * user database (some containers and directory setups); the login name from the environment stands in.
 */
export function readDeskIdentity(system: System = os, env: NodeJS.ProcessEnv = process.env): DeskIdentity {
  let osUser: string;
  try {
    osUser = system.userInfo().username;
  } catch {
    osUser = env.USER ?? env.USERNAME ?? env.LOGNAME ?? 'unknown';
  }
  let host: string;
  try {
    host = system.hostname();
  } catch {
    host = 'unknown';
  }
  return { osUser: osUser.slice(0, 256), host: host.slice(0, 256) };
}
