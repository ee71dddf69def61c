// The practical ceiling for POST /webhook: bare node:http, reads the body, inflates it when
// Content-Encoding is deflate, JSON.parses it (the work any action server must do) and answers
// a fixed JSON body. Env: PORT, BARE_RESPONSE (the body to answer).
import http from 'node:http'
import { inflateSync } from 'node:zlib'

const body = Buffer.from(process.env.BARE_RESPONSE ?? '{"events":[],"responses":[]}')
const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    let parsed = null
    try {
      let raw = Buffer.concat(chunks)
      if (req.headers['content-encoding'] === 'deflate') raw = inflateSync(raw)
      parsed = JSON.parse(raw.toString('utf8'))
    } catch {
      parsed = null
    }
    if (req.url !== '/webhook' || typeof parsed !== 'object' || parsed === null) {
      res.writeHead(400).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
    res.end(body)
  })
})
server.listen(Number(process.env.PORT ?? 5099), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
