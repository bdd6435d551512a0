import type { UpdateStatus } from '../../../shared/update-schema.ts';

/** What the update engine (electron-updater in the app) reports. */
export type UpdateEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/**
 * The update's state after an event. A ready update stays ready: a later failed or empty check does not
 * take back "restart to update" for a file that is already downloaded and verified.
 */
export function nextUpdateStatus(status: UpdateStatus, event: UpdateEvent): UpdateStatus {
  if (status.state === 'off' || status.state === 'ready') return status;
  switch (event.type) {
    case 'checking':
      return { state: 'checking', version: null };
    case 'available':
      return { state: 'downloading', version: event.version };
    case 'not-available':
      return { state: 'idle', version: null };
    case 'downloaded':
      return { state: 'ready', version: event.version };
    case 'error':
      return { state: 'error', version: status.version };
  }
}
