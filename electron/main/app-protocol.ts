import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { resolveAppFile } from '../core/shell-policy/app-files.ts';
import { CONTENT_SECURITY_POLICY } from '../core/shell-policy/csp.ts';

/** Must run before `ready`: `app://` behaves as a standard, secure origin (not file://). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from `rootDir` at app://renderer/, with the CSP header on every answer. */
export function serveRenderer(rootDir: string): void {
  protocol.handle('app', async (request) => {
    const file = resolveAppFile(rootDir, request.url);
    if (file === null) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
