import type { InlineButton } from './telegram-side'

export type EntryKind = 'user' | 'press' | 'bot' | 'whatsapp' | 'stack' | 'note' | 'problem'

export interface Entry {
  at: number
  chat: string
  kind: EntryKind
  text: string
  buttons?: InlineButton[][]
}

/** What happened in one script, in order, for printing when it fails. */
export class Transcript {
  readonly entries: Entry[] = []
  private readonly started = Date.now()

  constructor(private readonly multiChat: boolean) {}

  add(
    chat: string,
    kind: EntryKind,
    text: string,
    buttons?: InlineButton[][],
    at = Date.now()
  ): void {
    this.entries.push({ at, chat, kind, text, buttons })
  }

  format(): string {
    const lines: string[] = []
    // Chats play at the same time and bot messages carry their arrival time: print in time order.
    const entries = [...this.entries].sort((a, b) => a.at - b.at)
    for (const entry of entries) {
      const time = `[${((entry.at - this.started) / 1000).toFixed(1).padStart(5)}s]`
      const who = this.multiChat && entry.chat !== '' ? `${entry.chat.padEnd(8)} ` : ''
      const head = `${time} ${who}${LABELS[entry.kind]} `
      const pad = ' '.repeat(head.length)
      const body = entry.text.split('\n')
      lines.push(head + (body[0] ?? ''))
      for (const line of body.slice(1)) lines.push(pad + line)
      for (const row of entry.buttons ?? []) {
        lines.push(pad + row.map(formatButton).join(' '))
      }
    }
    return lines.join('\n')
  }
}

const LABELS: Record<EntryKind, string> = {
  user: 'USER   >',
  press: 'USER  [*]',
  bot: 'BOT    <',
  whatsapp: 'WA     ~',
  stack: 'STACK  #',
  note: 'NOTE   :',
  problem: 'FAILED !'
}

function formatButton(button: InlineButton): string {
  if (button.url !== undefined) return `[${button.text} -> ${button.url}]`
  return `[${button.text} => ${button.callback_data ?? ''}]`
}
