import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TelegramError } from 'telegraf'
import { createBotApiCall } from '../../src/bot/bot-api-client'
import { retryAfterSeconds } from '../../src/delivery/telegram-sender'

const TOKEN = '123456:secret-bot-token'

/** A loopback Bot API whose answer to each call the test decides. */
async function botApi(
  answer: (method: string, body: Record<string, unknown>, res: ServerResponse) => void
): Promise<{ root: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop() ?? ''
      answer(
        method,
        JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
        res
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

describe('Bot API calls over node:http', () => {
  let server: Server | undefined
  afterEach(async () => {
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
    server = undefined
  })

  test('When Telegram accepts a call, then its result comes back and the parameters arrived as JSON at /bot<token>/<method>', async () => {
    const seen: Array<{ method: string; body: unknown }> = []
    const api = await botApi((method, body, res) => {
      seen.push({ method, body })
      json(res, 200, { ok: true, result: { message_id: 7 } })
    })
    server = api.server
    const call = createBotApiCall(api.root, TOKEN)
    expect(
      await call('sendMessage', {
        chat_id: 42,
        text: 'Halo',
        reply_markup: { inline_keyboard: [] }
      })
    ).toEqual({ message_id: 7 })
    expect(seen).toEqual([
      {
        method: 'sendMessage',
        body: { chat_id: 42, text: 'Halo', reply_markup: { inline_keyboard: [] } }
      }
    ])
  })

  test("When Telegram refuses a call, then it fails with telegraf's TelegramError, whose 429 wait the sender reads", async () => {
    const api = await botApi((method, _body, res) => {
      if (method === 'sendMessage')
        json(res, 429, {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 3',
          parameters: { retry_after: 3 }
        })
      else
        json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' })
    })
    server = api.server
    const call = createBotApiCall(api.root, TOKEN)
    const limited = await call('sendMessage', { chat_id: 1, text: 'x' }).catch((e: unknown) => e)
    expect(limited).toBeInstanceOf(TelegramError)
    expect(retryAfterSeconds(limited)).toBe(3)
    const refused = (await call('sendChatAction', { chat_id: 1, action: 'typing' }).catch(
      (e: unknown) => e
    )) as TelegramError
    expect(refused.code).toBe(400)
    expect(refused.description).toBe('Bad Request: chat not found')
  })

  test('When a proxy in front of Telegram answers 502 with a web page, then the call fails with code 502', async () => {
    const api = await botApi((_method, _body, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<html>Bad Gateway</html>')
    })
    server = api.server
    const err = (await createBotApiCall(api.root, TOKEN)('sendMessage', {
      chat_id: 1,
      text: 'x'
    }).catch((e: unknown) => e)) as TelegramError
    expect(err).toBeInstanceOf(TelegramError)
    expect(err.code).toBe(502)
  })

  test('When nothing listens, then the error names the cause and never holds the bot token', async () => {
    const api = await botApi(() => undefined)
    const root = api.root
    await new Promise((resolve) => api.server.close(resolve))
    const err = (await createBotApiCall(root, TOKEN)('getMe', {}).catch((e: unknown) => e)) as Error
    expect(err.message).toContain('ECONNREFUSED')
    expect(`${err.message} ${err.stack ?? ''} ${JSON.stringify(err)}`).not.toContain(
      'secret-bot-token'
    )
  })

  test('When a long poll is cancelled (the gateway stops), then it ends at once', async () => {
    const api = await botApi(() => undefined) // never answers
    server = api.server
    const stop = new AbortController()
    const poll = createBotApiCall(api.root, TOKEN)(
      'getUpdates',
      { offset: 0, timeout: 50 },
      stop.signal
    )
    setTimeout(() => stop.abort(), 50)
    await expect(poll).rejects.toMatchObject({ code: 'EABORTED' })
  })
})
