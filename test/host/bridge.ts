/**
 * TEST ONLY, NEVER PACKAGED. The test host's stand-in for the preload: the same contract client, with
 * HTTP to the host instead of Electron IPC. Built as a classic script that runs before the renderer.
 */
import { createClient, type TgCodeApi } from '../../shared/client.ts';

async function invoke(channel: string, request: unknown): Promise<unknown> {
  const response = await fetch(`/__ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Channels that take no request send an empty body.
    body: request === undefined ? '' : JSON.stringify(request),
  });
  return response.json();
}

type Method = (request?: unknown) => Promise<unknown>;

/**
 * Shaped as contextBridge hands `window.tgcode` to the page in the app: frozen all the way down, and an
 * error reaches the page as a plain Error with only its message (custom properties such as `code` are
 * lost), so the browser tests see failures exactly as the Electron renderer does.
 */
function asBridged(api: TgCodeApi): TgCodeApi {
  const bridged: Record<string, Record<string, Method>> = {};
  for (const [namespace, methods] of Object.entries(api as unknown as Record<string, Record<string, Method>>)) {
    const copy: Record<string, Method> = {};
    for (const [name, method] of Object.entries(methods)) {
      copy[name] = (request) =>
        method(request).catch((error: unknown) => {
          throw new Error(error instanceof Error ? error.message : String(error));
        });
    }
    bridged[namespace] = Object.freeze(copy);
  }
  return Object.freeze(bridged) as unknown as TgCodeApi;
}

Object.defineProperty(window, 'tgcode', {
  value: asBridged(createClient(invoke)),
  writable: false,
  configurable: false,
  enumerable: true,
});
