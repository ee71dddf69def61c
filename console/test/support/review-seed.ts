import { action, agent, bot, pause, resume, sessionStart, slot, user } from './rasa-events'
import type { TrackerBatch } from './rasa-venv'

/** Epoch seconds of a WIB wall-clock time ("2026-06-17T08:00"). */
export const wib = (local: string): number => Date.parse(`${local}:00+07:00`) / 1000

/**
 * Conversations of a week (console clock: Wednesday 17 June 2026, 10.00 WIB), saved in an
 * interleaved order as a running Rasa would save them:
 * A  tg-a 17 Jun 08.00  a message the bot did not understand (nlu_fallback → action_fallback)
 * D  tg-a 17 Jun 09.00  a second session of the same chat, rated 5
 * B  tg-b 16 Jun 10.00  asked for a person: action_hubungi_petugas + ticket; the ticket rated 3 later
 * C  tg-c 15 Jun 10.00  self-service, rated 2 in the session
 * E  tg-e 14 Jun 10.00  a staff member took over (pause … resume)
 * F  tg-f  1 Jun 10.00  not understood, outside the default period (last 7 days)
 * P1..P27              one greeting each on 20 May 2026 (pagination)
 */
export function reviewWeek(): TrackerBatch[] {
  const a = wib('2026-06-17T08:00')
  const b = wib('2026-06-16T10:00')
  const c = wib('2026-06-15T10:00')
  const e = wib('2026-06-14T10:00')
  const f = wib('2026-06-01T10:00')
  const d = wib('2026-06-17T09:00')
  const greet = (t: number) => [
    user(t + 10, 'halo', 'greet', 0.98),
    action(t + 11, 'action_sapa'),
    bot(t + 11, 'Halo! Ada yang bisa kami bantu?'),
    action(t + 12, 'action_listen')
  ]
  const batches: TrackerBatch[] = [
    { sender_id: 'tg-a', events: [...sessionStart(a), ...greet(a)] },
    {
      sender_id: 'tg-b',
      events: [
        ...sessionStart(b),
        user(b + 20, 'tolong sambungkan ke petugas', 'minta_petugas', 0.91),
        action(b + 21, 'action_hubungi_petugas'),
        bot(b + 21, 'Permintaan Anda kami teruskan ke petugas: TIK-20260616-0001.'),
        action(b + 22, 'action_listen')
      ]
    },
    {
      sender_id: 'tg-a',
      events: [
        user(
          a + 60,
          'hp saya 0812 3456 7890 ga bisa login simpeg, email budi.santoso@example.go.id',
          'nlu_fallback',
          0.31
        ),
        action(a + 61, 'action_fallback'),
        bot(a + 61, 'Maaf, saya belum memahami pesan Anda.'),
        action(a + 62, 'action_listen')
      ]
    },
    {
      sender_id: 'tg-c',
      events: [
        ...sessionStart(c),
        user(c + 20, 'lupa password simpeg', 'lupa_password', 0.95),
        action(c + 21, 'lupa_password_form'),
        { event: 'active_loop', timestamp: c + 21, name: 'lupa_password_form' },
        slot(c + 21, 'requested_slot', 'identitas'),
        bot(c + 21, 'Silakan kirim NIP Anda.'),
        action(c + 22, 'action_listen'),
        user(c + 40, '198503152010011001', 'inform', 0.97, [
          { entity: 'nip', value: '198503152010011001' }
        ]),
        slot(c + 41, 'identitas', '198503152010011001'),
        action(c + 41, 'lupa_password_form'),
        { event: 'active_loop', timestamp: c + 41, name: null },
        action(c + 42, 'action_reset_password'),
        action(c + 43, 'action_listen')
      ]
    },
    {
      sender_id: 'tg-e',
      events: [
        ...sessionStart(e),
        user(e + 20, 'daftar tte nip 198707222011032001', 'daftar_tte', 0.9),
        action(e + 21, 'daftar_tte_form'),
        action(e + 22, 'action_listen'),
        pause(e + 60),
        bot(e + 70, 'Selamat pagi, saya Rina dari helpdesk.', [], { petugas: 'rina' }),
        user(e + 90, 'baik bu', 'affirm', 0.8),
        agent(e + 100, 'Sudah kami proses.'),
        resume(e + 200)
      ]
    },
    {
      sender_id: 'tg-f',
      events: [
        ...sessionStart(f),
        user(f + 20, 'zzz qqq', 'nlu_fallback', 0.2),
        action(f + 21, 'action_fallback'),
        action(f + 22, 'action_listen')
      ]
    },
    { sender_id: 'tg-a', events: [...sessionStart(d), ...greet(d)] }
  ]
  for (let i = 1; i <= 27; i++) {
    const t = wib('2026-05-20T08:00') + i * 60
    batches.push({ sender_id: `tg-p${i}`, events: [...sessionStart(t), ...greet(t)] })
  }
  return batches
}
