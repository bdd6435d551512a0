import type { TgCodeApi } from '../../shared/client.ts';

declare global {
  interface Window {
    /** Built from the shared contract by the preload (or by the test host's bridge). */
    readonly tgcode: TgCodeApi;
  }
}

/** The only way the renderer reaches the main process. */
export const tgcode: TgCodeApi = window.tgcode;
