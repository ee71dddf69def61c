import { Telegraf } from 'telegraf'
import { aTextUpdate, startFakeBotApi, type FakeBotApi } from '.'

describe('fake Bot API (what the gateway and e2e tests rely on)', () => {
  let api: FakeBotApi
  let bot: Telegraf
  beforeEach(async () => {
    api = await startFakeBotApi()
    bot = new Telegraf(api.token, { telegram: { apiRoot: api.url, webhookReply: false } })
  })
  afterEach(async () => {
    await api.close()
  })

  test('When telegraf calls getMe and sendMessage as JSON, then it gets the real result envelope', async () => {
    expect(await bot.telegram.getMe()).toEqual(api.botInfo)
    const message = await bot.telegram.sendMessage(42, 'Halo')
    expect(message).toMatchObject({ chat: { id: 42, type: 'private' }, text: 'Halo' })
    expect(api.sent('sendMessage')).toEqual([
      {
        method: 'sendMessage',
        payload: { chat_id: 42, text: 'Halo' },
        encoding: 'json',
        at: expect.any(Number)
      }
    ])
  })

  test('When telegraf uploads a file, then the multipart body is parsed (fields, JSON fields, the file)', async () => {
    await bot.telegram.sendPhoto(
      42,
      { source: Buffer.from('PNGDATA'), filename: 'alur.png' },
      {
        caption: 'Alur',
        reply_markup: { inline_keyboard: [[{ text: 'Ya', callback_data: '/affirm' }]] }
      }
    )
    const [call] = api.sent('sendPhoto')
    expect(call?.encoding).toBe('multipart')
    expect(call?.payload).toEqual({
      method: 'sendPhoto',
      chat_id: '42',
      caption: 'Alur',
      reply_markup: { inline_keyboard: [[{ text: 'Ya', callback_data: '/affirm' }]] },
      photo: { filename: 'alur.png', contentType: 'application/octet-stream', size: 7 }
    })
  })

  test('When failNext queues a 429, then telegraf sees a TelegramError with retry_after, and the next call succeeds', async () => {
    api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 }
    })
    const err = (await bot.telegram.sendMessage(42, 'x').catch((e: unknown) => e)) as {
      code: number
      parameters: unknown
      description: string
    }
    expect([err.code, err.description, err.parameters]).toEqual([
      429,
      'Too Many Requests: retry after 3',
      { retry_after: 3 }
    ])
    await expect(bot.telegram.sendMessage(42, 'x')).resolves.toMatchObject({ text: 'x' })
  })

  test.each([
    ['an empty text', { chat_id: 1, text: ' ' }, 'Bad Request: message text is empty'],
    [
      'a text over 4096',
      { chat_id: 1, text: 'x'.repeat(4097) },
      'Bad Request: message is too long'
    ],
    [
      'callback_data over 64 bytes',
      {
        chat_id: 1,
        text: 'x',
        reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'x'.repeat(65) }]] }
      },
      'Bad Request: BUTTON_DATA_INVALID'
    ]
  ])('When a sendMessage has %s, then 400 like Telegram', async (_name, payload, description) => {
    const res = await fetch(`${api.url}bot${api.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload)
    })
    expect([res.status, await res.json()]).toEqual([
      400,
      { ok: false, error_code: 400, description }
    ])
  })

  test('When the token is wrong or the method unknown, then 401 / 404 envelopes', async () => {
    const wrong = await fetch(`${api.url}bot999:nope/getMe`, { method: 'POST' })
    expect([wrong.status, await wrong.json()]).toEqual([
      401,
      { ok: false, error_code: 401, description: 'Unauthorized' }
    ])
    const unknown = await fetch(`${api.url}bot${api.token}/sendTeleport`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id":1}'
    })
    expect([unknown.status, await unknown.json()]).toEqual([
      404,
      { ok: false, error_code: 404, description: 'Not Found' }
    ])
  })

  test('When updates are queued, then getUpdates serves them from the offset and forgets confirmed ones', async () => {
    const a = api.pushUpdate(aTextUpdate(1, 'a'))
    const b = api.pushUpdate(aTextUpdate(1, 'b'))
    expect(await bot.telegram.callApi('getUpdates', { offset: 0, timeout: 0 })).toEqual([a, b])
    expect(
      await bot.telegram.callApi('getUpdates', { offset: Number(b.update_id), timeout: 0 })
    ).toEqual([b])
    expect(api.pendingUpdates()).toBe(1)
  })

  test('When a webhook is set, then getUpdates conflicts (409) like Telegram until deleteWebhook', async () => {
    await bot.telegram.setWebhook('https://bot.example.go.id/hook', { secret_token: 's' })
    expect(api.webhook()).toEqual({ url: 'https://bot.example.go.id/hook', secret_token: 's' })
    await expect(bot.telegram.callApi('getUpdates', {})).rejects.toMatchObject({ code: 409 })
    await bot.telegram.deleteWebhook()
    expect(api.webhook()).toBeUndefined()
  })
})
