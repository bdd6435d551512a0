import { BrowserWindow, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Envelope, type Handlers } from '../../shared/contract.ts';
import { dispatch } from '../core/dispatch.ts';
import type { LogPort } from '../core/ports.ts';
import { isTrustedSender } from '../core/shell-policy/sender-policy.ts';

const FORBIDDEN: Envelope = { ok: false, error: { code: 'forbidden', message: 'sender not allowed' } };

/** Registers one handler per contract channel; each checks the sender before anything else runs. */
export function registerIpcHandlers(ipcMain: IpcMain, handlers: Handlers, origins: readonly string[], log: LogPort): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown) => {
      const frame = event.senderFrame;
      const trusted =
        frame !== null &&
        isTrustedSender(
          { isTopFrame: frame.parent === null, isAppWindow: BrowserWindow.fromWebContents(event.sender) !== null, url: frame.url },
          origins,
        );
      if (!trusted) {
        log.warn('ipc.rejected', { channel });
        return FORBIDDEN;
      }
      return dispatch(handlers, channel, request, log);
    });
  }
}
