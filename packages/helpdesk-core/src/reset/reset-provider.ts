/** What the account-reset step produced for one request. */
export type ResetOutcome =
  /** Nothing automatic happened: the ticket goes to staff (provider `manual`, or the API could not help). */
  | { kind: 'manual'; reason: 'manual_provider' | 'account_not_found' | 'api_unavailable' }
  | { kind: 'temporary_password'; password: string; expiresAt?: string }
  | { kind: 'link'; url: string; expiresAt?: string }

export interface ResetRequest {
  /** Knowledge-base id of the system, e.g. `email_dinas`. */
  sistem: string
  nip: string
  ticketNumber: string
  /** Same key for a repeated request, so the agency API can deduplicate. */
  idempotencyKey: string
}

/** RESET_PROVIDER: `manual` (ticket for staff, nothing invented) or `http` (agency API). */
export interface ResetProvider {
  readonly kind: 'manual' | 'http'
  requestReset(request: ResetRequest): Promise<ResetOutcome>
}

export const manualResetProvider: ResetProvider = {
  kind: 'manual',
  async requestReset() {
    return { kind: 'manual', reason: 'manual_provider' }
  }
}
