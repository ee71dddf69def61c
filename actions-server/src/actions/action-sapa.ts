import type { HelpdeskDeps } from '../helpdesk/deps'
import { SLOT, resetRequestSlots } from '../helpdesk/slots'
import { defineAction, slotSet, type Action, type Tracker } from '../sdk'

export const SERVICE_BUTTONS = [
  { title: 'Lupa password', payload: '/lupa_password' },
  { title: 'Lupa akun e-mail', payload: '/lupa_email' },
  { title: 'Daftar TTE', payload: '/daftar_tte' },
  { title: 'Cek status TTE', payload: '/cek_status_tte' },
  { title: 'Hubungi petugas', payload: '/minta_petugas' }
]

/** True for /start (the gateway's `metadata.telegram.start`, or the text itself). */
function isStart(tracker: Tracker): boolean {
  const telegram = (
    tracker.latestMessage.metadata as { telegram?: { start?: unknown } } | undefined
  )?.telegram
  if (
    telegram !== undefined &&
    telegram !== null &&
    typeof telegram === 'object' &&
    telegram.start !== undefined
  )
    return true
  return /^\/start\b/.test(tracker.latestMessageText?.trim() ?? '')
}

/**
 * `action_sapa`: the greeting with the service buttons; on /start the personal-data notice first.
 * Resets `jumlah_fallback` (and, outside a form, the other request slots).
 */
export function createActionSapa(deps: Pick<HelpdeskDeps, 'knowledge'>): Action {
  return defineAction({
    name: 'action_sapa',
    run(dispatcher, tracker) {
      if (isStart(tracker))
        dispatcher.utterMessage({ text: deps.knowledge.teks.pemberitahuan_privasi })
      dispatcher.utterMessage({
        text: `Halo! Saya asisten virtual ${deps.knowledge.helpdesk.nama}. Apa yang bisa kami bantu? Silakan pilih layanan di bawah ini atau ketik pertanyaan Anda.`,
        buttons: SERVICE_BUTTONS
      })
      // Outside a form a greeting is a fresh start: leftovers of an abandoned request are cleared.
      return tracker.activeLoopName === null
        ? resetRequestSlots()
        : [slotSet(SLOT.jumlahFallback, 0)]
    }
  })
}
