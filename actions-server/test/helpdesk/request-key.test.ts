import { requestKey } from '../../src/helpdesk/request-key'
import { Tracker } from '../../src/sdk'

const telegram = (updateId: number) => ({ telegram: { chat_id: 810021, update_id: updateId } })

function trackerFor(messageId: string, metadata: Record<string, unknown>): Tracker {
  return Tracker.fromState({
    sender_id: '810021',
    slots: {},
    latest_message: { text: 'ya', message_id: messageId, metadata },
    events: [{ event: 'user', text: 'ya', timestamp: 1, metadata }]
  })
}

describe('request keys', () => {
  test('When Rasa runs an action again for the same Telegram update (a redelivery after a gateway crash), then the key is the same, so nothing is sent or opened twice', () => {
    const first = requestKey('notice:cek_tte', trackerFor('uuid-first-run', telegram(500123)))
    const again = requestKey('notice:cek_tte', trackerFor('uuid-second-run', telegram(500123)))
    expect(again).toBe(first)
    expect(first).toBe('notice:cek_tte:810021:tg500123')
  })

  test('When the user sends a new message (a new update), then the key differs', () => {
    expect(requestKey('tte', trackerFor('a', telegram(500123)))).not.toBe(
      requestKey('tte', trackerFor('b', telegram(500124)))
    )
  })

  test("When a message did not come through Telegram, then Rasa's message id keys it as before", () => {
    expect(requestKey('tte', trackerFor('uuid-1', {}))).toBe('tte:810021:uuid-1')
  })
})
