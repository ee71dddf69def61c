import { slotSet, type SlotSetEvent, type Tracker } from '../sdk'

/** Slot names from docs/dialogue-design.md. */
export const SLOT = {
  sistem: 'sistem',
  identitas: 'identitas',
  jenisIdentitas: 'jenis_identitas',
  ringkasan: 'ringkasan_identitas',
  konfirmasi: 'konfirmasi',
  status: 'status_identitas',
  percobaan: 'percobaan_identitas',
  jumlahFallback: 'jumlah_fallback'
} as const

/** Placeholder kept in `identitas` after a failed/limited identity so the form can finish. */
export const NO_IDENTITY = '-'

export type IdentityStatus = 'valid' | 'gagal' | 'dibatasi'

function identityStatus(tracker: Tracker): IdentityStatus | null {
  const value = tracker.getSlot(SLOT.status)
  return value === 'valid' || value === 'gagal' || value === 'dibatasi' ? value : null
}

/**
 * Where a finishing action stands with the identity its form collected: `failed` (gagal or
 * dibatasi: offer a human), `unconfirmed` (no valid identity, or the summary not confirmed when
 * the action needs that) or `valid`. The one check every identity-needing action starts with.
 */
export type IdentityGate =
  | { kind: 'valid' }
  | { kind: 'unconfirmed' }
  | { kind: 'failed'; status: Exclude<IdentityStatus, 'valid'> }

export function identityGate(
  tracker: Tracker,
  options: { requireConfirmation: boolean }
): IdentityGate {
  const status = identityStatus(tracker)
  if (status === 'gagal' || status === 'dibatasi') return { kind: 'failed', status }
  if (status !== 'valid') return { kind: 'unconfirmed' }
  if (options.requireConfirmation && tracker.getSlot(SLOT.konfirmasi) !== true)
    return { kind: 'unconfirmed' }
  return { kind: 'valid' }
}

export function attempts(tracker: Tracker): number {
  const value = Number(tracker.getSlot(SLOT.percobaan))
  return Number.isFinite(value) && value > 0 ? value : 0
}

/** Every finishing action clears the request slots (so the next request asks again). */
export function resetRequestSlots(): SlotSetEvent[] {
  return [
    slotSet(SLOT.sistem, null),
    slotSet(SLOT.identitas, null),
    slotSet(SLOT.jenisIdentitas, null),
    slotSet(SLOT.ringkasan, null),
    slotSet(SLOT.konfirmasi, null),
    slotSet(SLOT.status, null),
    slotSet(SLOT.percobaan, null),
    slotSet(SLOT.jumlahFallback, 0)
  ]
}
