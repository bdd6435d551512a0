import path from 'node:path';

/**
 * Where IT puts the machine-wide policy on each OS: a folder only administrators can write.
 * Windows: %ProgramData%\TG Code Desk\policy.json; macOS: /Library/Application Support/TG Code Desk/policy.json;
 * Linux and others: /etc/tg-code-desk/policy.json.
 */
export function machinePolicyFile(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'TG Code Desk', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/TG Code Desk/policy.json';
  return '/etc/tg-code-desk/policy.json';
}
