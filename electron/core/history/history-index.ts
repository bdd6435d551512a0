/**
 * The in-memory index of the history: compact typed arrays, ~63 bytes a record (id, byte offset and length
 * of the latest line, startedAt, phone digits, code, outcome code, whether a code may have gone out, who
 * sent it, verification, price), so a query runs without reading the file and a page then reads only its
 * own lines from disk. Phone and code search are byte searches over fixed-width buffers; senders (name,
 * OS account, computer) are kept once each and a record holds a number for its sender, so a name search
 * compares the few distinct names and then scans one array, and the operator filter compares numbers.
 */
import { VERIFICATION_FILTERS, verificationOf, type VerificationFilter } from '../../../shared/check-schema.ts';
import type { HistoryQuery, HistoryRecord, Operator } from '../../../shared/history-schema.ts';
import { foldName, parseSearch } from '../../../shared/history-search.ts';
import { RECORD_OUTCOMES } from '../../../shared/send-outcome.ts';

/** Phone digits per index slot; a shorter phone is padded with zero bytes, so no match spans two slots. */
const PHONE_WIDTH = 16;
const PHONE_DIGITS = /^[0-9]{1,15}$/;
/** Code digits per slot; a record without a code has zero bytes there. */
const CODE_WIDTH = 4;
const CODE_DIGITS = /^[0-9]{4}$/;

// Index codes: the outcome kinds by position, then the states without an outcome.
export const PENDING = RECORD_OUTCOMES.length;
const INTERRUPTED = PENDING + 1;
const NO_OUTCOME = PENDING + 2;
const CODE_COUNT = NO_OUTCOME + 1;
const OUTCOME_CODE = new Map<string, number>(RECORD_OUTCOMES.map((kind, code) => [kind, code]));
const SENT = OUTCOME_CODE.get('sent') ?? 0;
const BLOCKED = OUTCOME_CODE.get('blocked') ?? 0;
const VERIFICATION_CODE = new Map<VerificationFilter, number>(VERIFICATION_FILTERS.map((name, code) => [name, code]));
const VERIFIED = VERIFICATION_CODE.get('verified') ?? 0;

/** The key a sender is interned under. */
export const operatorKey = (operator: Operator): string => JSON.stringify([operator.sentBy, operator.osUser, operator.host]);

/** Whether an id is an attempt this session began and has not yet completed. */
export type IsInflight = (id: number) => boolean;

export function stateCode(record: HistoryRecord, isInflight: IsInflight): number {
  if (record.state === 'pending') return isInflight(record.id) ? PENDING : INTERRUPTED;
  if (record.state === 'interrupted') return INTERRUPTED;
  return record.outcome === null ? NO_OUTCOME : (OUTCOME_CODE.get(record.outcome) ?? NO_OUTCOME);
}

/**
 * Struct of arrays, one slot per record, slots sorted by id. No record objects are kept, so a million
 * records take tens of MB.
 */
export class RecordIndex {
  count = 0;
  ids: Float64Array;
  offsets: Float64Array;
  lengths: Uint32Array;
  startedAt: Float64Array;
  codes: Uint8Array;
  /** 1 when the attempt may have put a code in someone's Telegram (delivery sent or unknown). */
  reaches: Uint8Array;
  /** The sender's number in `operators`. */
  who: Uint32Array;
  /** VERIFICATION_FILTERS position of each record's checks. */
  verification: Uint8Array;
  /** Recorded price in roubles; NaN when none is. */
  prices: Float64Array;
  phones: Buffer;
  sentCodes: Buffer;
  /** Every sender seen, each once: `who` holds positions in it. */
  readonly operators: Operator[] = [];
  readonly operatorIds = new Map<string, number>();

  constructor(capacity: number) {
    this.ids = new Float64Array(capacity);
    this.offsets = new Float64Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.startedAt = new Float64Array(capacity);
    this.codes = new Uint8Array(capacity);
    this.reaches = new Uint8Array(capacity);
    this.who = new Uint32Array(capacity);
    this.verification = new Uint8Array(capacity);
    this.prices = new Float64Array(capacity);
    this.phones = Buffer.alloc(capacity * PHONE_WIDTH);
    this.sentCodes = Buffer.alloc(capacity * CODE_WIDTH);
  }

  get maxId(): number | null {
    return this.count === 0 ? null : (this.ids[this.count - 1] ?? null);
  }

  find(id: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.ids[mid] ?? 0;
      if (value === id) return mid;
      if (value < id) low = mid + 1;
      else high = mid - 1;
    }
    return -(low + 1);
  }

  /** Records the latest line of a record; a later line for the same id replaces the earlier one. */
  upsert(record: HistoryRecord, offset: number, length: number, code: number): void {
    let slot: number;
    if (this.count === 0 || record.id > (this.ids[this.count - 1] ?? 0)) {
      slot = this.count;
      this.resize(this.count + 1);
      this.count += 1;
    } else {
      const found = this.find(record.id);
      if (found >= 0) {
        slot = found;
      } else {
        // Only a hand-edited file puts a new id below an existing one.
        slot = -found - 1;
        this.resize(this.count + 1);
        this.shiftUp(slot);
        this.count += 1;
      }
    }
    this.ids[slot] = record.id;
    this.offsets[slot] = offset;
    this.lengths[slot] = length;
    this.startedAt[slot] = record.startedAt;
    this.codes[slot] = code;
    this.reaches[slot] = record.delivery === 'not_sent' ? 0 : 1;
    this.who[slot] = this.intern({ sentBy: record.sentBy, osUser: record.osUser, host: record.host });
    this.verification[slot] = VERIFICATION_CODE.get(verificationOf(record.check)) ?? 0;
    this.prices[slot] = record.providerStatus?.price ?? Number.NaN;
    const at = slot * PHONE_WIDTH;
    this.phones.fill(0, at, at + PHONE_WIDTH);
    if (PHONE_DIGITS.test(record.phone)) this.phones.write(record.phone, at, 'latin1');
    const codeAt = slot * CODE_WIDTH;
    this.sentCodes.fill(0, codeAt, codeAt + CODE_WIDTH);
    if (record.code !== null && CODE_DIGITS.test(record.code)) this.sentCodes.write(record.code, codeAt, 'latin1');
  }

  private intern(operator: Operator): number {
    const key = operatorKey(operator);
    let id = this.operatorIds.get(key);
    if (id === undefined) {
      id = this.operators.length;
      this.operators.push(operator);
      this.operatorIds.set(key, id);
    }
    return id;
  }

  /** Drops the spare capacity left by doubling, keeping room for a session's appends. */
  trim(): void {
    const capacity = this.count + Math.max(1024, this.count >>> 3);
    if (capacity < this.ids.length) this.reallocate(capacity);
  }

  private resize(needed: number): void {
    if (needed > this.ids.length) this.reallocate(Math.max(needed, this.ids.length * 2));
  }

  private reallocate(capacity: number): void {
    const copy = <T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from.subarray(0, this.count));
      return to;
    };
    this.ids = copy(this.ids, new Float64Array(capacity));
    this.offsets = copy(this.offsets, new Float64Array(capacity));
    this.lengths = copy(this.lengths, new Uint32Array(capacity));
    this.startedAt = copy(this.startedAt, new Float64Array(capacity));
    this.codes = copy(this.codes, new Uint8Array(capacity));
    this.reaches = copy(this.reaches, new Uint8Array(capacity));
    this.who = copy(this.who, new Uint32Array(capacity));
    this.verification = copy(this.verification, new Uint8Array(capacity));
    this.prices = copy(this.prices, new Float64Array(capacity));
    const phones = Buffer.alloc(capacity * PHONE_WIDTH);
    this.phones.copy(phones, 0, 0, this.count * PHONE_WIDTH);
    this.phones = phones;
    const sentCodes = Buffer.alloc(capacity * CODE_WIDTH);
    this.sentCodes.copy(sentCodes, 0, 0, this.count * CODE_WIDTH);
    this.sentCodes = sentCodes;
  }

  private shiftUp(slot: number): void {
    const end = this.count;
    this.ids.copyWithin(slot + 1, slot, end);
    this.offsets.copyWithin(slot + 1, slot, end);
    this.lengths.copyWithin(slot + 1, slot, end);
    this.startedAt.copyWithin(slot + 1, slot, end);
    this.codes.copyWithin(slot + 1, slot, end);
    this.reaches.copyWithin(slot + 1, slot, end);
    this.who.copyWithin(slot + 1, slot, end);
    this.verification.copyWithin(slot + 1, slot, end);
    this.prices.copyWithin(slot + 1, slot, end);
    this.phones.copyWithin((slot + 1) * PHONE_WIDTH, slot * PHONE_WIDTH, end * PHONE_WIDTH);
    this.sentCodes.copyWithin((slot + 1) * CODE_WIDTH, slot * CODE_WIDTH, end * CODE_WIDTH);
  }
}

/** A byte string searched for in a fixed-width column; `atStart` keeps only matches that begin a slot. */
interface Needle {
  bytes: Buffer;
  atStart: boolean;
}

interface Filter {
  /** Phone needles (any one matches); empty when the search is not for digits. */
  phones: Needle[];
  /** A code to match exactly, or null. */
  code: Buffer | null;
  /** Folded name text to find in the sender's name, or null. */
  name: string | null;
  /** Per index code: 1 when it matches; null when outcomes do not filter. */
  codes: Uint8Array | null;
  /** Per VERIFICATION_FILTERS position: 1 when it matches; null when verification does not filter. */
  verification: Uint8Array | null;
  from: number;
  to: number;
  /** operatorKey() of the sender to match; null when senders do not filter. */
  operator: string | null;
}

/** Null when the query filters nothing. An empty `outcomes` list does not filter, nor does a search too short to make. */
export function compileFilter(query: HistoryQuery): Filter | null {
  const phones: Needle[] = [];
  let code: Buffer | null = null;
  let name: string | null = null;
  const terms = parseSearch(query.search ?? '');
  if (terms.kind === 'phone') {
    // The zero padding byte after the number makes this an exact match.
    phones.push({ bytes: Buffer.from(`${terms.canonical}\0`, 'latin1'), atStart: true });
  } else if (terms.kind === 'digits') {
    phones.push({ bytes: Buffer.from(terms.digits, 'latin1'), atStart: false });
    if (terms.start !== null) phones.push({ bytes: Buffer.from(terms.start, 'latin1'), atStart: true });
    if (terms.code !== null) code = Buffer.from(terms.code, 'latin1');
  } else if (terms.kind === 'name') {
    name = terms.text;
  }
  let codes: Uint8Array | null = null;
  if (query.outcomes !== undefined && query.outcomes.length > 0) {
    codes = new Uint8Array(CODE_COUNT);
    for (const outcome of query.outcomes) {
      if (outcome === 'pending') codes[PENDING] = 1;
      else if (outcome === 'interrupted') codes[INTERRUPTED] = 1;
      else codes[OUTCOME_CODE.get(outcome) ?? NO_OUTCOME] = 1;
    }
  }
  let verification: Uint8Array | null = null;
  if (query.verification !== undefined && query.verification.length > 0) {
    verification = new Uint8Array(VERIFICATION_FILTERS.length);
    for (const wanted of query.verification) verification[VERIFICATION_CODE.get(wanted) ?? 0] = 1;
  }
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  const operator = query.operator === undefined ? null : operatorKey(query.operator);
  if (phones.length === 0 && name === null && !codes && !verification && from === -Infinity && to === Infinity && operator === null) return null;
  return { phones, code, name, codes, verification, from, to, operator };
}

/** Marks every slot whose column holds the needle; a match must lie within one slot. */
function markColumn(column: Buffer, width: number, count: number, needle: Needle, marks: Uint8Array): void {
  const haystack = column.subarray(0, count * width);
  for (let at = haystack.indexOf(needle.bytes); at !== -1; ) {
    const slot = Math.floor(at / width);
    if (!needle.atStart || at % width === 0) marks[slot] = 1;
    at = haystack.indexOf(needle.bytes, needle.atStart && at % width !== 0 ? at + 1 : (slot + 1) * width);
  }
}

/** One byte per slot, 1 where the search matches; null when the filter does not search. */
function searchMarks(index: RecordIndex, filter: Filter): Uint8Array | null {
  if (filter.phones.length === 0 && filter.name === null) return null;
  const marks = new Uint8Array(index.count);
  for (const needle of filter.phones) markColumn(index.phones, PHONE_WIDTH, index.count, needle, marks);
  if (filter.code) markColumn(index.sentCodes, CODE_WIDTH, index.count, { bytes: filter.code, atStart: true }, marks);
  if (filter.name !== null) {
    const text = filter.name;
    const named = new Uint8Array(index.operators.map((sender) => (foldName(sender.sentBy).includes(text) ? 1 : 0)));
    if (named.includes(1)) for (let slot = 0; slot < index.count; slot++) marks[slot] = named[index.who[slot] ?? 0] ?? 0;
  }
  return marks;
}

/** Calls `visit` for every matching slot, newest first; returns how many matched. */
export function visitMatches(index: RecordIndex, filter: Filter, visit: (slot: number) => void): number {
  const { codes, verification, from, to } = filter;
  const marks = searchMarks(index, filter);
  // A sender the index has never seen matches nothing.
  const who = filter.operator === null ? null : (index.operatorIds.get(filter.operator) ?? -1);
  let total = 0;
  for (let slot = index.count - 1; slot >= 0; slot--) {
    if (marks !== null && marks[slot] !== 1) continue;
    const started = index.startedAt[slot] ?? 0;
    if (started < from || started >= to) continue;
    if (codes !== null && codes[index.codes[slot] ?? NO_OUTCOME] !== 1) continue;
    if (verification !== null && verification[index.verification[slot] ?? 0] !== 1) continue;
    if (who !== null && index.who[slot] !== who) continue;
    total += 1;
    visit(slot);
  }
  return total;
}

/**
 * Start times of the attempts to one phone since `since` that may have delivered a code, for the send
 * guards. Slots are in id order and ids are handed out in start order, so the window is found by walking
 * back over start times alone until the first older one (a clock set back past `since` and forward again
 * would end the walk early), and the phone is then found by a byte search of that window only.
 */
export function sendTimesSince(index: RecordIndex, phone: string, since: number): number[] {
  let first = index.count;
  while (first > 0 && (index.startedAt[first - 1] ?? 0) >= since) first -= 1;
  const key = Buffer.from(`${phone}\0`, 'latin1');
  const window = index.phones.subarray(first * PHONE_WIDTH, index.count * PHONE_WIDTH);
  const times: number[] = [];
  for (let at = window.indexOf(key); at !== -1; at = window.indexOf(key, at + 1)) {
    if (at % PHONE_WIDTH !== 0) continue;
    const slot = first + at / PHONE_WIDTH;
    if (index.reaches[slot] === 1) times.push(index.startedAt[slot] ?? 0);
  }
  return times;
}

export interface OperatorCounts {
  operator: Operator;
  sends: number;
  delivered: number;
  verified: number;
  failed: number;
  blocked: number;
  /** Recorded prices summed, and how many sends had one. */
  price: number;
  priced: number;
}

/**
 * Per sender over the matches: attempts that left (sends), those the service answered as sent
 * (delivered), those whose code the caller read back correctly (verified), those that ended any other
 * way (failed: refused, unknown or interrupted), and the ones a guard refused (blocked, not among the
 * sends), with the recorded prices summed. Attempts still under way count as sends only.
 */
export function summariseBySender(index: RecordIndex, filter: Filter | null): OperatorCounts[] {
  const rows = new Map<number, OperatorCounts>();
  const add = (slot: number) => {
    const who = index.who[slot] ?? 0;
    let row = rows.get(who);
    if (row === undefined) {
      row = { operator: index.operators[who] ?? { sentBy: '', osUser: null, host: null }, sends: 0, delivered: 0, verified: 0, failed: 0, blocked: 0, price: 0, priced: 0 };
      rows.set(who, row);
    }
    const code = index.codes[slot] ?? NO_OUTCOME;
    if (code === BLOCKED) {
      row.blocked += 1;
      return;
    }
    row.sends += 1;
    if (code === SENT) row.delivered += 1;
    else if (code !== PENDING) row.failed += 1;
    if (index.verification[slot] === VERIFIED) row.verified += 1;
    const price = index.prices[slot] ?? Number.NaN;
    if (!Number.isNaN(price)) {
      row.price += price;
      row.priced += 1;
    }
  };
  if (filter === null) for (let slot = 0; slot < index.count; slot++) add(slot);
  else visitMatches(index, filter, add);
  for (const row of rows.values()) row.price = roundMoney(row.price);
  // The busiest first; equals by name, so the order does not depend on who sent last.
  return [...rows.values()].sort((a, b) => b.sends + b.blocked - (a.sends + a.blocked) || a.operator.sentBy.localeCompare(b.operator.sentBy));
}

/** The recorded prices over the query, from the index alone. */
export function sumPrices(index: RecordIndex, filter: Filter | null): { total: number; priced: number } {
  let total = 0;
  let priced = 0;
  const add = (slot: number) => {
    const price = index.prices[slot] ?? Number.NaN;
    if (Number.isNaN(price)) return;
    total += price;
    priced += 1;
  };
  if (filter === null) for (let slot = 0; slot < index.count; slot++) add(slot);
  else visitMatches(index, filter, add);
  return { total: roundMoney(total), priced };
}

/** A sum of binary fractions would otherwise read 0.6000000000000001. */
const roundMoney = (sum: number) => Math.round(sum * 1e6) / 1e6;
