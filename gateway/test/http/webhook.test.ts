import { aCallbackUpdate, aMyChatMemberUpdate, aTextUpdate } from '../fakes'
import { hasText, startHarness, type Harness } from '../helpers/harness'

const SECRET = 'webhook_SECRET-123'
const HOOK = 'https://bot.example.go.id/telegram/webhook'

describe('gateway in webhook mode (real HTTP)', () => {
  let h: Harness
  let hook: string
  beforeEach(async () => {
    h = await startHarness({
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: HOOK,
      TELEGRAM_WEBHOOK_SECRET: SECRET
    })
    hook = `${h.gateway.url}/telegram/webhook`
  })
  afterEach(async () => {
    await h.close()
  })

  test('When the gateway starts, then it calls getMe once and setWebhook with the secret token and allowed updates', async () => {
    expect(h.api.calls.map((c) => [c.method, c.payload])).toEqual([
      ['getMe', {}],
      [
        'setWebhook',
        {
          url: HOOK,
          secret_token: SECRET,
          allowed_updates: ['message', 'edited_message', 'callback_query'],
          drop_pending_updates: false
        }
      ]
    ])
  })

  test('When an update comes with the right secret header, then it is answered 200 and reaches Rasa', async () => {
    const res = await h.api.deliverWebhook(
      hook,
      aTextUpdate(7001, 'halo', { updateId: 700001 }),
      SECRET
    )
    expect(res).toEqual({ status: 200, body: '' })
    await h.api.waitFor(hasText(7001, 'echo: halo'))
    expect(h.api.sent('getMe')).toHaveLength(1)
  })

  test('When the secret header is wrong or missing, then 403 and nothing reaches Rasa', async () => {
    expect(
      await h.api.deliverWebhook(
        hook,
        aTextUpdate(7002, 'palsu', { updateId: 700002 }),
        'wrong_secret'
      )
    ).toEqual({ status: 403, body: '{"error":"forbidden"}' })
    expect(
      await h.api.deliverWebhook(hook, aTextUpdate(7002, 'palsu', { updateId: 700003 }))
    ).toEqual({ status: 403, body: '{"error":"forbidden"}' })
    expect(h.rasa.requests).toEqual([])
    expect(
      h.logs.filter((l) => l.msg === 'webhook request with a wrong or missing secret token')
    ).toHaveLength(2)
  })

  test('When the body is not an update (no update_id) or not JSON, then 400', async () => {
    expect(await h.api.deliverWebhook(hook, { message: { text: 'x' } }, SECRET)).toEqual({
      status: 400,
      body: '{"error":"invalid update"}'
    })
    const res = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: '{"update_id":'
    })
    expect(res.status).toBe(400)
    expect(h.rasa.requests).toEqual([])
  })

  test('When an update without a message or a malformed message comes, then 200 and it is ignored (Telegram does not redeliver)', async () => {
    expect(
      (await h.api.deliverWebhook(hook, { update_id: 1, ...aMyChatMemberUpdate(7003) }, SECRET))
        .status
    ).toBe(200)
    expect(
      (await h.api.deliverWebhook(hook, { update_id: 2, message: { chat: 'nope' } }, SECRET)).status
    ).toBe(200)
    expect(
      (
        await h.api.deliverWebhook(
          hook,
          {
            update_id: 3,
            message: { message_id: 1, chat: { id: 7003, type: 'private' }, text: 42 }
          },
          SECRET
        )
      ).status
    ).toBe(200)
    expect(h.rasa.requests).toEqual([])
  })

  test('When Telegram redelivers an update, then Rasa gets it once', async () => {
    const update = { update_id: 800123, ...aTextUpdate(7004, 'sekali') }
    expect((await h.api.deliverWebhook(hook, update, SECRET)).status).toBe(200)
    expect((await h.api.deliverWebhook(hook, update, SECRET)).status).toBe(200)
    await h.api.waitFor(hasText(7004, 'echo: sekali'))
    await h.api.deliverWebhook(hook, { update_id: 800124, ...aTextUpdate(7004, 'lagi') }, SECRET)
    await h.api.waitFor(hasText(7004, 'echo: lagi'))
    expect(h.rasa.requests.map((r) => r.message)).toEqual(['sekali', 'lagi'])
  })

  test('When a button is pressed via webhook, then answerCallbackQuery is a real API call (webhookReply off)', async () => {
    h.rasa.setReply((req) =>
      req.message === 'konfirmasi'
        ? [{ text: 'Benar?', buttons: [{ title: 'Ya', payload: '/affirm' }] }]
        : [{ text: `echo: ${req.message}` }]
    )
    await h.api.deliverWebhook(hook, { update_id: 4, ...aTextUpdate(7005, 'konfirmasi') }, SECRET)
    const asked = await h.api.waitFor(hasText(7005, 'Benar?'))
    const data = (
      asked.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }
    ).inline_keyboard[0]?.[0]?.callback_data as string
    await h.api.deliverWebhook(
      hook,
      { update_id: 5, ...aCallbackUpdate(7005, data, { queryId: 'q-77' }) },
      SECRET
    )
    const answered = await h.api.waitFor((c) => c.method === 'answerCallbackQuery')
    expect(answered.payload).toEqual({ callback_query_id: 'q-77' })
    await h.api.waitFor(hasText(7005, 'echo: /affirm'))
  })
})

describe('HTTP listener: health, readiness, metrics', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  test('When /healthz is called, then 200 {"status":"ok"}', async () => {
    const res = await fetch(`${h.gateway.url}/healthz`)
    expect([res.status, await res.json()]).toEqual([200, { status: 'ok' }])
  })

  test('When Rasa is reachable with a model, then /readyz is 200; without a model or unreachable, 503', async () => {
    const ready = await fetch(`${h.gateway.url}/readyz`)
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ready', rasa: 'reachable', model: 'loaded' }
    ])
    h.rasa.setModelLoaded(false)
    const noModel = await fetch(`${h.gateway.url}/readyz`)
    expect([noModel.status, await noModel.json()]).toEqual([
      503,
      { status: 'not_ready', rasa: 'reachable', model: 'missing' }
    ])
    await h.rasa.close()
    const notReady = await fetch(`${h.gateway.url}/readyz`)
    expect([notReady.status, await notReady.json()]).toEqual([
      503,
      { status: 'not_ready', rasa: 'unreachable' }
    ])
  })

  test('When /metrics is scraped after traffic, then Prometheus text shows updates, Rasa calls and Telegram calls', async () => {
    h.api.pushUpdate(aTextUpdate(7101, 'halo'))
    await h.api.waitFor(hasText(7101, 'echo: halo'))
    const res = await fetch(`${h.gateway.url}/metrics`)
    const body = await res.text()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    expect(body).toContain('gateway_updates_total{kind="turn"} 1')
    expect(body).toContain('gateway_rasa_requests_total{outcome="ok"} 1')
    expect(body).toContain('gateway_telegram_calls_total{method="sendMessage",outcome="ok"} 1')
  })

  test('When an unknown path is requested, then 404', async () => {
    expect((await fetch(`${h.gateway.url}/telegram/webhook`, { method: 'POST' })).status).toBe(404)
  })
})

describe("proactive messages through Rasa's callback channel (GATEWAY_CALLBACK_TOKEN)", () => {
  const TOKEN = 'callback-token-0123456789'
  let h: Harness
  beforeEach(async () => {
    h = await startHarness({ GATEWAY_CALLBACK_TOKEN: TOKEN })
  })
  afterEach(async () => {
    await h.close()
  })

  test('When Rasa POSTs a bot message for a chat, then it is rendered to that chat', async () => {
    const res = await fetch(`${h.gateway.url}/rasa/callback?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        recipient_id: '7201',
        text: 'Pengingat: tiket TIK-20250101-0001 sudah selesai.',
        buttons: [{ title: 'Terima kasih', payload: '/thanks' }]
      })
    })
    expect([res.status, await res.json()]).toEqual([200, { accepted: 1, rejected: 0 }])
    const sent = await h.api.waitFor(
      hasText(7201, 'Pengingat: tiket TIK-20250101-0001 sudah selesai.')
    )
    expect(sent.payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          {
            text: 'Terima kasih',
            callback_data: expect.stringMatching(
              /^~s[A-Za-z0-9_-]{11}[0-9a-z]{7}\/thanks$/
            ) as unknown
          }
        ]
      ]
    })
  })

  test('When the console sends the satisfaction survey, then its five buttons are signed by the gateway and a press reaches Rasa as the rating payload', async () => {
    const payloads = [1, 2, 3, 4, 5].map((n) => `/beri_nilai{"nilai":"${n}"}`)
    const res = await fetch(`${h.gateway.url}/rasa/callback?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          recipient_id: '7202',
          text: 'Seberapa puas Anda dengan penyelesaian tiket TIK-20250101-0002?',
          buttons: payloads.map((payload, i) => ({ title: String(i + 1), payload }))
        }
      ])
    })
    expect([res.status, await res.json()]).toEqual([200, { accepted: 1, rejected: 0 }])
    const sent = await h.api.waitFor(
      hasText(7202, 'Seberapa puas Anda dengan penyelesaian tiket TIK-20250101-0002?')
    )
    const keyboard = (
      sent.payload.reply_markup as {
        inline_keyboard: Array<Array<{ text: string; callback_data: string }>>
      }
    ).inline_keyboard.flat()
    expect(keyboard.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5'])
    for (const button of keyboard)
      expect(button.callback_data).toMatch(/^~s[A-Za-z0-9_-]{11}[0-9a-z]{7}\/beri_nilai/)

    h.api.pushUpdate(aCallbackUpdate(7202, keyboard[3]!.callback_data, { queryId: 'cbq-survey' }))
    await h.rasa.waitForRequests(1)
    expect(h.rasa.requests.map((r) => [r.sender, r.message])).toEqual([['7202', payloads[3]]])
  })

  test('When the token is wrong, then 403; when the recipient is not a chat id, then 400', async () => {
    const wrong = await fetch(`${h.gateway.url}/rasa/callback?token=nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"recipient_id":"1","text":"x"}'
    })
    expect([wrong.status, await wrong.json()]).toEqual([403, { error: 'forbidden' }])
    const bad = await fetch(`${h.gateway.url}/rasa/callback?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"recipient_id":"terminal-1","text":"x"}'
    })
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: 'no message with a known chat as recipient_id' }
    ])
    expect(h.api.sent('sendMessage')).toEqual([])
  })

  test('When the console waits for delivery (?wait=true), then the answer comes after Telegram took the message, and says so', async () => {
    const res = await fetch(`${h.gateway.url}/rasa/callback?token=${TOKEN}&wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { recipient_id: '7202', text: 'Halo, saya Rina dari helpdesk.' },
        { recipient_id: '7202', text: 'Sudah saya cek, akun Anda aktif.' }
      ])
    })
    expect([res.status, await res.json()]).toEqual([
      200,
      {
        accepted: 2,
        rejected: 0,
        results: [
          { recipient_id: '7202', delivered: true },
          { recipient_id: '7202', delivered: true }
        ]
      }
    ])
    // Already sent when the answer came, in order.
    expect(
      h.api
        .sent('sendMessage')
        .filter((c) => c.payload.chat_id === 7202)
        .map((c) => c.payload.text)
    ).toEqual(['Halo, saya Rina dari helpdesk.', 'Sudah saya cek, akun Anda aktif.'])
  })

  test('When the user blocked the bot (Telegram 403), then a waited delivery answers blocked', async () => {
    h.api.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user'
    })
    const res = await fetch(`${h.gateway.url}/rasa/callback?token=${TOKEN}&wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient_id: '7203', text: 'Halo?' })
    })
    expect([res.status, await res.json()]).toEqual([
      200,
      {
        accepted: 1,
        rejected: 0,
        results: [{ recipient_id: '7203', delivered: false, error: 'blocked' }]
      }
    ])
  })
})
