import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { resolveAppFile } from '../core/shell-policy/app-files.ts';
import { CONTENT_SECURITY_POLICY } from '../core/shell-policy/csp.ts';

/** Must run before `ready`: `app://` behaves as a standard, secure origin (not file://). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function secured(body: ConstructorParameters<typeof Response>[0], status: number, source?: Headers): Response {
  const headers = new Headers(source);
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  headers.set('x-content-type-options', 'nosniff');
  return new Response(body, { status, headers });
}

const isFile = (file: string) => stat(file).then((found) => found.isFile(), () => false);

/** Serves the built renderer from `rootDir` at app://renderer/, with the CSP header on every answer. */
export function serveRenderer(rootDir: string): void {
  protocol.handle('app', async (request) => {
    const file = resolveAppFile(rootDir, request.url);
    // A path outside the folder and a file that is not there get the same answer.
    if (file === null || !(await isFile(file))) return secured('not found', 404);
    const response = await net.fetch(pathToFileURL(file).toString());
    return secured(response.body, response.status, response.headers);
  });
}
