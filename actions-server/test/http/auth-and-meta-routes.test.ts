/** ACTIONS_TOKEN on /webhook, /actions, /metrics (query `token` or Bearer); /health always open. */
import { postJson, httpCall } from '../helpers/http-client'
import { freshSessionCall } from '../helpers/rasa-payloads'
import { startTestServer, type TestServer } from '../helpers/test-server'

const TOKEN = 'rahasia-token-yang-panjang-123'

describe('token authentication', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ token: TOKEN })
  })
  afterAll(async () => {
    await server.close()
  })

  test('When /webhook is called without a token, then 401 with a Bearer challenge', async () => {
    const res = await postJson(server.url, '/webhook', freshSessionCall('action_sapa'))

    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer')
    expect(res.json).toEqual({ error: 'Unauthorized' })
  })

  test('When the query token is wrong, then 401', async () => {
    const res = await postJson(server.url, '/webhook?token=salah', freshSessionCall('action_sapa'))

    expect(res.status).toBe(401)
    expect(res.json).toEqual({ error: 'Unauthorized' })
  })

  test('When the Bearer token is wrong, then 401', async () => {
    const res = await postJson(server.url, '/webhook', freshSessionCall('action_sapa'), {
      authorization: `Bearer ${TOKEN}x`
    })

    expect(res.status).toBe(401)
  })

  test('When Rasa sends action_endpoint.token as ?token=, then 200', async () => {
    const res = await postJson(
      server.url,
      `/webhook?token=${TOKEN}`,
      freshSessionCall('action_sapa')
    )

    expect(res.status).toBe(200)
  })

  test('When a proxy sends Authorization: Bearer, then 200', async () => {
    const res = await postJson(server.url, '/webhook', freshSessionCall('action_sapa'), {
      authorization: `Bearer ${TOKEN}`
    })

    expect(res.status).toBe(200)
  })

  test('When /actions or /metrics are called without the token, then 401', async () => {
    expect((await httpCall(server.url, '/actions')).status).toBe(401)
    expect((await httpCall(server.url, '/metrics')).status).toBe(401)
  })

  test('When /health is called without the token, then 200 {status: ok}', async () => {
    const res = await httpCall(server.url, '/health')

    expect(res.status).toBe(200)
    expect(res.json).toEqual({ status: 'ok' })
  })

  test('When a request carries the token in the URL, then the logs never show it (requests are logged by route)', async () => {
    await postJson(server.url, `/webhook?token=${TOKEN}`, freshSessionCall('action_sapa'))

    const all = server.logs.lines.join('\n')
    expect(all).not.toContain(TOKEN)
    // requests are logged by route pattern, never by raw URL (whose query carries the token)
    expect(all).toContain('"route":"/webhook"')
    expect(all).not.toContain('token=')
  })
})

describe('GET /health, /actions, /metrics without a configured token', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })

  test('When /actions is called, then every registered action is listed in registration order', async () => {
    const res = await httpCall(server.url, '/actions')

    expect(res.status).toBe(200)
    expect(res.json).toEqual([
      { name: 'action_sapa' },
      { name: 'action_echo' },
      { name: 'validate_lupa_password_form' },
      { name: 'action_tolak' },
      { name: 'action_rusak' },
      { name: 'action_event_rusak' }
    ])
  })

  test('When /webhook is called without a token and none is configured, then 200 (rasa-sdk compatible)', async () => {
    expect((await postJson(server.url, '/webhook', freshSessionCall('action_sapa'))).status).toBe(
      200
    )
  })

  test('When actions have run, then /metrics counts them by action and outcome in Prometheus format', async () => {
    await postJson(server.url, '/webhook', freshSessionCall('action_tolak'))
    await postJson(server.url, '/webhook', freshSessionCall('action_tidak_ada_1'))
    await postJson(server.url, '/webhook', freshSessionCall('action_tidak_ada_2'))

    const res = await httpCall(server.url, '/metrics')

    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(res.text).toContain(
      'actions_server_action_runs_total{action="action_sapa",outcome="success"} 1'
    )
    expect(res.text).toContain(
      'actions_server_action_runs_total{action="action_tolak",outcome="rejected"} 1'
    )
    // Unregistered names share one label value, so callers cannot blow up the metric's cardinality.
    expect(res.text).toContain(
      'actions_server_action_runs_total{action="unknown",outcome="not_found"} 2'
    )
    expect(res.text).toContain(
      'actions_server_http_requests_total{method="POST",route="/webhook",status_code="200"} 1'
    )
    expect(res.text).toContain(
      'actions_server_action_duration_seconds_count{action="action_sapa"} 1'
    )
  })
})
