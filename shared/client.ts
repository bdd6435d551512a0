import type { z } from 'zod';
import { contract, Envelope, type Channel, type RequestOf, type ResponseOf } from './contract.ts';
import { ContractError } from './contract-error.ts';

/** Carries one request to the main process: `ipcRenderer.invoke` in the preload, HTTP in the test host. */
export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;

type Namespace<C> = C extends `${infer N}:${string}` ? N : never;
type MethodsOf<N extends string> = {
  [C in Channel as C extends `${N}:${infer M}` ? M : never]: undefined extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};
/** `window.tgcode`: `tgcode.send.code({...})`, `tgcode.history.page({...})`, one method per channel. */
export type TgCodeApi = { [N in Namespace<Channel>]: MethodsOf<N> };

async function call<C extends Channel>(invoke: Invoke, channel: C, request: unknown): Promise<ResponseOf<C>> {
  const schema = contract[channel];
  const parsedRequest = (schema.request as z.ZodType).safeParse(request);
  if (!parsedRequest.success) throw new ContractError('invalid_request', `${channel}: ${parsedRequest.error.message}`);
  const envelope = Envelope.safeParse(await invoke(channel, parsedRequest.data));
  if (!envelope.success) throw new ContractError('internal', `${channel}: malformed reply`);
  if (!envelope.data.ok) throw new ContractError(envelope.data.error.code, envelope.data.error.message, envelope.data.error.facts ?? null);
  const value = (schema.response as z.ZodType).safeParse(envelope.data.value);
  if (!value.success) throw new ContractError('internal', `${channel}: reply does not match the contract`);
  return value.data as ResponseOf<C>;
}

/** Builds the typed API from the contract; both sides validate, so neither trusts the other. */
export function createClient(invoke: Invoke): TgCodeApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of Object.keys(contract) as Channel[]) {
    const [namespace, method] = channel.split(':') as [string, string];
    (api[namespace] ??= {})[method] = (request?: unknown) => call(invoke, channel, request);
  }
  return api as TgCodeApi;
}
