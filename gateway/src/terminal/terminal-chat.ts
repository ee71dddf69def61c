import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { parseCommand } from '../bot/commands'
import type { Bridge, ChatOutput } from '../conversation/bridge'
import { MESSAGES } from '../messages'
import { isUrlButton, type KeyboardButton } from '../render/outgoing'
import { formatCall } from './format-call'

export interface TerminalChatOptions {
  input: Readable
  output: Writable
  bridge: Bridge
  /** Rasa sender id of this session. */
  sender: string
  /** Interactive terminal: show a prompt and greet on open. Piped input: just read lines. */
  interactive: boolean
  /**
   * Gets the output for messages that arrive without a user line (the gateway's
   * `/rasa/callback`: staff replies, notifications, surveys), printed like the bot's replies.
   */
  onProactiveOutput?: (out: ChatOutput) => void
}

const EXIT_WORDS = new Set(['/keluar', '/exit', '/quit'])

const BANNER = [
  'Obrolan terminal Helpdesk TIK (tanpa Telegram).',
  'Ketik pesan lalu tekan Enter. Tombol ditampilkan bernomor: ketik nomornya untuk memilih.',
  'Perintah: /start, /help, /reset, /keluar.'
].join('\n')

/**
 * The same bridge and renderer as Telegram, over stdin/stdout. Lines are handled one at a time
 * in order; resolves when the input ends (Ctrl-D, end of a pipe or /keluar) and every reply is out.
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { output, bridge, sender } = options
  let choices: KeyboardButton[] = []
  let messageCount = 0
  const write = (text: string): void => {
    if (text !== '') output.write(text + '\n')
  }

  const out: ChatOutput = {
    async deliver(call) {
      const formatted = formatCall(call, choices.length + 1)
      choices.push(...formatted.buttons)
      write(formatted.text)
    },
    typing: async () => undefined
  }

  const rl = createInterface({
    input: options.input,
    ...(options.interactive ? { output, terminal: true } : { terminal: false })
  })
  const prompt = (): void => {
    if (options.interactive) rl.prompt()
  }
  rl.setPrompt('Anda: ')

  options.onProactiveOutput?.({
    async deliver(call) {
      const formatted = formatCall(call, choices.length + 1)
      choices.push(...formatted.buttons)
      // Clear a half-typed prompt line first, then show the prompt (and what was typed) again.
      if (options.interactive) output.write('\r\x1b[K')
      write(formatted.text)
      if (options.interactive) rl.prompt(true)
    },
    typing: async () => undefined
  })

  async function handle(line: string): Promise<void> {
    const text = line.trim()
    if (text === '') return
    messageCount++
    const metadata: Record<string, unknown> = { terminal: { message_id: messageCount } }
    const number = /^\d+$/.test(text) ? Number(text) : undefined
    const chosen = number !== undefined ? choices[number - 1] : undefined
    choices = []
    if (chosen !== undefined) {
      if (isUrlButton(chosen)) {
        write(`Bot: Buka tautan ini di peramban: ${chosen.url}`)
        return
      }
      write(`(Anda memilih: ${chosen.title})`)
      await bridge.converse({ sender, message: chosen.payload, metadata }, out)
      return
    }
    const command = parseCommand(text, undefined)
    if (command?.name === 'start') {
      await bridge.converse(
        {
          sender,
          message: '/greet',
          metadata: { ...metadata, telegram: { start: command.payload } }
        },
        out
      )
    } else if (command?.name === 'help') {
      await bridge.converse({ sender, message: '/help', metadata }, out)
    } else if (command?.name === 'reset') {
      if (await bridge.converse({ sender, message: '/restart', metadata, emptyIsOk: true }, out))
        await bridge.say(MESSAGES.resetDone, out)
    } else {
      await bridge.converse({ sender, message: text, metadata }, out)
    }
  }

  if (options.interactive) write(BANNER)
  let chain: Promise<void> = Promise.resolve()
  if (options.interactive) chain = chain.then(() => handle('/start'))
  chain = chain.then(prompt)

  let interrupted = false
  await new Promise<void>((resolve) => {
    let exited = false
    // In a TTY readline swallows Ctrl-C (raw mode) and would only pause; make it quit instead.
    rl.on('SIGINT', () => {
      exited = true
      interrupted = true
      rl.close()
    })
    rl.on('line', (line) => {
      // readline may still emit lines it had buffered before close().
      if (exited) return
      if (EXIT_WORDS.has(line.trim().toLowerCase())) {
        exited = true
        rl.close()
        return
      }
      chain = chain.then(() => handle(line)).then(prompt)
    })
    rl.on('close', resolve)
  })
  // Ctrl-C means now; end of input (Ctrl-D, end of a pipe, /keluar) lets pending replies arrive.
  if (!interrupted) await chain
  if (options.interactive) write('\nSampai jumpa.')
}
