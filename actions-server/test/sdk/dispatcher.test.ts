/** CollectingDispatcher.utterMessage produces rasa-sdk's message objects. */
import { CollectingDispatcher } from '../../src/sdk'

const DEFAULTS = {
  text: null,
  buttons: [],
  elements: [],
  custom: {},
  template: null,
  response: null,
  image: null,
  attachment: null
}

describe('CollectingDispatcher.utterMessage', () => {
  test("When called with nothing, then the message has exactly rasa-sdk's 8 keys with their empty defaults", () => {
    const dispatcher = new CollectingDispatcher()

    dispatcher.utterMessage()

    expect(dispatcher.messages).toEqual([DEFAULTS])
    expect(Object.keys(dispatcher.messages[0]!)).toEqual([
      'text',
      'buttons',
      'elements',
      'custom',
      'template',
      'response',
      'image',
      'attachment'
    ])
  })

  test('When a response is named with template variables, then response and template both hold it and variables are top-level keys', () => {
    const dispatcher = new CollectingDispatcher()

    dispatcher.utterMessage({
      response: 'utter_konfirmasi',
      ringkasan_identitas: 'Nama: B*** S*****'
    })

    expect(dispatcher.messages).toEqual([
      {
        ...DEFAULTS,
        template: 'utter_konfirmasi',
        response: 'utter_konfirmasi',
        ringkasan_identitas: 'Nama: B*** S*****'
      }
    ])
  })

  test('When the deprecated template field is used, then it acts as response', () => {
    const dispatcher = new CollectingDispatcher()

    dispatcher.utterMessage({ template: 'utter_goodbye' })

    expect(dispatcher.messages[0]).toEqual({
      ...DEFAULTS,
      template: 'utter_goodbye',
      response: 'utter_goodbye'
    })
  })

  test('When every field is given, then each lands in its rasa-sdk key (json message → custom)', () => {
    const dispatcher = new CollectingDispatcher()
    const buttons = [
      { title: 'Hubungi', url: 'https://wa.me/6281100000000?text=TIK-20260101-0001' }
    ]

    dispatcher.utterMessage({
      text: 'Tiket dibuat.',
      buttons,
      image: 'https://example.go.id/a.png',
      jsonMessage: { kind: 'ticket' },
      attachment: { type: 'file' },
      elements: [{ title: 'x' }],
      quick_replies: [{ title: 'Ya' }]
    })

    expect(dispatcher.messages[0]).toEqual({
      text: 'Tiket dibuat.',
      buttons,
      elements: [{ title: 'x' }],
      custom: { kind: 'ticket' },
      template: null,
      response: null,
      image: 'https://example.go.id/a.png',
      attachment: { type: 'file' },
      quick_replies: [{ title: 'Ya' }]
    })
  })

  test("When rasa-sdk's json_message spelling is used, then it fills custom", () => {
    const dispatcher = new CollectingDispatcher()

    dispatcher.utterMessage({ json_message: { a: 1 } })

    expect(dispatcher.messages[0]).toEqual({ ...DEFAULTS, custom: { a: 1 } })
  })

  test("When fields are null, then they get rasa-sdk's empty values ([] / {} / null), not undefined", () => {
    const dispatcher = new CollectingDispatcher()

    dispatcher.utterMessage({
      text: null,
      buttons: null,
      elements: null,
      jsonMessage: null,
      image: null
    })

    expect(dispatcher.messages[0]).toEqual(DEFAULTS)
  })

  test('When an extra key repeats a fixed key (custom), then the extra key wins, as kwargs do in rasa-sdk', () => {
    const dispatcher = new CollectingDispatcher()

    dispatcher.utterMessage({ custom: { telegram: { parse_mode: 'HTML' } } })

    expect(dispatcher.messages[0]).toEqual({
      ...DEFAULTS,
      custom: { telegram: { parse_mode: 'HTML' } }
    })
  })

  test('When several messages are uttered, then they keep their order', () => {
    const dispatcher = new CollectingDispatcher()

    dispatcher.utterMessage({ text: 'satu' })
    dispatcher.utterMessage({ text: 'dua' })

    expect(dispatcher.messages.map((m) => m.text)).toEqual(['satu', 'dua'])
  })
})
