/** The satisfaction survey (CSAT / SKM) of a self-service conversation, over POST /webhook. */
import { SENDER, startHarness, textsOf, turnCall, type Harness } from '../helpers/helpdesk-harness'

const OTHER = '5550099'

function surveyRows(h: Harness): Promise<Array<Record<string, unknown>>> {
  return h.deps.store.sql.all('SELECT * FROM csat_surveys ORDER BY id')
}

const rate = (value: string, sender = SENDER): ReturnType<typeof turnCall> =>
  turnCall('action_simpan_nilai', {
    text: `/beri_nilai{"nilai":"${value}"}`,
    intent: 'beri_nilai',
    entities: [{ entity: 'nilai', value }],
    slots: { nilai: value },
    sender
  })

const comment = (text: string, intent = 'out_of_scope'): ReturnType<typeof turnCall> =>
  turnCall('validate_survei_komentar_form', {
    text,
    intent,
    form: 'survei_komentar_form',
    requested: 'komentar_survei',
    candidates: { komentar_survei: text }
  })

const slot = (name: string, value: unknown): Record<string, unknown> => ({
  event: 'slot',
  timestamp: null,
  name,
  value
})

describe('satisfaction survey actions over POST /webhook', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  it('When the conversation ends, then the survey is asked with five rating buttons, and not again in the same session', async () => {
    const goodbye = turnCall('action_tawarkan_survei', {
      text: 'tidak, terima kasih',
      intent: 'deny'
    })
    const first = await h.post(goodbye)
    expect(first.status).toBe(200)
    expect(first.body.responses).toHaveLength(1)
    expect(first.body.responses[0]!.text).toMatch(/Seberapa puas Anda/)
    expect(first.body.responses[0]!.buttons?.map((b) => b.payload)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `/beri_nilai{"nilai":"${n}"}`)
    )
    const session = (goodbye.tracker.events ?? []).find((e) => e.event === 'session_started')!
    expect(await surveyRows(h)).toEqual([
      expect.objectContaining({
        conversation_key: `sesi:${SENDER}:${new Date(session.timestamp! * 1000).toISOString()}`,
        sender_id: SENDER,
        source: 'layanan_mandiri',
        rating: null
      })
    ])

    const again = await h.post(goodbye)
    expect(again.body.responses).toEqual([])
    expect(await surveyRows(h)).toHaveLength(1)
  })

  it('When the user rates 5, then the rating is stored and thanked, and a second press adds nothing', async () => {
    await h.post(turnCall('action_tawarkan_survei', { text: 'tidak', intent: 'deny' }))

    const first = await h.post(rate('5'))
    expect(textsOf(first.body.responses)).toMatch(/Terima kasih atas penilaian Anda/)
    expect(first.body.events).toEqual([slot('nilai', null), slot('survei_minta_komentar', false)])
    expect((await surveyRows(h))[0]).toMatchObject({ rating: 5, comment: null })

    const second = await h.post(rate('1'))
    expect(textsOf(second.body.responses)).toMatch(/sudah kami terima sebelumnya/)
    expect(await surveyRows(h)).toHaveLength(1)
    expect((await surveyRows(h))[0]).toMatchObject({ rating: 5 })
  })

  it('When the user rates 2, then the comment is asked for and the next message is stored as the comment, never logged', async () => {
    await h.post(turnCall('action_tawarkan_survei', { text: 'tidak', intent: 'deny' }))

    const rated = await h.post(rate('2'))
    expect(rated.body.events).toEqual([slot('nilai', null), slot('survei_minta_komentar', true)])

    const typed = 'Petunjuknya kurang jelas, langkah ketiga membingungkan'
    const answered = await h.post(comment(typed))
    expect(answered.status).toBe(200)
    expect(answered.body.events).toEqual(
      expect.arrayContaining([
        slot('komentar_survei', 'dicatat'),
        slot('survei_minta_komentar', false)
      ])
    )
    expect((await surveyRows(h))[0]).toMatchObject({ rating: 2, comment: typed })
    expect(h.logs.text()).toContain('satisfaction comment received')
    expect(h.logs.text()).not.toContain('membingungkan')
  })

  it('When the user skips the comment ("lewati") or presses a rating again, then nothing is stored as comment', async () => {
    await h.post(turnCall('action_tawarkan_survei', { text: 'tidak', intent: 'deny' }))
    await h.post(rate('3'))

    const skipped = await h.post(comment('Lewati', 'deny'))
    expect(skipped.body.events).toEqual(
      expect.arrayContaining([slot('komentar_survei', 'dilewati')])
    )
    const pressed = await h.post(comment('/beri_nilai{"nilai":"3"}', 'beri_nilai'))
    expect(pressed.body.events).toEqual(
      expect.arrayContaining([slot('komentar_survei', 'dilewati')])
    )
    expect((await surveyRows(h))[0]).toMatchObject({ rating: 3, comment: null })
  })

  it('When the user types "nilai 4 ya" and the NLU tagged no entity, then the digit in the text is the rating', async () => {
    await h.post(turnCall('action_tawarkan_survei', { text: 'tidak', intent: 'deny' }))
    const { body } = await h.post(
      turnCall('action_simpan_nilai', { text: 'nilai 4 ya', intent: 'beri_nilai' })
    )
    expect(textsOf(body.responses)).toMatch(/Terima kasih atas penilaian Anda/)
    expect((await surveyRows(h))[0]).toMatchObject({ rating: 4 })
  })

  it('When someone never asked sends a rating, then nothing is stored and the answer is polite', async () => {
    const { body } = await h.post(rate('4', OTHER))
    expect(textsOf(body.responses)).toMatch(/tidak ada penilaian yang perlu Anda isi/)
    expect(await surveyRows(h)).toEqual([])
  })

  it('When the rating is not 1-5, then the user is asked to use the buttons and nothing is stored', async () => {
    await h.post(turnCall('action_tawarkan_survei', { text: 'tidak', intent: 'deny' }))
    const { body } = await h.post(rate('9'))
    expect(textsOf(body.responses)).toMatch(/angka 1 sampai 5/)
    expect((await surveyRows(h))[0]).toMatchObject({ rating: null })
  })
})
