// A Rasa REST channel that answers at once: POST /webhooks/rest/webhook echoes the message
// back as one text reply ("r:<message>"); GET / and GET /version answer like Rasa 3.6.21.
import http from 'node:http'
import { performance } from 'node:perf_hooks'

export async function startFakeRasa() {
  let calls = 0
  let onMessage = () => {}
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      if (req.method === 'POST' && req.url.startsWith('/webhooks/rest/webhook')) {
        calls++
        let msg = {}
        try {
          msg = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          msg = {}
        }
        onMessage(msg, performance.now())
        const body = JSON.stringify([{ recipient_id: msg.sender, text: `r:${msg.message}` }])
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body)
        })
        res.end(body)
        return
      }
      if (req.url === '/version') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"version":"3.6.21","minimum_compatible_version":"3.5.0"}')
        return
      }
      if (req.url === '/status') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          '{"model_file":"models/bench.tar.gz","model_id":"bench","num_active_training_jobs":0}'
        )
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('Hello from Rasa: 3.6.21')
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    calls: () => calls,
    /** Diagnostics: called with (message body, performance.now()) for every message. */
    setOnMessage(fn) {
      onMessage = fn
    },
    async close() {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  }
}
