import type { TFunction } from 'i18next';
import type { ProviderStatus } from '../../shared/account-schema.ts';

/**
 * What get_status said, in words that never claim more than the provider did: its flag as a number,
 * its own text verbatim, and "unknown" with the reason for anything else.
 */
export function providerStatusText(status: ProviderStatus | null, t: TFunction<'loop'>): string {
  if (status === null) return t('status.none');
  const flag = status.delivered === null ? t('status.unknown', { reason: status.reason ?? '' }) : t(status.delivered ? 'status.success' : 'status.failure');
  const parts = [flag];
  if (status.statusInfo !== null) parts.push(`«${status.statusInfo}»`);
  if (status.delivered !== null && status.reason !== null) parts.push(`(${t('status.lastFailed', { reason: status.reason })})`);
  return parts.join(' ');
}

/** A status that can still change and may be asked for again: nothing final came back yet. */
export function statusMayChange(status: ProviderStatus | null): boolean {
  return status?.delivered !== true;
}
