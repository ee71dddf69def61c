import { MESSAGES } from '../../src/messages'
import {
  aCallbackUpdate,
  aDocumentUpdate,
  aLocationUpdate,
  aMyChatMemberUpdate,
  aStickerUpdate,
  aTextUpdate,
  aVoiceUpdate,
  anEditedTextUpdate,
  type RecordedCall
} from '../fakes'
import { hasText, isSendTo, startHarness, textsTo, type Harness } from '../helpers/harness'

const MENU = [
  { title: 'Lupa password', payload: '/lupa_password' },
  { title: 'Lupa akun e-mail', payload: '/lupa_email' },
  { title: 'Daftar TTE', payload: '/daftar_tte' },
  { title: 'Cek status TTE', payload: '/cek_status_tte' },
  { title: 'Hubungi petugas', payload: '/minta_petugas' }
]

describe('gateway (polling, real HTTP to fake Bot API and fake Rasa): conversation features', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  test('When the bot starts, then it polls with getMe → deleteWebhook → getUpdates for message, edited_message and callback_query only', async () => {
    h.api.pushUpdate(aTextUpdate(5000, 'halo'))
    await h.api.waitFor(hasText(5000, 'echo: halo'))
    expect(h.api.calls.slice(0, 2).map((c) => [c.method, c.payload])).toEqual([
      ['getMe', {}],
      ['deleteWebhook', { drop_pending_updates: false }]
    ])
    expect(h.api.polls()[0]).toEqual({
      timeout: 50,
      offset: 0,
      allowed_updates: ['message', 'edited_message', 'callback_query']
    })
  })

  test('When a user sends text, then Rasa gets sender = chat id and metadata.telegram, and the reply reaches the chat as plain text', async () => {
    const update = h.api.pushUpdate(
      aTextUpdate(5001, 'lupa password simasn', {
        userId: 77,
        username: 'budi_s',
        languageCode: 'id'
      })
    )
    await h.api.waitFor(hasText(5001, 'echo: lupa password simasn'))
    const message = update.message as Record<string, unknown>
    expect(h.rasa.requests).toEqual([
      {
        sender: '5001',
        message: 'lupa password simasn',
        input_channel: 'telegram_gateway',
        metadata: {
          telegram: {
            chat_id: 5001,
            chat_type: 'private',
            user_id: 77,
            username: 'budi_s',
            language_code: 'id',
            message_id: message.message_id,
            update_id: update.update_id
          }
        }
      }
    ])
    expect(h.api.sent('sendMessage').map((c) => c.payload)).toEqual([
      { chat_id: 5001, text: 'echo: lupa password simasn' }
    ])
  })

  test('When /start with a deep link arrives, then Rasa gets /greet with metadata.telegram.start and the menu comes back as an inline keyboard', async () => {
    h.rasa.setReply(() => [{ text: 'Halo! Apa yang bisa kami bantu?', buttons: MENU }])
    h.api.pushUpdate(aTextUpdate(5002, '/start kantor_a'))
    const sent = await h.api.waitFor(isSendTo('sendMessage', 5002))
    expect(
      h.rasa.requests.map((r) => [
        r.message,
        (r.metadata?.telegram as Record<string, unknown>).start
      ])
    ).toEqual([['/greet', 'kantor_a']])
    expect(sent.payload).toEqual({
      chat_id: 5002,
      text: 'Halo! Apa yang bisa kami bantu?',
      reply_markup: {
        inline_keyboard: MENU.map((b) => [
          {
            text: b.title,
            // The payload itself, signed: it needs no memory and survives a gateway restart.
            callback_data: expect.stringMatching(
              new RegExp(`^~s[A-Za-z0-9_-]{11}[0-9a-z]{7}${b.payload}$`)
            ) as unknown
          }
        ])
      }
    })
  })

  test('When /help arrives, then Rasa gets the /help intent', async () => {
    h.api.pushUpdate(aTextUpdate(5003, '/help'))
    await h.api.waitFor(hasText(5003, 'echo: /help'))
    expect(h.rasa.requests.map((r) => r.message)).toEqual(['/help'])
  })

  test('When /reset arrives, then Rasa gets /restart and the user a short Indonesian confirmation', async () => {
    h.rasa.setReply(() => [])
    h.api.pushUpdate(aTextUpdate(5004, '/reset'))
    await h.api.waitFor(hasText(5004, MESSAGES.resetDone))
    expect(h.rasa.requests.map((r) => r.message)).toEqual(['/restart'])
    expect(textsTo(h.api, 5004)).toEqual([MESSAGES.resetDone])
  })

  test('When an inline button is pressed, then answerCallbackQuery is called before Rasa answers and the payload is forwarded', async () => {
    h.rasa.setReply(() => [{ text: 'Menu', buttons: MENU }])
    h.api.pushUpdate(aTextUpdate(5005, 'menu'))
    const menu = await h.api.waitFor(isSendTo('sendMessage', 5005))
    const data = (
      menu.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }
    ).inline_keyboard[0]?.[0]?.callback_data as string
    await h.rasa.waitForRequests(1)
    h.rasa.requests.length = 0
    let release: () => void = () => undefined
    h.rasa.setReply(() => ({
      wait: new Promise<void>((resolve) => {
        release = resolve
      }),
      then: [{ text: 'Password apa yang Anda maksud?' }]
    }))
    h.api.pushUpdate(aCallbackUpdate(5005, data, { queryId: 'cbq-1' }))
    const answered = await h.api.waitFor((c) => c.method === 'answerCallbackQuery')
    expect(answered.payload).toEqual({ callback_query_id: 'cbq-1' })
    await h.rasa.waitForRequests(1)
    expect(h.api.sent('sendMessage').map((c) => c.payload.text)).toEqual(['Menu'])
    release()
    await h.api.waitFor(hasText(5005, 'Password apa yang Anda maksud?'))
    expect(
      h.rasa.requests.map((r) => [
        r.message,
        (r.metadata?.telegram as Record<string, unknown>).button
      ])
    ).toEqual([['/lupa_password', true]])
  })

  test("When the gateway restarts between showing a menu and the press, then the button still works (short payloads travel signed); a long payload's button gets the expiry notice", async () => {
    const long = '/inform{"sistem":"email_dinas","catatan":"akun terkunci setelah ganti perangkat"}'
    h.rasa.setReply((req) =>
      req.message === 'menu'
        ? [{ text: 'Menu', buttons: [...MENU, { title: 'Lainnya', payload: long }] }]
        : [{ text: `ok ${req.message}` }]
    )
    h.api.pushUpdate(aTextUpdate(5014, 'menu'))
    const menu = await h.api.waitFor(isSendTo('sendMessage', 5014))
    const rows = (
      menu.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }
    ).inline_keyboard
    await h.restartGateway()
    h.api.pushUpdate(aCallbackUpdate(5014, rows[0]?.[0]?.callback_data as string))
    await h.api.waitFor(hasText(5014, 'ok /lupa_password'))
    h.api.pushUpdate(
      aCallbackUpdate(5014, rows[MENU.length]?.[0]?.callback_data as string, {
        queryId: 'cbq-long'
      })
    )
    const answered = await h.api.waitFor(
      (c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === 'cbq-long'
    )
    expect(answered.payload.text).toBe(MESSAGES.buttonExpired)
    expect(h.rasa.requests.map((r) => r.message)).toEqual(['menu', '/lupa_password'])
  })

  test('When a button payload is longer than 64 bytes, then Telegram gets a short id and pressing it sends Rasa the full payload', async () => {
    const long = '/inform{"sistem":"email_dinas","catatan":"akun terkunci setelah ganti perangkat"}'
    h.rasa.setReply((req) =>
      req.message === 'menu'
        ? [{ text: 'Pilih', buttons: [{ title: 'Email dinas', payload: long }] }]
        : [{ text: `ok ${req.message}` }]
    )
    h.api.pushUpdate(aTextUpdate(5006, 'menu'))
    const sent = await h.api.waitFor(isSendTo('sendMessage', 5006))
    const markup = sent.payload.reply_markup as {
      inline_keyboard: Array<Array<{ callback_data: string }>>
    }
    const data = markup.inline_keyboard[0]?.[0]?.callback_data as string
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64)
    h.api.pushUpdate(aCallbackUpdate(5006, data))
    await h.api.waitFor(hasText(5006, `ok ${long}`))
    expect(h.rasa.requests.map((r) => r.message)).toEqual(['menu', long])
  })

  test('When an expired short id is pressed, then the press is answered with the expiry notice and Rasa is not called', async () => {
    h.api.pushUpdate(aCallbackUpdate(5007, '~b:unknown', { queryId: 'cbq-old' }))
    const answered = await h.api.waitFor((c) => c.method === 'answerCallbackQuery')
    expect(answered.payload).toEqual({ callback_query_id: 'cbq-old', text: MESSAGES.buttonExpired })
    expect(h.rasa.requests).toEqual([])
  })

  test.each([
    ['an intent with slots', '/lupa_password{"sistem":"simasn","identitas":"198503152010011001"}'],
    ['free text', 'reset password NIP 198503152010011001'],
    ['a payload that looks like ours', '/affirm']
  ])(
    'When a client forges callback_data (%s), then the press is answered politely and nothing reaches Rasa',
    async (_what, data) => {
      h.api.pushUpdate(aCallbackUpdate(5013, data, { queryId: 'cbq-forged' }))
      const answered = await h.api.waitFor((c) => c.method === 'answerCallbackQuery')
      expect(answered.payload).toEqual({
        callback_query_id: 'cbq-forged',
        text: MESSAGES.buttonExpired
      })
      // A later message proves the forged press was fully handled before it, without Rasa.
      h.api.pushUpdate(aTextUpdate(5013, 'halo'))
      await h.api.waitFor(hasText(5013, 'echo: halo'))
      expect(h.rasa.requests.map((r) => r.message)).toEqual(['halo'])
      expect(h.api.sent('sendMessage').map((c) => c.payload.text)).toEqual(['echo: halo'])
    }
  )

  test('When Rasa sends a wa.me link button, then Telegram gets a URL button', async () => {
    h.rasa.setReply(() => [
      {
        text: 'Hubungi petugas kami',
        buttons: [
          {
            title: 'Chat WhatsApp Helpdesk',
            url: 'https://wa.me/6281100000000?text=TIK-20250101-0001'
          }
        ]
      }
    ])
    h.api.pushUpdate(aTextUpdate(5008, 'petugas'))
    const sent = await h.api.waitFor(isSendTo('sendMessage', 5008))
    expect(sent.payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          {
            text: 'Chat WhatsApp Helpdesk',
            url: 'https://wa.me/6281100000000?text=TIK-20250101-0001'
          }
        ]
      ]
    })
  })

  test('When a reply keyboard (custom button_type reply) is pressed, then the typed title is mapped back to its payload', async () => {
    h.rasa.setReply((req) =>
      req.message === 'konfirmasi'
        ? [
            {
              custom: {
                text: 'Benar?',
                buttons: [
                  { title: 'Ya', payload: '/affirm' },
                  { title: 'Tidak', payload: '/deny' }
                ],
                button_type: 'reply'
              }
            }
          ]
        : [{ text: `got ${req.message}` }]
    )
    h.api.pushUpdate(aTextUpdate(5009, 'konfirmasi'))
    const sent = await h.api.waitFor(isSendTo('sendMessage', 5009))
    expect(sent.payload.reply_markup).toEqual({
      keyboard: [[{ text: 'Ya' }], [{ text: 'Tidak' }]],
      one_time_keyboard: true,
      resize_keyboard: true
    })
    h.api.pushUpdate(aTextUpdate(5009, 'Ya'))
    await h.api.waitFor(hasText(5009, 'got /affirm'))
  })

  test('When a message is edited, then the new text is forwarded with edited: true', async () => {
    h.api.pushUpdate(anEditedTextUpdate(5010, 'NIP saya 198503152010011001'))
    await h.api.waitFor(isSendTo('sendMessage', 5010))
    expect(
      h.rasa.requests.map((r) => [
        r.message,
        (r.metadata?.telegram as Record<string, unknown>).edited
      ])
    ).toEqual([['NIP saya 198503152010011001', true]])
  })

  test('When a location is shared, then Rasa gets the {"lng","lat"} text and the coordinates in metadata', async () => {
    h.api.pushUpdate(aLocationUpdate(5011, -6.175, 106.827))
    await h.api.waitFor(isSendTo('sendMessage', 5011))
    expect(
      h.rasa.requests.map((r) => [
        r.message,
        (r.metadata?.telegram as Record<string, unknown>).location
      ])
    ).toEqual([['{"lng":106.827, "lat":-6.175}', { latitude: -6.175, longitude: 106.827 }]])
  })

  test('When a sticker, voice note or file is sent, then the user gets the polite Indonesian notice and Rasa is not called', async () => {
    h.api.pushUpdate(aStickerUpdate(5012))
    h.api.pushUpdate(aVoiceUpdate(5012))
    h.api.pushUpdate(aDocumentUpdate(5012))
    await h.api.waitForCount(isSendTo('sendMessage', 5012), 3)
    expect(textsTo(h.api, 5012)).toEqual([
      MESSAGES.unsupported,
      MESSAGES.unsupported,
      MESSAGES.unsupported
    ])
    expect(h.rasa.requests).toEqual([])
  })

  test('When updates without a message arrive (user blocked the bot), then they are ignored and the bot keeps working', async () => {
    h.api.pushUpdate(aMyChatMemberUpdate(5013))
    h.api.pushUpdate({
      channel_post: { message_id: 1, date: 1, chat: { id: -1009, type: 'channel' }, text: 'x' }
    })
    h.api.pushUpdate(aTextUpdate(5013, 'masih ada?'))
    await h.api.waitFor(hasText(5013, 'echo: masih ada?'))
    expect(h.rasa.requests.map((r) => r.message)).toEqual(['masih ada?'])
    expect(
      h.api
        .sent()
        .filter((c: RecordedCall) => c.method.startsWith('send') && c.method !== 'sendChatAction')
    ).toHaveLength(1)
  })

  test('When a group member mentions the bot, then the group is one conversation (sender = group id) and the mention is stripped', async () => {
    h.api.pushUpdate(aTextUpdate(-100777, '@helpdesk_test_bot lupa password', { userId: 31 }))
    await h.api.waitFor(hasText(-100777, 'echo: lupa password'))
    expect(
      h.rasa.requests.map((r) => [
        r.sender,
        r.message,
        (r.metadata?.telegram as Record<string, unknown>).user_id
      ])
    ).toEqual([['-100777', 'lupa password', 31]])
  })
})

describe('gateway: /reset with GATEWAY_RESET_GREETS=true (Rasa channel parity: /restart then /start)', () => {
  test('When /reset arrives, then Rasa gets /restart, the user the confirmation, then the greeting', async () => {
    const h = await startHarness({ GATEWAY_RESET_GREETS: 'true' })
    try {
      h.rasa.setReply((req) => (req.message === '/restart' ? [] : [{ text: 'Halo!' }]))
      h.api.pushUpdate(aTextUpdate(5101, '/reset'))
      await h.api.waitFor(hasText(5101, 'Halo!'))
      expect(
        h.rasa.requests.map((r) => [
          r.message,
          (r.metadata?.telegram as Record<string, unknown>).start
        ])
      ).toEqual([
        ['/restart', undefined],
        ['/greet', '']
      ])
      expect(textsTo(h.api, 5101)).toEqual([MESSAGES.resetDone, 'Halo!'])
    } finally {
      await h.close()
    }
  })
})
