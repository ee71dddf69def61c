/** Builders for Bot API updates as Telegram sends them (ids are filled in by the fake when omitted). */

let messageIds = 1000

export interface UserOptions {
  userId?: number
  username?: string
  languageCode?: string
  firstName?: string
}

function user(chatId: number, o: UserOptions): Record<string, unknown> {
  return {
    id: o.userId ?? Math.abs(chatId),
    is_bot: false,
    first_name: o.firstName ?? 'Budi',
    ...(o.username !== undefined ? { username: o.username } : {}),
    language_code: o.languageCode ?? 'id'
  }
}

function chat(chatId: number): Record<string, unknown> {
  return chatId < 0
    ? { id: chatId, type: 'supergroup', title: 'Grup Uji' }
    : { id: chatId, type: 'private', first_name: 'Budi' }
}

export function aMessage(
  chatId: number,
  fields: Record<string, unknown>,
  o: UserOptions = {}
): Record<string, unknown> {
  return {
    message_id: messageIds++,
    date: 1700000000,
    chat: chat(chatId),
    from: user(chatId, o),
    ...fields
  }
}

/** A text message; a leading /command gets its bot_command entity, as Telegram does. */
export function aTextUpdate(
  chatId: number,
  text: string,
  o: UserOptions & { updateId?: number } = {}
): Record<string, unknown> {
  const command = /^\/\S+/.exec(text)
  const entities =
    command !== null
      ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }
      : {}
  return {
    ...(o.updateId !== undefined ? { update_id: o.updateId } : {}),
    message: aMessage(chatId, { text, ...entities }, o)
  }
}

export function anEditedTextUpdate(
  chatId: number,
  text: string,
  o: UserOptions = {}
): Record<string, unknown> {
  return { edited_message: { ...aMessage(chatId, { text }, o), edit_date: 1700000100 } }
}

export function aCallbackUpdate(
  chatId: number,
  data: string,
  o: UserOptions & { queryId?: string } = {}
): Record<string, unknown> {
  return {
    callback_query: {
      id: o.queryId ?? `cbq-${messageIds++}`,
      from: user(chatId, o),
      chat_instance: '-100200300',
      message: aMessage(chatId, {
        text: 'pesan dengan tombol',
        from: { id: 123456, is_bot: true, first_name: 'Helpdesk TIK' }
      }),
      data
    }
  }
}

export function aLocationUpdate(
  chatId: number,
  latitude: number,
  longitude: number
): Record<string, unknown> {
  return { message: aMessage(chatId, { location: { latitude, longitude } }) }
}

export function aStickerUpdate(chatId: number): Record<string, unknown> {
  return {
    message: aMessage(chatId, {
      sticker: {
        file_id: 'CAACAgIAAxk',
        file_unique_id: 'AgAD',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        type: 'regular'
      }
    })
  }
}

export function aVoiceUpdate(chatId: number): Record<string, unknown> {
  return {
    message: aMessage(chatId, {
      voice: { file_id: 'AwACAgIAAxk', file_unique_id: 'AgAE', duration: 3 }
    })
  }
}

export function aDocumentUpdate(chatId: number): Record<string, unknown> {
  return {
    message: aMessage(chatId, {
      document: { file_id: 'BQACAgIAAxk', file_unique_id: 'AgAF', file_name: 'ktp.pdf' }
    })
  }
}

export function aMyChatMemberUpdate(chatId: number): Record<string, unknown> {
  return {
    my_chat_member: {
      chat: chat(chatId),
      from: user(chatId, {}),
      date: 1700000000,
      old_chat_member: {
        status: 'member',
        user: { id: 123456, is_bot: true, first_name: 'Helpdesk TIK' }
      },
      new_chat_member: {
        status: 'kicked',
        until_date: 0,
        user: { id: 123456, is_bot: true, first_name: 'Helpdesk TIK' }
      }
    }
  }
}
