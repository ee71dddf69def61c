import { PassThrough, Readable, Writable } from 'node:stream'
import { createBridge } from '../../src/conversation/bridge'
import { createLogger } from '../../src/logger'
import { MESSAGES } from '../../src/messages'
import { createMetrics } from '../../src/metrics'
import { createRasaClient } from '../../src/rasa/rasa-client'
import { runTerminalChat } from '../../src/terminal/terminal-chat'
import { startFakeRasa, type FakeRasa, type FakeRasaScript } from '../fakes'

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = []
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString('utf8'))
        done()
      }
    }),
    text: () => chunks.join('')
  }
}

async function chat(rasa: FakeRasa, lines: string[], interactive = false): Promise<string> {
  const out = sink()
  const bridge = createBridge({
    rasa: createRasaClient({ baseUrl: rasa.url, timeoutMs: 2000 }),
    logger: createLogger('silent'),
    metrics: createMetrics(),
    typingIntervalMs: 4000,
    inputChannel: 'terminal_chat'
  })
  const input = interactive
    ? Object.assign(new PassThrough(), { isTTY: false })
    : Readable.from([lines.join('\n') + '\n'])
  if (interactive) {
    ;(input as PassThrough).end(lines.join('\n') + '\n')
  }
  await runTerminalChat({ input, output: out.stream, bridge, sender: 'terminal-test', interactive })
  return out.text()
}

const greeting: FakeRasaScript = (req) => {
  if (req.message === '/greet') {
    return [
      {
        text: 'Halo! Apa yang bisa kami bantu?',
        buttons: [
          { title: 'Lupa password', payload: '/lupa_password' },
          { title: 'Hubungi petugas', url: 'https://wa.me/6281100000000' }
        ]
      }
    ]
  }
  if (req.message === '/restart') return []
  return [{ text: `Anda mengirim: ${req.message}` }]
}

describe('terminal chat (piped, non-TTY stdin)', () => {
  let rasa: FakeRasa
  beforeEach(async () => {
    rasa = await startFakeRasa({ reply: greeting })
  })
  afterEach(async () => {
    await rasa.close()
  })

  test('When lines are piped in, then each goes to Rasa in order and replies are printed, buttons numbered', async () => {
    const output = await chat(rasa, ['/start', '1', '2', 'terima kasih'])
    expect(output).toBe(
      [
        'Bot: Halo! Apa yang bisa kami bantu?',
        '  [1] Lupa password',
        '  [2] Hubungi petugas (tautan: https://wa.me/6281100000000)',
        '(Anda memilih: Lupa password)',
        'Bot: Anda mengirim: /lupa_password',
        'Bot: Anda mengirim: 2',
        'Bot: Anda mengirim: terima kasih',
        ''
      ].join('\n')
    )
    expect(rasa.requests.map((r) => [r.sender, r.message])).toEqual([
      ['terminal-test', '/greet'],
      ['terminal-test', '/lupa_password'],
      ['terminal-test', '2'],
      ['terminal-test', 'terima kasih']
    ])
    expect(rasa.requests[0]?.metadata).toEqual({
      terminal: { message_id: 1 },
      telegram: { start: '' }
    })
  })

  test("When a link button's number is typed, then the link is shown and Rasa is not called", async () => {
    const output = await chat(rasa, ['/start', '2'])
    expect(output.split('\n').slice(3)).toEqual([
      'Bot: Buka tautan ini di peramban: https://wa.me/6281100000000',
      ''
    ])
    expect(rasa.requests.map((r) => r.message)).toEqual(['/greet'])
  })

  test('When /reset and /help are typed, then Rasa gets /restart (with the confirmation printed) and /help', async () => {
    const output = await chat(rasa, ['/reset', '/help', '/keluar', 'tidak terkirim'])
    expect(output).toBe(`Bot: ${MESSAGES.resetDone}\nBot: Anda mengirim: /help\n`)
    expect(rasa.requests.map((r) => r.message)).toEqual(['/restart', '/help'])
  })

  test('When Rasa is down, then the honest Indonesian message is printed', async () => {
    await rasa.close()
    const output = await chat(rasa, ['halo'])
    expect(output).toBe(`Bot: ${MESSAGES.rasaUnavailable}\n`)
    rasa = await startFakeRasa()
  })

  test('When interactive, then a banner is shown and the conversation opens with /start', async () => {
    const output = await chat(rasa, [], true)
    expect(output).toContain('Obrolan terminal Helpdesk TIK (tanpa Telegram).')
    expect(output).toContain('Bot: Halo! Apa yang bisa kami bantu?')
    expect(output).toContain('Sampai jumpa.')
    expect(rasa.requests.map((r) => r.message)).toEqual(['/greet'])
  })
})
