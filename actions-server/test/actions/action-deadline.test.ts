/**
 * Issue 11.7: every action answers before the gateway gives up on Rasa (RASA_TIMEOUT_MS, 15 s by
 * default), retries of slow agency APIs included; the user never has a reason to ask twice.
 */
import pino from 'pino'
import { withActionDeadline } from '../../src/helpdesk/action-deadline'
import { CollectingDispatcher, Tracker, defineAction } from '../../src/sdk'
import {
  BUDI_NIP,
  CLEARED,
  confirmedBudi,
  slotsOf,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'
import { startLoopbackFake, type LoopbackFake } from '@helpdesk/core/testing'
import { startWhatsAppCloudFake, whatsAppCloudSettings } from '../helpers/provider-fakes'

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = Date.now()
  const result = await fn()
  return { ms: Date.now() - started, result }
}

describe('ACTION_DEADLINE_MS over POST /webhook', () => {
  let h: Harness
  let slow: LoopbackFake
  beforeEach(async () => {
    slow = await startLoopbackFake(() => ({ status: 200, hang: true }))
  })
  afterEach(async () => {
    await h.close()
    await slow.close()
  })

  it('When the HR API never answers, then the identity check answers by the deadline instead of after three full timeouts', async () => {
    h = await startHarness({
      DIRECTORY_API_URL: slow.url,
      HTTP_TIMEOUT_MS: '3000',
      ACTION_DEADLINE_MS: '1200'
    })
    const { ms, result } = await timed(
      async () =>
        await h.post(
          turnCall('validate_lupa_password_form', {
            text: BUDI_NIP,
            intent: 'inform',
            form: 'lupa_password_form',
            requested: 'identitas',
            slots: { sistem: 'email_dinas' },
            candidates: { identitas: BUDI_NIP }
          })
        )
    )
    // without the deadline: three 3 s timeouts; the bound is one timeout, so machine load cannot flake it
    expect(ms).toBeLessThan(3000)
    expect(textsOf(result.body.responses)).toContain(
      'data kepegawaian sedang tidak dapat kami akses'
    )
    expect(slotsOf(result.body.events)).toMatchObject({ status_identitas: 'gagal' })
  })

  it('When the reset API never answers, then the reset answers by the deadline with a ticket for staff, and a retry is told the request stands', async () => {
    // RESET_PROVIDER=http needs WHATSAPP_MODE=cloud (issue 11.5); the Cloud API is a loopback fake.
    const wa = await startWhatsAppCloudFake('wamid.OK1')
    h = await startHarness({
      RESET_PROVIDER: 'http',
      RESET_API_URL: slow.url,
      HTTP_TIMEOUT_MS: '5000',
      ACTION_DEADLINE_MS: '1500',
      ...whatsAppCloudSettings(wa)
    })
    const closeHarness = h.close
    h.close = async () => {
      await closeHarness()
      await wa.close()
    }
    const call = (messageId: string) =>
      turnCall('action_reset_password', {
        text: 'ya',
        intent: 'affirm',
        slots: { sistem: 'email_dinas', ...confirmedBudi },
        messageId
      })
    const { ms, result } = await timed(async () => await h.post(call('slow-1')))
    // without the deadline: at least one 5 s timeout
    expect(ms).toBeLessThan(5000)
    const text = textsOf(result.body.responses)
    expect(text).toMatch(
      /Permintaan reset password E-mail dinas sudah kami catat dengan nomor tiket TIK-\d{8}-\d{4}\. Petugas akan mengirim password sementara/
    )
    expect(result.body.events).toEqual(CLEARED)
    const again = await h.post(call('slow-2'))
    expect(textsOf(again.body.responses)).toContain('tetap berlaku, jadi tidak kami ulangi')
    expect(slow.requests.filter((r) => r.url === '/reset-password')).toHaveLength(1)
  })
})

describe('withActionDeadline, the safety net for anything that is not an outbound call', () => {
  const silent = pino({ level: 'silent' })
  const tracker = (events: Array<Record<string, unknown>>): Tracker =>
    Tracker.fromState({ sender_id: '1', slots: { identitas: '123' }, events } as never)
  const hanging = (name: string, finished: { done: boolean }) =>
    defineAction({
      name,
      async run(dispatcher) {
        await new Promise((resolve) => setTimeout(resolve, 1500))
        finished.done = true
        dispatcher.utterMessage({ text: 'late' })
        return []
      }
    })

  it('When a finishing action hangs, then the user gets an honest answer at the deadline and the action still completes once in the background', async () => {
    const finished = { done: false }
    const dispatcher = new CollectingDispatcher()
    const { ms, result } = await timed(
      async () =>
        await withActionDeadline(hanging('action_reset_password', finished), 300, silent).run(
          dispatcher,
          tracker([]),
          {}
        )
    )
    // the hanging action takes 1.5 s; the answer comes at the 0.3 s deadline
    expect(ms).toBeLessThan(1400)
    expect(dispatcher.messages.map((m) => m.text)).toEqual([
      expect.stringContaining('mengulanginya tidak akan membuat reset kedua')
    ])
    expect(result).toEqual(CLEARED)
    await new Promise((resolve) => setTimeout(resolve, 1400))
    expect(finished.done).toBe(true)
    expect(dispatcher.messages).toHaveLength(1)
  })

  it('When a form validation hangs, then the slots it was asked to check are rejected (nothing unchecked is kept)', async () => {
    const dispatcher = new CollectingDispatcher()
    const result = await withActionDeadline(
      hanging('validate_daftar_tte_form', { done: false }),
      200,
      silent
    ).run(
      dispatcher,
      tracker([
        { event: 'action', name: 'daftar_tte_form' },
        { event: 'slot', name: 'identitas', value: '123' }
      ]),
      {}
    )
    expect(result).toEqual([{ event: 'slot', timestamp: null, name: 'identitas', value: null }])
    expect(dispatcher.messages.map((m) => m.text)).toEqual([
      'Maaf, pemeriksaan data sedang lambat. Silakan kirim jawaban Anda sekali lagi sebentar lagi.'
    ])
  })
})
