import type { SettingKey } from '../../../shared/settings-schema.ts';

/**
 * Which settings an operator changes for themselves and which IT sets for the workplace: each group is
 * its own form with its own Save. A new setting goes into one list (a unit test checks each setting is
 * in exactly one).
 */
export const OPERATOR_KEYS: readonly SettingKey[] = ['language', 'operatorName', 'keepCodes'];
export const ADMIN_KEYS: readonly SettingKey[] = [
  'mode',
  'apiBaseUrl',
  'method',
  'timeoutMs',
  'phonePrefix',
  'retentionDays',
  'csvDelimiter',
  // The code check is the workplace's rule: an operator who could turn blind mode off could read codes out.
  'checkTries',
  'blindCheck',
  'lowBalanceSends',
  // The repeat-send limits and the reconciliation guard the account's money: the workplace's to set.
  'cooldownSeconds',
  'dailyCapPerPhone',
  'reconcileCount',
];

export type SettingsGroup = 'operator' | 'admin';
export const GROUP_KEYS: Record<SettingsGroup, readonly SettingKey[]> = { operator: OPERATOR_KEYS, admin: ADMIN_KEYS };
