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

/** A `status_identitas` that ends the identity check: the form stops asking, a human is offered. */
export type FailedIdentityStatus = Exclude<IdentityStatus, 'valid'>

/**
 * The one identity-status guard: `gagal` or `dibatasi` as a typed value (a form skips the
 * confirmation, the finishing action offers a human), anything else undefined.
 */
export function failedIdentityStatus(value: unknown): FailedIdentityStatus | undefined {
  return value === 'gagal' || value === 'dibatasi' ? value : undefined
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
