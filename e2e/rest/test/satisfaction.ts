import Database from 'better-sqlite3'
import type { RestChat } from '../src/rest-chat'
import type { Stack } from '../src/stack'

const RATING_PAYLOADS = [1, 2, 3, 4, 5].map((n) => `/beri_nilai{"nilai":"${n}"}`)

/** The satisfaction surveys of one chat, read-only from the action server's database. */
function surveysOf(databaseFile: string, sender: string): Array<Record<string, unknown>> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    return db
      .prepare('SELECT * FROM csat_surveys WHERE sender_id = ? ORDER BY id')
      .all(sender) as Array<Record<string, unknown>>
  } finally {
    db.close()
  }
}

/**
 * Issue 15.3 through real Rasa and the real action server: the survey after "tidak, terima
 * kasih", a low rating with its comment stored in the database, no second survey in the same
 * session, and an ignored survey that blocks nothing. Registered from conversations.test.ts so it
 * shares that file's single Rasa start-up.
 */
export function describeSatisfaction(stack: Stack, chat: (name: string) => RestChat): void {
  describe('10. satisfaction survey (issue 15.3)', () => {
    test('When a self-service conversation ends and the user rates 2 with a comment, then the row holds rating and comment, asked once per session', async () => {
      const c = chat('csat')
      await c.say('lupa akun email')
      const bye = await c.say('/deny')
      expect(bye.text).toMatch(/Terima kasih telah menghubungi/)
      expect(bye.text).toMatch(/Seberapa puas Anda/)
      expect(bye.payloads()).toEqual(RATING_PAYLOADS)

      const rated = await c.say(RATING_PAYLOADS[1]!)
      expect(rated.text).toMatch(/Terima kasih atas penilaian Anda/)
      expect(rated.text).toMatch(/Apa yang bisa kami perbaiki/)
      const thanked = await c.say('Panduannya kurang jelas untuk pegawai baru')
      expect(thanked.text).toMatch(/penilaian Anda membantu kami/)

      const rows = surveysOf(stack.databaseFile, c.sender)
      expect(rows).toEqual([
        expect.objectContaining({
          source: 'layanan_mandiri',
          rating: 2,
          comment: 'Panduannya kurang jelas untuk pegawai baru',
          ticket_number: null
        })
      ])
      expect(String(rows[0]!.conversation_key)).toMatch(
        new RegExp(`^sesi:${c.sender}:\\d{4}-\\d\\d-\\d\\dT`)
      )

      // The same button again: answered politely, nothing stored twice.
      const again = await c.say(RATING_PAYLOADS[4]!)
      expect(again.text).toMatch(/sudah kami terima sebelumnya/)
      // Another service and another "tidak" in the same session: goodbye, no second survey.
      await c.say('lupa akun email')
      const byeAgain = await c.say('/deny')
      expect(byeAgain.text).toMatch(/Terima kasih telah menghubungi/)
      expect(byeAgain.payloads()).toEqual([])
      expect(surveysOf(stack.databaseFile, c.sender)).toHaveLength(1)
      expect(surveysOf(stack.databaseFile, c.sender)[0]).toMatchObject({ rating: 2 })
    })

    test('When the user ignores the survey and asks for something else, then the bot goes on normally', async () => {
      const c = chat('csat-ignored')
      await c.say('lupa akun email')
      const bye = await c.say('/deny')
      expect(bye.payloads()).toEqual(RATING_PAYLOADS)
      const ask = await c.say('mau daftar tte')
      expect(ask.text).toMatch(/NIP/)
      expect(surveysOf(stack.databaseFile, c.sender)).toEqual([
        expect.objectContaining({ rating: null, comment: null })
      ])
    })
  })
}
