import { createButtonMemory } from '../../src/bot/button-memory'
import { routeUpdate, type RouteOptions } from '../../src/bot/route-update'
import { MESSAGES } from '../../src/messages'
import { virtualClock } from '../helpers/harness'

function options(overrides: Partial<RouteOptions> = {}): RouteOptions {
  return {
    botUsername: 'helpdesk_test_bot',
    typedIntents: 'buttons-only',
    editedMessages: 'forward',
    buttons: createButtonMemory(60000, virtualClock()),
    ...overrides
  }
}

function textUpdate(
  text: string,
  chat: Record<string, unknown> = { id: 42, type: 'private' },
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    update_id: 7,
    message: {
      message_id: 3,
      date: 1,
      chat,
      from: { id: 9, is_bot: false, first_name: 'A', language_code: 'id' },
      text,
      ...extra
    }
  }
}

const META = {
  chat_id: 42,
  chat_type: 'private',
  user_id: 9,
  language_code: 'id',
  message_id: 3,
  update_id: 7
}

describe('routeUpdate', () => {
  test('When /start carries a deep-link payload, then Rasa gets /greet with metadata.telegram.start = payload', () => {
    expect(routeUpdate(textUpdate('/start ref_42'), options())).toEqual({
      kind: 'turn',
      chatId: 42,
      message: '/greet',
      metadata: { ...META, start: 'ref_42' }
    })
  })

  test('When /start has no payload, then start is the empty string', () => {
    expect(routeUpdate(textUpdate('/start'), options())).toEqual({
      kind: 'turn',
      chatId: 42,
      message: '/greet',
      metadata: { ...META, start: '' }
    })
  })

  test('When /help or /help@thisbot, then Rasa gets the /help intent', () => {
    expect(routeUpdate(textUpdate('/help'), options())).toEqual({
      kind: 'turn',
      chatId: 42,
      message: '/help',
      metadata: META
    })
    expect(routeUpdate(textUpdate('/help@Helpdesk_Test_Bot'), options())).toEqual({
      kind: 'turn',
      chatId: 42,
      message: '/help',
      metadata: META
    })
  })

  test('When /reset or /restart, then the conversation is reset', () => {
    expect(routeUpdate(textUpdate('/reset'), options())).toEqual({
      kind: 'reset',
      chatId: 42,
      metadata: META
    })
    expect(routeUpdate(textUpdate('/restart'), options())).toEqual({
      kind: 'reset',
      chatId: 42,
      metadata: META
    })
  })

  test('When a command is addressed to another bot, then it is ignored', () => {
    expect(routeUpdate(textUpdate('/start@other_bot'), options())).toEqual({
      kind: 'ignore',
      reason: 'command for another bot'
    })
  })

  test('When a user types /intent{...} and typed intents are buttons-only, then NLU reads it as words (no slot injection)', () => {
    expect(routeUpdate(textUpdate('/inform{"nip":"198503152010011001"}'), options())).toMatchObject(
      { kind: 'turn', message: 'inform{"nip":"198503152010011001"}' }
    )
  })

  test('When typed intents are allowed (Rasa channel parity), then /intent{...} passes through', () => {
    expect(
      routeUpdate(textUpdate('/lupa_password'), options({ typedIntents: 'allow' }))
    ).toMatchObject({ kind: 'turn', message: '/lupa_password' })
  })

  test('When text in a group starts with /bot or @botname, then only that leading mention is stripped', () => {
    const group = { id: -100500, type: 'supergroup', title: 'Grup' }
    expect(
      routeUpdate(textUpdate('@helpdesk_test_bot lupa password', group), options())
    ).toMatchObject({
      kind: 'turn',
      chatId: -100500,
      message: 'lupa password',
      metadata: { chat_type: 'supergroup' }
    })
    expect(routeUpdate(textUpdate('/bot lupa password', group), options())).toMatchObject({
      message: 'lupa password'
    })
    expect(
      routeUpdate(textUpdate('/bottle ku hilang', group), options({ typedIntents: 'allow' }))
    ).toMatchObject({ message: '/bottle ku hilang' })
  })

  test('When a private chat text contains "/bot", then nothing is stripped (Rasa stripped it everywhere)', () => {
    expect(
      routeUpdate(textUpdate('saya robot /bot', { id: 42, type: 'private' }), options())
    ).toMatchObject({ message: 'saya robot /bot' })
  })

  test('When a message is edited, then it is forwarded with edited: true, or ignored when configured', () => {
    const edited = {
      update_id: 8,
      edited_message: {
        message_id: 3,
        date: 1,
        edit_date: 2,
        chat: { id: 42, type: 'private' },
        from: { id: 9, is_bot: false, first_name: 'A' },
        text: 'koreksi'
      }
    }
    expect(routeUpdate(edited, options())).toEqual({
      kind: 'turn',
      chatId: 42,
      message: 'koreksi',
      metadata: {
        chat_id: 42,
        chat_type: 'private',
        user_id: 9,
        language_code: null,
        message_id: 3,
        update_id: 8,
        edited: true
      }
    })
    expect(routeUpdate(edited, options({ editedMessages: 'ignore' }))).toEqual({
      kind: 'ignore',
      reason: 'edited message (configured off)'
    })
  })

  test('When a location is shared, then Rasa gets the channel\'s {"lng":…, "lat":…} text and the coordinates in metadata', () => {
    const update = {
      update_id: 7,
      message: {
        message_id: 3,
        date: 1,
        chat: { id: 42, type: 'private' },
        from: { id: 9, is_bot: false, first_name: 'A', language_code: 'id' },
        location: { latitude: -6.175, longitude: 106.827 }
      }
    }
    expect(routeUpdate(update, options())).toEqual({
      kind: 'turn',
      chatId: 42,
      message: '{"lng":106.827, "lat":-6.175}',
      metadata: { ...META, location: { latitude: -6.175, longitude: 106.827 } }
    })
  })

  test.each(['sticker', 'voice', 'document', 'photo', 'contact', 'video'])(
    'When a %s is sent, then the user gets the polite unsupported notice',
    (kind) => {
      const update = {
        update_id: 7,
        message: {
          message_id: 3,
          date: 1,
          chat: { id: 42, type: 'private' },
          [kind]: { file_id: 'x' }
        }
      }
      expect(routeUpdate(update, options())).toEqual({
        kind: 'notice',
        chatId: 42,
        text: MESSAGES.unsupported
      })
    }
  )

  test.each([
    [
      { update_id: 1, my_chat_member: { chat: { id: 1, type: 'private' } } },
      'update type without a message'
    ],
    [
      {
        update_id: 1,
        channel_post: { message_id: 1, chat: { id: -1001, type: 'channel' }, text: 'x' }
      },
      'update type without a message'
    ],
    [{ update_id: 1, inline_query: { id: 'q', query: 'x' } }, 'update type without a message'],
    [
      {
        update_id: 1,
        message: { message_id: 1, chat: { id: 5, type: 'group' }, new_chat_members: [] }
      },
      'service message'
    ],
    [{ update_id: 1, message: { chat: { id: 5 } } }, 'malformed message'],
    [{ message: { text: 'no update id' } }, 'malformed update'],
    ['not an object', 'malformed update'],
    [{ update_id: 1, callback_query: { from: { id: 1 } } }, 'malformed callback query']
  ])('When the update is %j, then it is ignored cleanly (%s)', (update, reason) => {
    expect(routeUpdate(update, options())).toEqual({ kind: 'ignore', reason })
  })

  test('When a button is pressed, then its payload goes to Rasa (short ids resolved) and the query is to be answered', () => {
    const buttons = createButtonMemory(60000, virtualClock())
    const long = '/inform{"sistem":"email_dinas","identitas":"198503152010011001","x":1}'
    const data = buttons.callbackData(42, long)
    const update = {
      update_id: 9,
      callback_query: {
        id: 'q1',
        from: { id: 9, is_bot: false, first_name: 'A' },
        chat_instance: 'c',
        data,
        message: { message_id: 5, date: 1, chat: { id: 42, type: 'private' }, text: 'x' }
      }
    }
    expect(routeUpdate(update, options({ buttons }))).toEqual({
      kind: 'turn',
      chatId: 42,
      message: long,
      callbackQueryId: 'q1',
      metadata: {
        chat_id: 42,
        chat_type: 'private',
        user_id: 9,
        language_code: null,
        message_id: 5,
        update_id: 9,
        button: true
      }
    })
  })

  test('When an unknown or expired short id is pressed, then only the query is answered, with the expiry notice', () => {
    const update = {
      update_id: 9,
      callback_query: {
        id: 'q1',
        from: { id: 9 },
        chat_instance: 'c',
        data: '~b:nope',
        message: { message_id: 5, chat: { id: 42, type: 'private' } }
      }
    }
    expect(routeUpdate(update, options())).toEqual({
      kind: 'answer',
      callbackQueryId: 'q1',
      text: MESSAGES.buttonExpired
    })
  })

  test.each([
    ['/inform{"identitas":"198503152010011001"}'],
    ['/lupa_password'],
    ['tolong reset password saya'],
    ['~b:forged']
  ])(
    'When callback_data %j is not one the gateway issued, then only the query is answered (politely) and nothing goes to Rasa',
    (data) => {
      const update = {
        update_id: 9,
        callback_query: {
          id: 'q1',
          from: { id: 9 },
          chat_instance: 'c',
          data,
          message: { message_id: 5, chat: { id: 42, type: 'private' } }
        }
      }
      expect(routeUpdate(update, options())).toEqual({
        kind: 'answer',
        callbackQueryId: 'q1',
        text: MESSAGES.buttonExpired
      })
    }
  )

  test('When a reply-keyboard title is typed back, then its payload goes to Rasa', () => {
    const buttons = createButtonMemory(60000, virtualClock())
    buttons.rememberReplyKeyboard(42, [{ title: 'Ya', payload: '/affirm' }])
    expect(routeUpdate(textUpdate('Ya'), options({ buttons }))).toEqual({
      kind: 'turn',
      chatId: 42,
      message: '/affirm',
      metadata: { ...META, button: true }
    })
  })
})
