// The least any Node bridge between Telegram long polling and Rasa's REST channel must do, as
// the ceiling for the gateway's latency (what bare-server.mjs is for the action server): plain
// node:http with keep-alive, one getUpdates long poll at a time, and for each update a
// sendChatAction (not awaited), the Rasa call and one sendMessage per reply. No queues, pacing,
// logging, metrics, validation, confirmation of finished work or error handling.
// BARE_AWAIT_TYPING=1 waits for the sendChatAction answer before the first sendMessage, as the
// gateway does so that a late "typing…" never shows after the answer: the one product rule that
// adds a round trip to the measured path whenever the typing call is slower than Rasa.
// Environment: TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN, RASA_URL, GATEWAY_PORT (GET /healthz).
import http from 'node:http'

const agent = new http.Agent({ keepAlive: true })
const awaitTyping = process.env.BARE_AWAIT_TYPING === '1'
const apiRoot = `${process.env.TELEGRAM_API_ROOT}/bot${process.env.TELEGRAM_BOT_TOKEN}/`

function postJson(url, payload) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload)
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function handle(update) {
  const chatId = update.message.chat.id
  const typing = postJson(apiRoot + 'sendChatAction', { chat_id: chatId, action: 'typing' })
  const replies = await postJson(`${process.env.RASA_URL}/webhooks/rest/webhook`, {
    sender: String(chatId),
    message: update.message.text
  })
  if (awaitTyping) await typing
  for (const reply of replies)
    await postJson(apiRoot + 'sendMessage', { chat_id: chatId, text: reply.text })
}

async function poll() {
  let offset = 0
  for (;;) {
    const { result } = await postJson(apiRoot + 'getUpdates', { offset, timeout: 50 })
    for (const update of result) {
      offset = update.update_id + 1
      void handle(update)
    }
  }
}

http
  .createServer((_req, res) => res.end('ok'))
  .listen(Number(process.env.GATEWAY_PORT), '127.0.0.1', () => void poll())
