import { postJson } from '../helpers/http-client'
import { freshSessionCall } from '../helpers/rasa-payloads'
import { startTestServer, type TestServer } from '../helpers/test-server'

describe('request log', () => {
  let server: TestServer
  afterEach(async () => {
    await server.close()
  })

  test('When Rasa calls /webhook with the token in the query, then exactly one line is logged for the request, with the route and never the token', async () => {
    server = await startTestServer({ token: 'a-very-secret-token-123' })
    const res = await fetch(`${server.url}/webhook?token=a-very-secret-token-123`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(freshSessionCall('action_sapa'))
    })
    expect(res.status).toBe(200)
    await res.arrayBuffer()

    const requestLines = server.logs
      .entries()
      .filter((entry) => entry.msg === 'request completed' || entry.msg === 'incoming request')
    expect(requestLines).toHaveLength(1)
    expect(requestLines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      method: 'POST',
      route: '/webhook',
      statusCode: 200
    })
    // a generated id survives the log masker intact (letters only)
    expect(requestLines[0]!.request_id).toMatch(/^req-[a-z]{16}$/)
    expect(server.logs.lines.join('\n')).not.toContain('a-very-secret-token-123')
  })
})

describe('request ids and client text in the log (issue 11.1)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })

  const requestIdLogged = async (requestId: string): Promise<unknown> => {
    const before = server.logs.lines.length
    const res = await fetch(`${server.url}/health`, { headers: { 'x-request-id': requestId } })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    const completed = server.logs
      .entries()
      .slice(before)
      .filter((entry) => entry.msg === 'request completed')
    expect(completed).toHaveLength(1)
    return completed[0]!.request_id
  }

  test.each([['abc-123_X.y'], ['a'.repeat(64)], ['0f8c2d1e-9b7a-4c3d-8e2f-1a2b3c4d5e6f']])(
    'When a client sends a short, simple X-Request-Id (%j), then the log uses it',
    async (id) => {
      expect(await requestIdLogged(id)).toBe(id)
    }
  )

  test.each([
    ['65 characters', 'a'.repeat(65)],
    // Node refuses headers over 16 KB in all (431), so 15 KB is the most a client can send.
    ['15 KB of digits and spaces', '1 '.repeat(7500)],
    ['15 KB of digit groups', '0812-3456-7890 '.repeat(1000)],
    ['spaces', 'abc def'],
    ['other characters', 'id;drop<script>']
  ])(
    'When a client sends an X-Request-Id of %s, then our own id replaces it and no log line carries it',
    async (_what, id) => {
      const before = server.logs.lines.length
      expect(await requestIdLogged(id)).toMatch(/^req-[a-z]{16}$/)
      for (const line of server.logs.lines.slice(before)) expect(line.length).toBeLessThan(1000)
    }
  )

  test('When Rasa names an unknown action with 20 KB of text, then the 404 body and the log line carry at most a capped, masked name', async () => {
    const before = server.logs.lines.length
    const name = 'action_198503152010011001_' + 'x'.repeat(20000) + ' 0812 3456 7890'
    const res = await postJson(server.url, '/webhook', freshSessionCall(name))
    expect(res.status).toBe(404)
    const body = res.json as { error: string; action_name: string }
    expect(body.action_name.length).toBeLessThan(200)
    expect(body.action_name).toMatch(/^action_\*{14}1001_x+…\[\d+ more characters cut\]$/)
    expect(body.error.length).toBeLessThan(400)
    const logged = server.logs.lines.slice(before).join('\n')
    expect(logged).not.toContain('198503152010011001')
    expect(logged).toContain('action_**************1001_x')
    for (const line of server.logs.lines.slice(before)) expect(line.length).toBeLessThan(1000)
  })
})
