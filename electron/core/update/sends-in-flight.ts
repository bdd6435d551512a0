import type { Handlers } from '../../../shared/contract.ts';

/** Wraps the send handler so that the updater can tell whether a send is under way. */
export function trackSends(send: Handlers['send:code']): { send: Handlers['send:code']; busy: () => boolean } {
  let inFlight = 0;
  return {
    send: async (request) => {
      inFlight += 1;
      try {
        return await send(request);
      } finally {
        inFlight -= 1;
      }
    },
    busy: () => inFlight > 0,
  };
}
