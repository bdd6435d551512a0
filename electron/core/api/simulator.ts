import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the telefon-ip TG Code API, behaving as its pages document: get_tg_code, and the
 * account functions get_status/{id} (for the ids it issued) and get_balance (starting at a set balance,
 * less the price of each successful send). The app's sandbox mode and the tests run against it, so no
 * real code is ever sent from them.
 */

/** The token the app uses against its own simulator in sandbox mode. */
export const SANDBOX_TOKEN = '00000000-0000-4000-8000-000000000000';

/**
 * Forms in which a careless server might echo the token it was sent: the app must redact every one
 * before it reaches the renderer, the history, an export or the log.
 */
export const TOKEN_ECHOES = {
  plain: (token: string) => token,
  undashed: (token: string) => token.replaceAll('-', ''),
  percent_dashes: (token: string) => token.replaceAll('-', '%2D'),
  percent_every: (token: string) => [...token].map((char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
  double_percent: (token: string) => token.replaceAll('-', '%252D'),
  upper: (token: string) => token.toUpperCase(),
  upper_undashed: (token: string) => token.toUpperCase().replaceAll('-', ''),
  zero_width: (token: string) => [...token].join('\u200b'),
  // Zero-width non-joiner and joiner, word joiner, BOM, soft hyphen: each between two characters.
  invisible_mix: (token: string) => [...token].map((char, i) => (i === 0 ? '' : ['\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'][i % 5]) + char).join(''),
  soft_hyphens: (token: string) => token.replaceAll('-', '\u00ad'),
  spaced: (token: string) => token.replaceAll('-', ' '),
  // Not token-shaped any more: only redaction by the known token finds these two.
  dotted: (token: string) => token.replaceAll('-', '.'),
  regrouped: (token: string) => token.replaceAll('-', '').replace(/.{4}(?!$)/g, '$& '),
  fullwidth: (token: string) => token.replace(/[0-9a-f-]/gi, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)),
  url: (token: string) => `https://api.telefon-ip.ru/api/v1/authcalls/${token}/get_tg_code/79243555100/`,
} as const;
export type TokenEcho = keyof typeof TOKEN_ECHOES;
const ECHOES = Object.keys(TOKEN_ECHOES) as TokenEcho[];

/** Ways to make the next answers misbehave. */
const PLAIN_FAULTS = [
  'server_error', // 500 with the documented JSON shape
  'bad_gateway', // 502 with an HTML body
  'rate_limited', // 429
  'non_json', // 200 with a body that is not JSON
  'success_false', // 200 with success:false
  'status_false', // 200, success:true, data.status:false with a reason the app cannot name
  'no_telegram', // 200, success:true, data.status:false, "user not found in telegram"
  'schema_mismatch', // 200, success:true, data missing its fields
  'drop', // connection closed without an answer
  'hang', // never answers (the client's timeout fires)
] as const;
/** `echo_error_<form>`: a 401 whose error text holds the token; `echo_success_<form>`: a success with it in status_info and operator_name. */
type EchoFault = `echo_error_${TokenEcho}` | `echo_success_${TokenEcho}`;
export type Fault = (typeof PLAIN_FAULTS)[number] | EchoFault;
export const FAULTS: readonly Fault[] = [...PLAIN_FAULTS, ...ECHOES.flatMap((echo): EchoFault[] => [`echo_error_${echo}`, `echo_success_${echo}`])];
const ECHO_FAULT = /^echo_(error|success)_(\w+)$/;

/**
 * Sandbox scenario numbers, so QA can see every outcome from the app itself: `+7 900 000-0N-NN`.
 * Any other valid number succeeds.
 */
export const SCENARIO_PHONES: Record<string, Fault | 'invalid_phone' | 'unauthorized' | 'foreign_sends'> = {
  '9000000400': 'invalid_phone',
  '9000000401': 'unauthorized',
  '9000000429': 'rate_limited',
  '9000000500': 'server_error',
  '9000000502': 'bad_gateway',
  '9000000201': 'success_false',
  '9000000202': 'status_false',
  '9000000203': 'non_json',
  '9000000204': 'no_telegram',
  '9000000444': 'drop',
  '9000000408': 'hang',
  // Succeeds, and the account's billing record then also shows two sends another desk made.
  '9000000999': 'foreign_sends',
};

/** What a send to these numbers does to the account side; the send itself succeeds. */
export type AccountScenario = 'status_fails' | 'status_garbled' | 'status_undelivered' | 'balance_fails' | 'balance_low' | 'balance_short' | 'balance_normal';

export const ACCOUNT_SCENARIO_PHONES: Record<string, AccountScenario> = {
  '9000000600': 'status_fails', // get_status for this send answers 500
  '9000000601': 'status_garbled', // get_status answers with wrong types, a negative price and HTML
  '9000000602': 'status_undelivered', // get_status answers status 0
  '9000000700': 'balance_fails', // get_balance answers 500 from now on
  '9000000701': 'balance_low', // the balance drops to 5 sends
  '9000000702': 'balance_short', // the balance drops below one send
  '9000000703': 'balance_normal', // the starting balance again, and get_balance answers again
};

export const DEFAULT_PRICE = 0.2;
export const DEFAULT_BALANCE = 50;

export interface SimulatorOptions {
  tokens?: readonly string[];
  /** How many of the newest requests `requests` keeps. */
  keepRequests?: number;
  /** Sends allowed per phone per day (the account-side limit); null for none. */
  dailyLimit?: number | null;
  latencyMs?: number;
  now?: () => Date;
  /** Roubles at the start (default 50). */
  balance?: number;
  /** Roubles per successful send (default 0.2, the documented example). */
  price?: number;
}

export interface AccountRequest {
  action: 'get_status' | 'get_balance';
  id: number | null;
}

/** Moscow wall-clock time without a zone, as the provider writes `created_at`. */
export function providerTimeText(at: Date): string {
  return new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
}

export interface SimulatedRequest {
  method: string;
  phone: string;
  code: string | null;
}

export interface Simulator {
  /** Base URL to use as `TGCODE_API_BASE`, e.g. `http://127.0.0.1:41234/api/v1/authcalls`. */
  readonly baseUrl: string;
  /**
   * The newest requests with an accepted token, oldest first: a bounded record, so a long sandbox session
   * does not grow it; a request with a wrong token is not kept at all.
   */
  readonly requests: readonly SimulatedRequest[];
  /** get_billing_record requests received, oldest first (the count asked for). */
  readonly billingRequests: readonly number[];
  /** Makes the next answers fail in order, then behave again. */
  queueFaults(...faults: Fault[]): void;
  /** Adds sends made with the same token from somewhere else to the billing record. */
  addForeignSends(count: number): void;
  setLatency(ms: number): void;
  readonly balance: number;
  setBalance(roubles: number): void;
  /** get_balance answers 500 while on. */
  failBalance(on: boolean): void;
  /** The newest get_status and get_balance requests with an accepted token, oldest first (bounded like `requests`). */
  readonly accountRequests: readonly AccountRequest[];
  reset(): void;
  close(): Promise<void>;
}

const OPERATORS = ['ООО "Мегафон"', 'ПАО "МТС"', 'ПАО "ВымпелКом"', 'ООО "Т2 Мобайл"'];
const PATH = /^\/api\/v1\/authcalls\/([^/]+)\/get_tg_code\/([^/]*)\/?$/;
const STATUS_PATH = /^\/api\/v1\/authcalls\/([^/]+)\/get_status\/([^/]*)\/?$/;
const BALANCE_PATH = /^\/api\/v1\/authcalls\/([^/]+)\/get_balance\/?$/;
const BILLING_PATH = /^\/api\/v1\/authcalls\/([^/]+)\/get_billing_record\/([^/]*)\/?$/;
// Both forms the API's own documentation uses: 7XXXXXXXXXX and 8XXXXXXXXXX.
const PHONE = /^[78][0-9]{10}$/;

function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const fail = (res: http.ServerResponse, status: number, error: string, headers?: http.OutgoingHttpHeaders) => json(res, status, { success: false, error, data: {} }, headers);

/** What the service sends when it refuses a number: `status: false` and its reason. */
const refusal = (phone: string, code: string | null, statusInfo: string) => ({
  success: true,
  error: '',
  data: { phone, code: code ?? '0000', id: null, operator_name: OPERATORS[0], channel: 'telegram', status: false, status_info: statusInfo },
});

/** How long the simulator's rate limit asks to wait (its Retry-After), so QA sees the wait named. */
export const SIMULATED_RETRY_AFTER_S = 30;

const DEFAULT_KEEP_REQUESTS = 500;
/** Ids get_status still knows: enough for the tests and the 1,000-send bench, bounded for a long session. */
const KEEP_ISSUED = 2_000;

/** A malformed escape must not throw in the request handler: that would take the process down. */
function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A ring of the newest `size` entries. */
function ring<T>(size: number) {
  let entries: T[] = [];
  let next = 0;
  return {
    push(entry: T): void {
      if (entries.length < size) entries.push(entry);
      else entries[next] = entry;
      next = (next + 1) % size;
    },
    list: (): T[] => (entries.length < size ? [...entries] : [...entries.slice(next), ...entries.slice(0, next)]),
    clear(): void {
      entries = [];
      next = 0;
    },
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const tokens = new Set(options.tokens ?? [SANDBOX_TOKEN]);
  const now = options.now ?? (() => new Date());
  let latencyMs = options.latencyMs ?? 0;
  let nextId = 11_084_059;
  let faults: Fault[] = [];
  const requests = ring<SimulatedRequest>(options.keepRequests ?? DEFAULT_KEEP_REQUESTS);
  const perDay = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  const price = options.price ?? DEFAULT_PRICE;
  const startBalance = options.balance ?? DEFAULT_BALANCE;
  let balance = startBalance;
  let balanceFails = false;
  /** The sends made with the account, oldest first: what get_status and get_billing_record answer from. */
  const issued = new Map<number, { phone: string; code: string; createdAt: string; scenario: AccountScenario | undefined }>();
  const accountRequests = ring<AccountRequest>(options.keepRequests ?? DEFAULT_KEEP_REQUESTS);
  const billingRequests = ring<number>(options.keepRequests ?? DEFAULT_KEEP_REQUESTS);
  let foreignSeq = 0;

  /** A successful send: charged, and its id remembered for get_status and the billing record. */
  const issue = (phone: string, code: string): number => {
    const id = nextId++;
    const scenario = ACCOUNT_SCENARIO_PHONES[phone.slice(1)];
    issued.set(id, { phone, code, createdAt: providerTimeText(now()), scenario });
    // Bounded like the request record: an id older than the newest KEEP_ISSUED is "not found".
    if (issued.size > KEEP_ISSUED) issued.delete(issued.keys().next().value ?? id);
    balance = Math.round((balance - price) * 1e6) / 1e6;
    if (scenario === 'balance_fails') balanceFails = true;
    if (scenario === 'balance_low') balance = price * 5;
    if (scenario === 'balance_short') balance = price / 2;
    if (scenario === 'balance_normal') {
      balance = startBalance;
      balanceFails = false;
    }
    return id;
  };

  /** Sends made with the same token from somewhere else: billed to the account like this desk's. */
  const addForeignSends = (count: number) => {
    for (let i = 0; i < count; i++) {
      foreignSeq += 1;
      issue(`7977${String(1_000_000 + ((foreignSeq * 7_919) % 9_000_000)).padStart(7, '0')}`, String(1000 + ((foreignSeq * 37) % 9000)));
    }
  };

  const answerAccount = (url: URL, res: http.ServerResponse): boolean => {
    const status = STATUS_PATH.exec(url.pathname);
    const balanceMatch = BALANCE_PATH.exec(url.pathname);
    if (!status && !balanceMatch) return false;
    const token = decodedOrNull((status ?? balanceMatch)?.[1] ?? '');
    if (token === null || !tokens.has(token)) {
      fail(res, 401, 'Unauthorized token');
      return true;
    }
    const id = Number(status?.[2]);
    accountRequests.push(balanceMatch ? { action: 'get_balance', id: null } : { action: 'get_status', id: Number.isSafeInteger(id) ? id : null });
    if (balanceMatch) {
      if (balanceFails) fail(res, 500, 'internal error');
      else json(res, 200, { success: true, error: '', data: { balance, price, balance_limit: 0.0 } });
      return true;
    }
    const record = issued.get(id);
    if (!record) {
      fail(res, 400, 'id record not found');
      return true;
    }
    const base = { id, created_at: record.createdAt, phone: record.phone };
    if (record.scenario === 'status_fails') fail(res, 500, 'internal error');
    else if (record.scenario === 'status_garbled') json(res, 200, { success: true, error: '', data: { ...base, id: String(id), status: 'maybe', status_info: '<b>Доставлено</b><script>alert(1)</script>', price: -5, created_at: 12345 } });
    else if (record.scenario === 'status_undelivered') json(res, 200, { success: true, error: '', data: { ...base, status: 0, status_info: 'Telegram: not delivered', price } });
    else json(res, 200, { success: true, error: '', data: { ...base, status: 1, status_info: 'Ok: delivered to Telegram', price } });
    return true;
  };

  /** get_billing_record/{N}: the newest N billed sends, newest first, in the shape a public client of the API models. */
  const answerBilling = (req: http.IncomingMessage, res: http.ServerResponse, token: string, count: string): void => {
    const decoded = decodedOrNull(token);
    if (decoded === null || !tokens.has(decoded)) return fail(res, 401, 'Unauthorized token');
    if (!/^[1-9][0-9]{0,5}$/.test(count)) return fail(res, 400, 'count must be a positive number');
    billingRequests.push(Number(count));
    switch (faults.shift()) {
      case 'server_error':
        return fail(res, 500, 'internal error');
      case 'non_json':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html>maintenance</html>');
      case 'schema_mismatch':
        return json(res, 200, { success: true, error: '', data: { records: issued.size } });
      case 'success_false':
        return fail(res, 200, 'billing unavailable');
      case 'drop':
        return void req.socket.destroy();
      default:
        break;
    }
    const newest = [...issued.values()].slice(-Number(count)).reverse();
    json(res, 200, {
      success: true,
      error: '',
      data: newest.map((send) => ({ created_at: send.createdAt, code_auth: send.code, status: true, status_info: 'send ok', phone: send.phone, price })),
    });
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const billing = BILLING_PATH.exec(url.pathname);
    if (billing && (req.method === 'GET' || req.method === 'POST')) return answerBilling(req, res, billing[1] ?? '', billing[2] ?? '');
    if ((req.method === 'GET' || req.method === 'POST') && answerAccount(url, res)) return;
    const match = PATH.exec(url.pathname);
    if (!match || (req.method !== 'GET' && req.method !== 'POST')) return fail(res, 404, 'not found');
    const [, encodedToken = '', phone = ''] = match;
    const token = decodedOrNull(encodedToken);
    const code = url.searchParams.get('code');
    const scenario = SCENARIO_PHONES[phone.slice(1)];
    const fault = faults.shift() ?? (scenario === 'invalid_phone' || scenario === 'unauthorized' || scenario === 'foreign_sends' ? undefined : scenario);

    if (token === null || !tokens.has(token)) return fail(res, 401, 'Unauthorized token');
    requests.push({ method: req.method, phone, code });
    if (scenario === 'unauthorized') return fail(res, 401, 'Unauthorized token');
    if (!PHONE.test(phone) || scenario === 'invalid_phone' || (code !== null && code.length !== 4)) {
      return fail(res, 400, 'does not match the format 89XXXXXXXXX or phone field is missing');
    }
    const [, echoIn, echo] = ECHO_FAULT.exec(fault ?? '') ?? [];
    const echoed = echo === undefined ? '' : TOKEN_ECHOES[echo as TokenEcho](token);
    if (echoIn === 'error') return fail(res, 401, `Unauthorized token ${echoed}`);
    switch (fault) {
      case 'server_error':
        return fail(res, 500, 'internal error');
      case 'bad_gateway':
        res.writeHead(502, { 'content-type': 'text/html' });
        return void res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'rate_limited':
        return fail(res, 429, 'too many requests', { 'retry-after': String(SIMULATED_RETRY_AFTER_S) });
      case 'non_json':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html>maintenance</html>');
      case 'success_false':
        return fail(res, 200, 'send failed');
      case 'status_false':
        return json(res, 200, refusal(phone, code, 'channel rejected the message'));
      case 'no_telegram':
        return json(res, 200, refusal(phone, code, 'user not found in telegram'));
      case 'schema_mismatch':
        return json(res, 200, { success: true, error: '', data: { phone } });
      case 'drop':
        return void req.socket.destroy();
      case 'hang':
        hanging.add(res);
        return;
      case undefined:
        break;
    }
    // Counted only with a limit, so sandbox mode (no limit) keeps no per-phone state.
    if (options.dailyLimit != null) {
      const day = `${now().toISOString().slice(0, 10)}:${phone.slice(1)}`;
      const sentToday = perDay.get(day) ?? 0;
      if (sentToday >= options.dailyLimit) return fail(res, 429, 'daily limit for this phone exceeded');
      perDay.set(day, sentToday + 1);
    }
    const sentCode = code ?? String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
    const id = issue(phone, sentCode);
    if (scenario === 'foreign_sends') addForeignSends(2);
    json(res, 200, {
      success: true,
      error: '',
      data: {
        phone,
        code: sentCode,
        id,
        operator_name: `${OPERATORS[Number(phone.at(-1)) % OPERATORS.length]}${echoIn === 'success' ? ` ${echoed}` : ''}`,
        channel: 'telegram',
        status: true,
        status_info: echoIn === 'success' ? `send ok for key ${echoed}` : 'send ok',
      },
    });
  };

  const server = http.createServer((req, res) => {
    req.resume();
    if (latencyMs > 0) setTimeout(() => answer(req, res), latencyMs);
    else answer(req, res);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1/authcalls`,
    get requests() {
      return requests.list();
    },
    get billingRequests() {
      return billingRequests.list();
    },
    queueFaults: (...more) => void faults.push(...more),
    addForeignSends,
    setLatency: (ms) => void (latencyMs = ms),
    get balance() {
      return balance;
    },
    setBalance: (roubles) => void (balance = roubles),
    failBalance: (on) => void (balanceFails = on),
    get accountRequests() {
      return accountRequests.list();
    },
    reset: () => {
      faults = [];
      requests.clear();
      accountRequests.clear();
      issued.clear();
      balance = startBalance;
      balanceFails = false;
      perDay.clear();
      billingRequests.clear();
      latencyMs = options.latencyMs ?? 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
