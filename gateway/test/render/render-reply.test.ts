import { renderReply } from '../../src/render/render-reply'
import type { OutgoingCall } from '../../src/render/outgoing'

function render(items: Array<Record<string, unknown>>): {
  calls: OutgoingCall[]
  dropped: string[]
} {
  const dropped: string[] = []
  const calls = renderReply(items as never, (reason) => dropped.push(reason))
  return { calls, dropped }
}

describe('renderReply: text and buttons', () => {
  test('When Rasa sends one item per paragraph, then each becomes one plain-text sendMessage (no parse_mode)', () => {
    expect(
      render([
        { recipient_id: '1', text: 'Halo!' },
        { recipient_id: '1', text: 'Apa yang bisa kami bantu?' }
      ]).calls
    ).toEqual([
      { method: 'sendMessage', params: { text: 'Halo!' } },
      { method: 'sendMessage', params: { text: 'Apa yang bisa kami bantu?' } }
    ])
  })

  test('When a few short buttons come (quick replies too), then they share one inline row with their payloads', () => {
    const { calls } = render([
      {
        text: 'Apakah data ini sudah benar?',
        buttons: [
          { title: 'Ya', payload: '/affirm' },
          { title: 'Tidak', payload: '/deny' }
        ]
      }
    ])
    expect(calls).toEqual([
      {
        method: 'sendMessage',
        params: { text: 'Apakah data ini sudah benar?' },
        keyboard: {
          type: 'inline',
          rows: [
            [
              { title: 'Ya', payload: '/affirm' },
              { title: 'Tidak', payload: '/deny' }
            ]
          ]
        }
      }
    ])
  })

  test('When many or long buttons come (the service menu), then they are stacked one per row (vertical)', () => {
    const buttons = [
      { title: 'Lupa password', payload: '/lupa_password' },
      { title: 'Lupa akun e-mail', payload: '/lupa_email' },
      { title: 'Daftar TTE', payload: '/daftar_tte' },
      { title: 'Cek status TTE', payload: '/cek_status_tte' },
      { title: 'Hubungi petugas', payload: '/minta_petugas' }
    ]
    const [call] = render([{ text: 'Apa yang bisa kami bantu?', buttons }]).calls
    expect(call?.keyboard).toEqual({ type: 'inline', rows: buttons.map((b) => [b]) })
  })

  test('When a button has url (rasa-sdk link shape) or an http(s) payload, then it becomes a URL button', () => {
    const [call] = render([
      {
        text: 'Hubungi kami',
        buttons: [
          { title: 'WhatsApp Helpdesk', url: 'https://wa.me/6281100000000?text=TIK-20250101-0001' },
          { title: 'Portal', payload: 'https://simasn.example.go.id/reset' }
        ]
      }
    ]).calls
    expect(call?.keyboard).toEqual({
      type: 'inline',
      rows: [
        [
          { title: 'WhatsApp Helpdesk', url: 'https://wa.me/6281100000000?text=TIK-20250101-0001' },
          { title: 'Portal', url: 'https://simasn.example.go.id/reset' }
        ]
      ]
    })
  })

  test('When buttons come without text (Telegram needs text), then a short prompt carries them', () => {
    expect(render([{ buttons: [{ title: 'Ya', payload: '/affirm' }] }]).calls).toEqual([
      {
        method: 'sendMessage',
        params: { text: 'Silakan pilih:' },
        keyboard: { type: 'inline', rows: [[{ title: 'Ya', payload: '/affirm' }]] }
      }
    ])
  })

  test('When an element (carousel) arrives flattened by REST as "title : subtitle" + buttons, then it renders like any text with buttons', () => {
    expect(
      render([
        {
          text: 'SIMASN : Sistem Informasi ASN',
          buttons: [{ title: 'Pilih', payload: '/inform{"sistem":"simasn"}' }]
        }
      ]).calls
    ).toEqual([
      {
        method: 'sendMessage',
        params: { text: 'SIMASN : Sistem Informasi ASN' },
        keyboard: {
          type: 'inline',
          rows: [[{ title: 'Pilih', payload: '/inform{"sistem":"simasn"}' }]]
        }
      }
    ])
  })

  test('When a text with buttons is longer than 4096, then the keyboard goes on the last part', () => {
    const text = Array.from({ length: 1500 }, () => 'kata').join(' ')
    const { calls } = render([{ text, buttons: [{ title: 'Ya', payload: '/affirm' }] }])
    expect(calls.map((c) => c.keyboard === undefined)).toEqual([true, false])
  })
})

describe('renderReply: image and attachment', () => {
  test('When an image comes, then sendPhoto gets the URL as a string (Telegram fetches it), with the URL as fallback text', () => {
    expect(render([{ image: 'https://example.go.id/alur-reset.png' }]).calls).toEqual([
      {
        method: 'sendPhoto',
        params: { photo: 'https://example.go.id/alur-reset.png' },
        fallbackText: 'https://example.go.id/alur-reset.png'
      }
    ])
  })

  test('When an attachment is a URL, then it is sent as a document with "Lampiran: <url>" as fallback', () => {
    expect(render([{ attachment: 'https://example.go.id/formulir-tte.pdf' }]).calls).toEqual([
      {
        method: 'sendDocument',
        params: { document: 'https://example.go.id/formulir-tte.pdf' },
        fallbackText: 'Lampiran: https://example.go.id/formulir-tte.pdf'
      }
    ])
  })

  test('When an attachment is webchat-shaped {type, payload:{src}}, then the matching method is used', () => {
    expect(
      render([
        { attachment: { type: 'video', payload: { src: 'https://example.go.id/panduan.mp4' } } }
      ]).calls
    ).toEqual([
      {
        method: 'sendVideo',
        params: { video: 'https://example.go.id/panduan.mp4' },
        fallbackText: 'Lampiran: https://example.go.id/panduan.mp4'
      }
    ])
  })

  test('When an attachment is anything else, then it is shown as text like Rasa\'s channel ("Lampiran: …")', () => {
    expect(render([{ attachment: { kind: 'x' } }, { attachment: 'catatan' }]).calls).toEqual([
      { method: 'sendMessage', params: { text: 'Lampiran: {"kind":"x"}' } },
      { method: 'sendMessage', params: { text: 'Lampiran: catatan' } }
    ])
  })

  test("When one item holds several keys, then Rasa's order is kept: text, custom, image, attachment", () => {
    const { calls } = render([
      {
        text: 'a',
        custom: { sticker: 'CAACAgI' },
        image: 'https://x.go.id/i.png',
        attachment: 'https://x.go.id/f.pdf'
      }
    ])
    expect(calls.map((c) => c.method)).toEqual([
      'sendMessage',
      'sendSticker',
      'sendPhoto',
      'sendDocument'
    ])
  })
})

describe('renderReply: custom JSON (whitelisted Bot API methods)', () => {
  test.each([
    [
      { photo: 'https://x.go.id/p.png', caption: 'Alur', parse_mode: 'HTML', has_spoiler: false },
      'sendPhoto'
    ],
    [{ document: 'https://x.go.id/f.pdf', caption: 'Formulir' }, 'sendDocument'],
    [{ audio: 'https://x.go.id/a.mp3', performer: 'TIK', title: 'Panduan' }, 'sendAudio'],
    [{ video: 'https://x.go.id/v.mp4', supports_streaming: true }, 'sendVideo'],
    [{ voice: 'https://x.go.id/v.ogg', duration: 3 }, 'sendVoice'],
    [{ animation: 'https://x.go.id/a.gif' }, 'sendAnimation'],
    [{ sticker: 'CAACAgIAAxkBAAE', emoji: '👍' }, 'sendSticker'],
    [{ video_note: 'DQACAgIAAxk', length: 240 }, 'sendVideoNote'],
    [
      { latitude: -6.2, longitude: 106.8, title: 'Kantor Diskominfo', address: 'Jl. Merdeka 1' },
      'sendVenue'
    ],
    [{ latitude: -6.2, longitude: 106.8, horizontal_accuracy: 20 }, 'sendLocation'],
    [
      { phone_number: '+62211234567', first_name: 'Helpdesk TIK', last_name: 'Diskominfo' },
      'sendContact'
    ],
    [{ action: 'upload_document' }, 'sendChatAction']
  ])('When custom is %j, then it maps to %s with its options', (custom, method) => {
    expect(render([{ custom }]).calls).toEqual([{ method, params: custom }])
  })

  test('When custom text opts into MarkdownV2, then it is sent with that parse_mode and the plain text as fallback', () => {
    expect(render([{ custom: { text: '*Penting*', parse_mode: 'MarkdownV2' } }]).calls).toEqual([
      {
        method: 'sendMessage',
        params: { text: '*Penting*', parse_mode: 'MarkdownV2' },
        fallbackText: '*Penting*'
      }
    ])
  })

  test('When custom has a media group, then sendMediaGroup gets only whitelisted item keys', () => {
    const media = [
      { type: 'photo', media: 'https://x.go.id/1.png', caption: 'Langkah 1', evil: 1 },
      { type: 'photo', media: 'https://x.go.id/2.png' }
    ]
    expect(render([{ custom: { media } }]).calls).toEqual([
      {
        method: 'sendMediaGroup',
        params: {
          media: [
            { type: 'photo', media: 'https://x.go.id/1.png', caption: 'Langkah 1' },
            { type: 'photo', media: 'https://x.go.id/2.png' }
          ]
        }
      }
    ])
  })

  test('When custom carries chat_id or unknown keys, then they are dropped (no redirecting messages) and reported', () => {
    const { calls, dropped } = render([{ custom: { text: 'Halo', chat_id: 999, foo: 'bar' } }])
    expect(calls).toEqual([{ method: 'sendMessage', params: { text: 'Halo' } }])
    expect(dropped).toEqual(['custom keys not allowed for sendMessage: chat_id, foo'])
  })

  test("When custom is an invoice (Rasa's is broken) or a game, then it is explicitly unsupported: nothing is sent", () => {
    const invoice = {
      title: 'Bayar',
      description: 'x',
      payload: 'p',
      provider_token: 't',
      currency: 'IDR',
      prices: []
    }
    const { calls, dropped } = render([{ custom: invoice }, { custom: { game_short_name: 'g' } }])
    expect(calls).toEqual([])
    expect(dropped).toEqual([
      'custom payload with no supported key (title, description, payload, provider_token, currency, prices)',
      'custom payload with no supported key (game_short_name)'
    ])
  })

  test('When custom values have the wrong type or an unknown chat action, then nothing is sent', () => {
    const { calls, dropped } = render([
      { custom: { photo: 42 } },
      { custom: { action: 'dance' } },
      { custom: { media: [{ type: 'photo', media: 'a' }] } }
    ])
    expect(calls).toEqual([])
    expect(dropped).toEqual([
      'custom payload for sendPhoto has invalid values',
      'custom payload for sendChatAction has invalid values',
      'custom payload for sendMediaGroup has invalid values'
    ])
  })

  test('When custom sets an unknown parse_mode, then it is removed', () => {
    expect(render([{ custom: { text: 'x', parse_mode: 'Latex' } }]).calls).toEqual([
      { method: 'sendMessage', params: { text: 'x' } }
    ])
  })

  test('When a caption exceeds 1024, then the media goes alone and the caption follows as text', () => {
    const caption = 'c'.repeat(1500)
    expect(render([{ custom: { photo: 'https://x.go.id/p.png', caption } }]).calls).toEqual([
      { method: 'sendPhoto', params: { photo: 'https://x.go.id/p.png' } },
      { method: 'sendMessage', params: { text: caption } }
    ])
  })

  test('When custom has buttons with button_type vertical / inline / reply, then that layout is used (reply: one per row, as Rasa)', () => {
    const buttons = [
      { title: 'Ya', payload: '/affirm' },
      { title: 'Tidak', payload: '/deny' }
    ]
    const layouts = ['vertical', 'inline', 'reply'].map(
      (button_type) =>
        render([{ custom: { text: 'Benar?', buttons, button_type } }]).calls[0]?.keyboard
    )
    expect(layouts).toEqual([
      { type: 'inline', rows: [[buttons[0]], [buttons[1]]] },
      { type: 'inline', rows: [buttons] },
      { type: 'reply', rows: [[buttons[0]], [buttons[1]]] }
    ])
  })

  test('When custom buttons are nested arrays, then they are rows as given (reply keyboards included)', () => {
    const rows = [
      [
        { title: '1', payload: '/a' },
        { title: '2', payload: '/b' }
      ],
      [{ title: '3', payload: '/c' }]
    ]
    expect(
      render([{ custom: { text: 'Pilih', buttons: rows, button_type: 'reply' } }]).calls[0]
        ?.keyboard
    ).toEqual({ type: 'reply', rows })
  })

  test('When custom passes its own reply_markup object, then it is kept (Rasa channel parity)', () => {
    const reply_markup = { remove_keyboard: true }
    expect(render([{ custom: { text: 'ok', reply_markup } }]).calls).toEqual([
      { method: 'sendMessage', params: { text: 'ok', reply_markup } }
    ])
  })
})
