import { SLOT } from '../helpdesk/slots'
import { defineAction, slotSet, type Action } from '../sdk'

/** `action_fallback`: asks to rephrase; from the second consecutive miss also offers a human. */
export const actionFallback: Action = defineAction({
  name: 'action_fallback',
  run(dispatcher, tracker) {
    const previous = Number(tracker.getSlot(SLOT.jumlahFallback))
    const count = (Number.isFinite(previous) && previous > 0 ? previous : 0) + 1
    if (count >= 2) {
      dispatcher.utterMessage({
        text: 'Maaf, saya belum memahami. Coba ulangi pertanyaannya dengan kalimat lain, atau bicara langsung dengan petugas kami.',
        buttons: [{ title: 'Hubungi petugas', payload: '/minta_petugas' }]
      })
    } else {
      dispatcher.utterMessage({ text: 'Maaf, saya belum memahami. Coba ulangi pertanyaannya.' })
    }
    return [slotSet(SLOT.jumlahFallback, count)]
  }
})
