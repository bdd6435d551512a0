import { z } from 'zod';

/**
 * What one check of the code the caller read back says: it matches, it does not, the code's 90 s are
 * over, there is no code to compare (the API returned none, or it was not kept), or the wrong tries
 * of this send have run out and a new code must be sent.
 */
export const CHECK_VERDICTS = ['match', 'mismatch', 'expired', 'no_code', 'failed'] as const;
export const CheckVerdict = z.enum(CHECK_VERDICTS);
export type CheckVerdict = z.infer<typeof CheckVerdict>;

/** The checks of one send, as its history record keeps them. */
export const CheckState = z.object({
  /** verified: a check matched; failed: the wrong tries ran out; open: checked, neither yet. */
  state: z.enum(['verified', 'failed', 'open']),
  wrongTries: z.number().int().nonnegative(),
  checks: z.number().int().nonnegative(),
  lastVerdict: CheckVerdict,
  lastAt: z.number(),
});
export type CheckState = z.infer<typeof CheckState>;

/** The history's verification filter; `failed` is every send checked but not verified. */
export const VERIFICATION_FILTERS = ['verified', 'failed', 'not_checked'] as const;
export const VerificationFilter = z.enum(VERIFICATION_FILTERS);
export type VerificationFilter = z.infer<typeof VerificationFilter>;

export function verificationOf(check: CheckState | null): VerificationFilter {
  if (check === null) return 'not_checked';
  return check.state === 'verified' ? 'verified' : 'failed';
}
