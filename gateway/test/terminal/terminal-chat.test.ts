import { PassThrough, Readable, Writable } from 'node:stream'
import { createBridge } from '../../src/conversation/bridge'
import { createLogger } from '../../src/logger'
import { MESSAGES } from '../../src/messages'
import { createMetrics } from '../../src/metrics'
import { createRasaClient } from '../../src/rasa/rasa-client'
import { runTerminalChat } from '../../src/terminal/terminal-chat'
import { startTerminalCallback } from '../../src/terminal/terminal-callback'
import { loadConfig } from '../../src/config'
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

describe('terminal chat: console messages (GATEWAY_CALLBACK_TOKEN)', () => {
  const TOKEN = 'callback-token-0123456789'
  let rasa: FakeRasa
  beforeEach(async () => {
    rasa = await startFakeRasa({ reply: greeting })
  })
  afterEach(async () => {
    await rasa.close()
  })

  test('When the console posts a staff reply and a survey for this terminal, then both are printed in order, the buttons numbered, and a typed number answers the survey', async () => {
    const out = sink()
    const logger = createLogger('silent')
    const rasaClient = createRasaClient({ baseUrl: rasa.url, timeoutMs: 2000 })
    const bridge = createBridge({
      rasa: rasaClient,
      logger,
      metrics: createMetrics(),
      typingIntervalMs: 4000,
      inputChannel: 'terminal_chat'
    })
    const config = loadConfig({
      GATEWAY_CALLBACK_TOKEN: TOKEN,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      RASA_URL: rasa.url
    })
    const sender = 'terminal-0a1b2c3d'
    const callback = await startTerminalCallback(config, {
      rasa: rasaClient,
      bridge,
      metrics: createMetrics(),
      logger,
      sender
    })
    const input = new PassThrough()
    const chatDone = runTerminalChat({
      input,
      output: out.stream,
      bridge,
      sender,
      interactive: false,
      onProactiveOutput: callback.attach
    })
    const post = (body: unknown): Promise<Response> =>
      fetch(`${callback.url!}/rasa/callback?token=${TOKEN}&wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })
    const reply = await post([
      { recipient_id: sender, text: 'Halo, saya rina dari helpdesk.' },
      {
        recipient_id: sender,
        text: 'Seberapa puas Anda?',
        buttons: [
          { title: '5', payload: '/beri_nilai{"nilai":"5"}' },
          { title: '1', payload: '/beri_nilai{"nilai":"1"}' }
        ]
      }
    ])
    expect(((await reply.json()) as { results: unknown[] }).results).toEqual([
      { recipient_id: sender, delivered: true },
      { recipient_id: sender, delivered: true }
    ])
    // Another terminal (or a Telegram chat id) is not this conversation.
    const other = await post({ recipient_id: 'terminal-ffffffff', text: 'bukan untuk Anda' })
    expect(other.status).toBe(400)
    input.end('1\n')
    await chatDone
    await callback.close()
    const text = out.text()
    expect(text.indexOf('Halo, saya rina dari helpdesk.')).toBeGreaterThanOrEqual(0)
    expect(text.indexOf('Seberapa puas Anda?')).toBeGreaterThan(
      text.indexOf('Halo, saya rina dari helpdesk.')
    )
    expect(text).toContain('[1] 5')
    expect(text).not.toContain('bukan untuk Anda')
    expect(rasa.requests.map((r) => r.message)).toEqual(['/beri_nilai{"nilai":"5"}'])
  })
})
