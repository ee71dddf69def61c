import { leakedSecrets } from '../src/expectations'
import { findButton } from '../src/telegram-chat'
import type { Turn } from '../src/telegram-chat'

const keyboard = [
  [
    { text: 'Ya', callback_data: '/affirm' },
    { text: 'Tidak', callback_data: '/deny' }
  ],
  [
    { text: '🔑 Lupa password', callback_data: '/lupa_password' },
    { text: 'Lupa akun e-mail', callback_data: '/lupa_email' }
  ]
]

function turnSaying(text: string): Turn {
  return {
    chatId: 1,
    startedAt: 0,
    timedOut: false,
    rasaSaw: true,
    messages: [{ message_id: 1, chat_id: 1, text, buttons: [], sentButtons: [], at: 0 }]
  }
}

describe('finding a button by its label', () => {
  test('an exact label wins, case-insensitively', () => {
    expect(findButton(keyboard, 'ya').callback_data).toBe('/affirm')
  })

  test('a unique part of a label is enough', () => {
    expect(findButton(keyboard, 'lupa password').callback_data).toBe('/lupa_password')
  })

  test('an ambiguous or missing label lists what the keyboard offers', () => {
    expect(() => findButton(keyboard, 'lupa')).toThrow(
      'button "lupa": more than one button matches; the latest keyboard offers "Ya", "Tidak", "🔑 Lupa password", "Lupa akun e-mail"'
    )
    expect(() => findButton(keyboard, 'Batal')).toThrow('button "Batal": no such button')
  })
})

describe('secrets in the chat', () => {
  test('a phone number is found even when written with spaces or dashes', () => {
    expect(leakedSecrets(turnSaying('Dikirim ke 0856 1000 0101'), ['085610000101'])).toEqual([
      '085610000101'
    ])
    expect(leakedSecrets(turnSaying('Dikirim ke 0856-1000-0101'), ['085610000101'])).toEqual([
      '085610000101'
    ])
  })

  test('a masked number is not a leak', () => {
    expect(
      leakedSecrets(turnSaying('Dikirim ke nomor 0856****0101'), ['085610000101', '6285610000101'])
    ).toEqual([])
  })
})
