import { freshSessionCall } from '../helpers/rasa-payloads'
import { startTestServer, type TestServer } from '../helpers/test-server'

describe('request log', () => {
  let server: TestServer
  afterEach(async () => { await server.close() })

  test('When Rasa calls /webhook with the token in the query, then exactly one line is logged for the request, with the route and never the token', async () => {
    server = await startTestServer({ token: 'a-very-secret-token-123' })
    const res = await fetch(`${server.url}/webhook?token=a-very-secret-token-123`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(freshSessionCall('action_sapa'))
    })
    expect(res.status).toBe(200)
    await res.arrayBuffer()

    const requestLines = server.logs.entries().filter((entry) => entry.msg === 'request completed' || entry.msg === 'incoming request')
    expect(requestLines).toHaveLength(1)
    expect(requestLines[0]).toMatchObject({ level: 30, msg: 'request completed', method: 'POST', route: '/webhook', statusCode: 200 })
    // a generated id survives the log masker intact (letters only)
    expect(requestLines[0]!.request_id).toMatch(/^req-[a-z]{16}$/)
    expect(server.logs.lines.join('\n')).not.toContain('a-very-secret-token-123')
  })
})
