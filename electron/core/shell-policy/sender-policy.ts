/** The page origins allowed to call the IPC contract: the packaged app's own scheme, and the dev server. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = ['app://renderer'];
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  if (dev) origins.push(dev);
  return origins;
}

/**
 * A message is trusted only from the top frame of one of the app's own windows showing the app's own
 * page: not from a sub-frame, a webview, or a page that was somehow navigated elsewhere.
 */
export function isTrustedSender(sender: { isTopFrame: boolean; isAppWindow: boolean; url: string }, origins: readonly string[]): boolean {
  if (!sender.isTopFrame || !sender.isAppWindow) return false;
  const origin = originOf(sender.url);
  return origin !== null && origins.includes(origin);
}

// URL#origin is "null" for custom schemes such as app://, so the origin is rebuilt from its parts.
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
