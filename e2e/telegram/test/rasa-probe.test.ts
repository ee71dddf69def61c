import { restMessages } from '../src/rasa-probe'

describe('how many chat messages one Rasa utterance becomes (REST channel)', () => {
  test('plain text is split at blank lines, empty parts dropped', () => {
    expect(
      restMessages({
        event: 'bot',
        text: 'Persyaratan:\n• satu\n\nLangkah:\n• dua\n\n\n\nSelesai.'
      })
    ).toBe(3)
  })

  test('text with buttons stays one message', () => {
    expect(
      restMessages({
        event: 'bot',
        text: 'Apakah masih ada?\n\nPilih:',
        data: { buttons: [{ title: 'Ya' }] }
      })
    ).toBe(1)
  })

  test('an image adds a message of its own', () => {
    expect(
      restMessages({
        event: 'bot',
        text: 'Lihat gambar',
        data: { image: 'https://example.go.id/a.png' }
      })
    ).toBe(2)
  })
})
