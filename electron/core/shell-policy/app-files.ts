import path from 'node:path';

/**
 * Maps an `app://renderer/...` request to a file inside the built renderer folder, or null when the
 * path would escape it. `/` serves index.html.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'app:' || url.host !== 'renderer') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows; a web path has no business carrying them (or NULs).
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + path.sep) ? file : null;
}
