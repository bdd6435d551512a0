import type { AppCoreOptions } from '../../electron/core/app-core.ts';

/**
 * The test host has no update feed. `TGCODE_HOST_UPDATE_READY=0.2.0` stands in for a feed that has
 * already delivered that version, so browser tests can see the header's "restart to update"; pressing
 * it restarts nothing here.
 */
export function hostUpdates(env: Record<string, string | undefined>): NonNullable<AppCoreOptions['updates']> {
  const version = env.TGCODE_HOST_UPDATE_READY;
  if (!version) return { engine: null, offReason: 'the test host has no update feed' };
  return {
    engine: { check: async () => undefined, install: () => undefined, subscribe: (listener) => listener({ type: 'downloaded', version }) },
    offReason: '',
  };
}
