import { MESSAGES } from '../../src/messages'
import { aTextUpdate, startFakeRasa } from '../fakes'
import {
  deferred,
  hasText,
  isSendTo,
  startHarness,
  textsTo,
  virtualClock,
  type Harness
} from '../helpers/harness'

describe('delivery: ordering, duplicates, typing, long texts, media (polling, real HTTP)', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness({ GATEWAY_TYPING_INTERVAL_MS: '20' })
  })
  afterEach(async () => {
    await h.close()
  })

  test('When one chat sends three messages while Rasa is busy with the first, then Rasa sees one at a time in order, replies keep that order, and another chat proceeds meanwhile', async () => {
    const first = deferred()
    h.rasa.setReply((req) =>
      req.message === 'satu'
        ? { wait: first.promise, then: [{ text: 'echo: satu' }] }
        : [{ text: `echo: ${req.message}` }]
    )
    h.api.pushUpdate(aTextUpdate(6001, 'satu'))
    h.api.pushUpdate(aTextUpdate(6001, 'dua'))
    h.api.pushUpdate(aTextUpdate(6002, 'chat lain'))
    h.api.pushUpdate(aTextUpdate(6001, 'tiga'))
    await h.api.waitFor(hasText(6002, 'echo: chat lain'))
    expect(h.rasa.requests.filter((r) => r.sender === '6001').map((r) => r.message)).toEqual([
      'satu'
    ])
    first.release()
    await h.api.waitFor(hasText(6001, 'echo: tiga'))
    expect(h.rasa.requests.filter((r) => r.sender === '6001').map((r) => r.message)).toEqual([
      'satu',
      'dua',
      'tiga'
    ])
    expect(textsTo(h.api, 6001)).toEqual(['echo: satu', 'echo: dua', 'echo: tiga'])
  })

  test('When Telegram delivers the same update twice, then Rasa gets it once', async () => {
    const update = aTextUpdate(6003, 'sekali saja', { updateId: 900001 })
    h.api.pushUpdate(update)
    h.api.pushUpdate(update)
    h.api.pushUpdate(aTextUpdate(6003, 'berikutnya', { updateId: 900002 }))
    await h.api.waitFor(hasText(6003, 'echo: berikutnya'))
    expect(h.rasa.requests.map((r) => r.message)).toEqual(['sekali saja', 'berikutnya'])
    expect(
      h.logs.filter((l) => l.msg === 'duplicate update ignored').map((l) => l.update_id)
    ).toEqual([900001])
  })

  test('When Rasa takes a while, then "typing" is repeated until the reply is ready', async () => {
    const slow = deferred()
    h.rasa.setReply(() => ({ wait: slow.promise, then: [{ text: 'selesai' }] }))
    h.api.pushUpdate(aTextUpdate(6004, 'proses lama'))
    const typing = await h.api.waitForCount(isSendTo('sendChatAction', 6004), 3)
    expect(typing.map((c) => c.payload)).toEqual(
      [1, 2, 3].map(() => ({ chat_id: 6004, action: 'typing' }))
    )
    slow.release()
    await h.api.waitFor(hasText(6004, 'selesai'))
  })

  test('When Rasa sends a text longer than 4096, then it arrives split at word boundaries in order, nothing lost', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `langkah${i}`).join(' ')
    h.rasa.setReply(() => [{ text }])
    h.api.pushUpdate(aTextUpdate(6005, 'panduan lengkap'))
    await h.api.waitFor(
      (c) => isSendTo('sendMessage', 6005)(c) && String(c.payload.text).endsWith('langkah1999')
    )
    const parts = textsTo(h.api, 6005)
    expect(parts.length).toBe(Math.ceil(text.length / 4096))
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096)
    expect(parts.join(' ')).toBe(text)
  })

  test('When Rasa sends an image, an attachment and custom JSON, then sendPhoto, sendDocument and the whitelisted method are called', async () => {
    h.rasa.setReply(() => [
      { image: 'https://example.go.id/alur.png' },
      { attachment: 'https://example.go.id/formulir.pdf' },
      {
        custom: {
          latitude: -6.2,
          longitude: 106.8,
          title: 'Diskominfo',
          address: 'Jl. Merdeka 1',
          chat_id: 1
        }
      },
      {
        custom: {
          media: [
            { type: 'photo', media: 'https://example.go.id/1.png' },
            { type: 'photo', media: 'https://example.go.id/2.png' }
          ]
        }
      }
    ])
    h.api.pushUpdate(aTextUpdate(6006, 'kirim berkas'))
    await h.api.waitFor(isSendTo('sendMediaGroup', 6006))
    expect(
      h.api
        .sent()
        .filter((c) => c.method !== 'sendChatAction' && Number(c.payload.chat_id) === 6006)
        .map((c) => [c.method, c.payload])
    ).toEqual([
      ['sendPhoto', { chat_id: 6006, photo: 'https://example.go.id/alur.png' }],
      ['sendDocument', { chat_id: 6006, document: 'https://example.go.id/formulir.pdf' }],
      [
        'sendVenue',
        {
          chat_id: 6006,
          latitude: -6.2,
          longitude: 106.8,
          title: 'Diskominfo',
          address: 'Jl. Merdeka 1'
        }
      ],
      [
        'sendMediaGroup',
        {
          chat_id: 6006,
          media: [
            { type: 'photo', media: 'https://example.go.id/1.png' },
            { type: 'photo', media: 'https://example.go.id/2.png' }
          ]
        }
      ]
    ])
  })

  test('When Telegram cannot fetch an image URL (400), then the link is sent as text instead', async () => {
    h.api.failNext('sendPhoto', {
      error_code: 400,
      description: 'Bad Request: wrong file identifier/HTTP URL specified'
    })
    h.rasa.setReply(() => [{ image: 'https://intranet.local/alur.png' }])
    h.api.pushUpdate(aTextUpdate(6007, 'gambar'))
    await h.api.waitFor(hasText(6007, 'https://intranet.local/alur.png'))
  })

  test('When Telegram answers 429 with retry_after, then the same message is sent again after waiting, once delivered', async () => {
    h.api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 }
    })
    h.api.pushUpdate(aTextUpdate(6008, 'halo'))
    await h.api.waitForCount(isSendTo('sendMessage', 6008), 2)
    const [failed, retried] = h.api.sent('sendMessage')
    expect(retried?.payload).toEqual(failed?.payload)
    expect(retried?.payload).toEqual({ chat_id: 6008, text: 'echo: halo' })
    expect(
      h.logs
        .filter((l) => l.msg === 'telegram flood control, waiting')
        .map((l) => [l.method, l.retry_after])
    ).toEqual([['sendMessage', 1]])
  })
})

describe('delivery: pacing is applied (virtual clock, no waiting)', () => {
  test('When Rasa answers with three paragraphs and no burst is allowed, then sends to that chat are spaced by GATEWAY_CHAT_INTERVAL_MS', async () => {
    const clock = virtualClock()
    const h = await startHarness(
      { GATEWAY_CHAT_INTERVAL_MS: '1000', GATEWAY_CHAT_BURST: '1', GATEWAY_GLOBAL_RATE: '30' },
      { clock }
    )
    try {
      h.rasa.setReply(() => [{ text: 'satu' }, { text: 'dua' }, { text: 'tiga' }])
      h.api.pushUpdate(aTextUpdate(6101, 'halo'))
      await h.api.waitForCount(isSendTo('sendMessage', 6101), 3)
      expect(clock.sleeps).toEqual([1000, 1000])
    } finally {
      await h.close()
    }
  })

  test('When a group gets two messages, then GATEWAY_GROUP_INTERVAL_MS spaces them', async () => {
    const clock = virtualClock()
    const h = await startHarness(
      { GATEWAY_CHAT_INTERVAL_MS: '1000', GATEWAY_GROUP_INTERVAL_MS: '3000' },
      { clock }
    )
    try {
      h.rasa.setReply(() => [{ text: 'satu' }, { text: 'dua' }])
      h.api.pushUpdate(aTextUpdate(-100600, 'halo'))
      await h.api.waitForCount(isSendTo('sendMessage', -100600), 2)
      expect(clock.sleeps).toEqual([3000])
    } finally {
      await h.close()
    }
  })

  test('When a 429 asks to wait 7 s, then the gateway sleeps 7000 ms before repeating', async () => {
    const clock = virtualClock()
    const h = await startHarness({}, { clock })
    try {
      h.api.failNext('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 }
      })
      h.api.pushUpdate(aTextUpdate(6102, 'halo'))
      await h.api.waitForCount(isSendTo('sendMessage', 6102), 2)
      expect(clock.sleeps).toContain(7000)
    } finally {
      await h.close()
    }
  })
})

describe('delivery: when Rasa fails, the user is told honestly and nothing is sent to Rasa twice', () => {
  test('When Rasa does not answer within RASA_TIMEOUT_MS, then the user gets the busy message and Rasa saw the message once', async () => {
    const h = await startHarness({ RASA_TIMEOUT_MS: '300' })
    try {
      h.rasa.setReply(() => ({ hang: true }))
      h.api.pushUpdate(aTextUpdate(6201, 'halo'))
      await h.api.waitFor(hasText(6201, MESSAGES.rasaUnavailable))
      expect(h.rasa.requests).toHaveLength(1)
    } finally {
      await h.close()
    }
  })

  test('When Rasa answers 500, then the user gets the busy message and the request is not repeated', async () => {
    const h = await startHarness()
    try {
      h.rasa.setReply(() => ({ status: 500, body: 'Internal Server Error' }))
      h.api.pushUpdate(aTextUpdate(6202, 'halo'))
      await h.api.waitFor(hasText(6202, MESSAGES.rasaUnavailable))
      expect(h.rasa.requests).toHaveLength(1)
    } finally {
      await h.close()
    }
  })

  test('When Rasa fails for two chats, then the log names each chat by a pseudonym (the same for one chat, different for two) and never by its Telegram id', async () => {
    const h = await startHarness()
    try {
      h.rasa.setReply(() => ({ status: 500, body: 'Internal Server Error' }))
      h.api.pushUpdate(aTextUpdate(987654321, 'halo'))
      h.api.pushUpdate(aTextUpdate(987654321, 'halo lagi'))
      h.api.pushUpdate(aTextUpdate(987650001, 'halo'))
      await h.api.waitForCount(hasText(987654321, MESSAGES.rasaUnavailable), 2)
      await h.api.waitFor(hasText(987650001, MESSAGES.rasaUnavailable))
      const failed = h.logs
        .filter((l) => l.msg === 'rasa call failed')
        .map((l) => l.sender as string)
      expect(failed).toHaveLength(3)
      for (const sender of failed) expect(sender).toMatch(/^tg-[a-z]{12}$/)
      expect(new Set(failed).size).toBe(2)
      expect(JSON.stringify(h.logs)).not.toMatch(/98765(4321|0001)/)
    } finally {
      await h.close()
    }
  })

  test('When Rasa answers [] to a user message (its failure signature), then the user gets the honest empty-reply message and a warning is logged', async () => {
    const h = await startHarness()
    try {
      h.rasa.setReply(() => [])
      h.api.pushUpdate(aTextUpdate(6203, 'halo'))
      await h.api.waitFor(hasText(6203, MESSAGES.emptyReply))
      expect(
        h.logs
          .filter((l) => l.msg === 'rasa returned an empty reply to a user message')
          .map((l) => l.level)
      ).toEqual([40])
    } finally {
      await h.close()
    }
  })

  test('When Rasa is down (connection refused), then the user gets the busy message and logs hold no message text', async () => {
    const down = await startFakeRasa()
    const url = down.url
    await down.close()
    const h = await startHarness({ RASA_TIMEOUT_MS: '1200' }, { rasaUrl: url })
    try {
      h.api.pushUpdate(aTextUpdate(6204, 'NIP saya 198503152010011001'))
      await h.api.waitFor(hasText(6204, MESSAGES.rasaUnavailable))
      expect(JSON.stringify(h.logs)).not.toContain('198503152010011001')
      expect(JSON.stringify(h.logs)).not.toContain(h.api.token)
    } finally {
      await h.close()
    }
  })
})

describe('graceful shutdown', () => {
  test('When the gateway is closed while Rasa is still working, then the pending reply is delivered before close resolves', async () => {
    const h = await startHarness()
    const slow = deferred()
    h.rasa.setReply(() => ({ wait: slow.promise, then: [{ text: 'jawaban terakhir' }] }))
    h.api.pushUpdate(aTextUpdate(6301, 'halo'))
    await h.rasa.waitForRequests(1)
    const closing = h.gateway.close()
    slow.release()
    await closing
    expect(textsTo(h.api, 6301)).toEqual(['jawaban terakhir'])
    await h.api.close()
    await h.rasa.close()
  })
})
