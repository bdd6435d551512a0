import { SETTING_KEYS, SettingsPatch, type SettingKey, type Settings } from '../../../shared/settings-schema.ts';

export { SETTING_KEYS, type SettingKey };

/** The form's working copy: numbers stay text while the operator types; the timeout is in seconds. */
export interface Draft {
  mode: Settings['mode'];
  apiBaseUrl: string;
  method: Settings['method'];
  timeoutSeconds: string;
  phonePrefix: Settings['phonePrefix'];
  language: Settings['language'];
  operatorName: string;
  keepCodes: boolean;
  retentionDays: string;
  csvDelimiter: Settings['csvDelimiter'];
  cooldownSeconds: string;
  dailyCapPerPhone: string;
  reconcileCount: string;
  checkTries: string;
  blindCheck: boolean;
  lowBalanceSends: string;
}

export function toDraft(settings: Settings): Draft {
  return {
    mode: settings.mode,
    apiBaseUrl: settings.apiBaseUrl,
    method: settings.method,
    timeoutSeconds: String(settings.timeoutMs / 1000),
    phonePrefix: settings.phonePrefix,
    language: settings.language,
    operatorName: settings.operatorName,
    keepCodes: settings.keepCodes,
    retentionDays: String(settings.retentionDays),
    csvDelimiter: settings.csvDelimiter,
    cooldownSeconds: String(settings.cooldownSeconds),
    dailyCapPerPhone: String(settings.dailyCapPerPhone),
    reconcileCount: String(settings.reconcileCount),
    checkTries: String(settings.checkTries),
    blindCheck: settings.blindCheck,
    lowBalanceSends: String(settings.lowBalanceSends),
  };
}

// Text that is not a plain number becomes NaN, which the schema then rejects with the field's own message.
function parseNumber(text: string): number {
  const normalized = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : Number.NaN;
}

/** The draft as settings values, not yet validated. */
function fromDraft(draft: Draft): Record<SettingKey, unknown> {
  return {
    mode: draft.mode,
    apiBaseUrl: draft.apiBaseUrl.trim(),
    method: draft.method,
    timeoutMs: Math.round(parseNumber(draft.timeoutSeconds) * 1000),
    phonePrefix: draft.phonePrefix,
    language: draft.language,
    // The schema puts it on one trimmed line.
    operatorName: draft.operatorName,
    keepCodes: draft.keepCodes,
    retentionDays: parseNumber(draft.retentionDays),
    csvDelimiter: draft.csvDelimiter,
    cooldownSeconds: parseNumber(draft.cooldownSeconds),
    dailyCapPerPhone: parseNumber(draft.dailyCapPerPhone),
    reconcileCount: parseNumber(draft.reconcileCount),
    checkTries: parseNumber(draft.checkTries),
    blindCheck: draft.blindCheck,
    lowBalanceSends: parseNumber(draft.lowBalanceSends),
  };
}

export type Changes = { ok: true; patch: SettingsPatch } | { ok: false; invalid: SettingKey[] };

/**
 * Only the settings among `keys` that the operator changed, validated by the same schema main uses.
 * A value the schema normalises back to the saved one (a name with a trailing space) is no change.
 */
export function changesFrom(saved: Settings, draft: Draft, keys: readonly SettingKey[] = SETTING_KEYS): Changes {
  const candidate = fromDraft(draft);
  const changed: Partial<Record<SettingKey, unknown>> = {};
  for (const key of keys) {
    if (!Object.is(candidate[key], saved[key])) changed[key] = candidate[key];
  }
  const parsed = SettingsPatch.safeParse(changed);
  if (!parsed.success) {
    const invalid = new Set(parsed.error.issues.map((issue) => issue.path[0]).filter((key): key is SettingKey => SETTING_KEYS.includes(key as SettingKey)));
    return { ok: false, invalid: [...invalid] };
  }
  const patch = Object.fromEntries(Object.entries(parsed.data).filter(([key, value]) => !Object.is(value, saved[key as SettingKey]))) as SettingsPatch;
  return { ok: true, patch };
}
