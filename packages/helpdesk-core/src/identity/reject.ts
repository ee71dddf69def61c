import type { IdentityErrorCode, IdentityResult } from './types'

/** A failed identity check with its Indonesian explanation. */
export function reject<T>(code: IdentityErrorCode, message: string): IdentityResult<T> {
  return { ok: false, error: { code, message } }
}
