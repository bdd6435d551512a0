import { z } from 'zod';

/**
 * Where the app's own update stands, for the header:
 * - `off`: no update feed was set at build time (TGCODE_UPDATE_URL), or the app is not an installed build.
 * - `idle`: nothing newer was found (or no check has run yet); `checking`, `downloading`: under way.
 * - `ready`: a newer version is downloaded and verified; it is installed when the app restarts.
 * - `error`: the last check or download failed (the log says why); the next scheduled check tries again.
 */
export const UpdateStatus = z.object({
  state: z.enum(['off', 'idle', 'checking', 'downloading', 'ready', 'error']),
  /** The version found or ready, else null. */
  version: z.string().max(64).nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

/** The answer to "restart to update": refused while a send is under way, or when nothing is ready. */
export const RestartResult = z.object({
  restarting: z.boolean(),
  reason: z.enum(['sending', 'not_ready']).nullable(),
});
export type RestartResult = z.infer<typeof RestartResult>;
