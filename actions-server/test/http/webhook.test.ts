/**
 * Conformance of POST /webhook with what Rasa 3.6 sends and expects, over real HTTP on loopback.
 * Bodies are encoded like Rasa's aiohttp client (Python json.dumps, \uXXXX escapes).
 */
import { randomBytes } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { httpCall, postJson, pythonJsonDumps } from '../helpers/http-client'
import {
  call,
  formValidationCall,
  freshSessionCall,
  longConversationCall,
  midFormCall,
  minimalCall,
  testDomain
} from '../helpers/rasa-payloads'
import { startTestServer, type TestServer } from '../helpers/test-server'

const EMPTY_MESSAGE_KEYS = {
  buttons: [],
  elements: [],
  custom: {},
  template: null,
  response: null,
  image: null,
  attachment: null
}

describe('POST /webhook', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })

  test('When Rasa calls an action on a fresh session, then 200 with its events and responses', async () => {
    const res = await postJson(server.url, '/webhook', freshSessionCall('action_sapa'))

    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.json).toEqual({
      events: [
        { event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 0 },
        { event: 'slot', timestamp: null, name: 'sender_seen', value: '81' }
      ],
      responses: [
        {
          ...EMPTY_MESSAGE_KEYS,
          text: null,
          template: 'utter_greet',
          response: 'utter_greet',
          nama: 'Budi'
        }
      ]
    })
  })

  test('When called mid-form, then the action sees the latest message, entities, active loop and all events', async () => {
    const body = midFormCall('action_echo')

    const res = await postJson(server.url, '/webhook', body)

    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      events: [],
      responses: [
        {
          ...EMPTY_MESSAGE_KEYS,
          text: '198503152010011001',
          json_message_keys: Object.keys(testDomain),
          nip: ['198503152010011001'],
          loop: 'lupa_password_form',
          events_seen: body.tracker.events?.length
        }
      ]
    })
  })

  test('When Rasa asks validate_<form> about a valid candidate, then the normalised slot comes back', async () => {
    const res = await postJson(
      server.url,
      '/webhook',
      formValidationCall('lupa_password_form', { identitas: '19850315 201001 1 001' })
    )

    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      events: [{ event: 'slot', timestamp: null, name: 'identitas', value: '198503152010011001' }],
      responses: []
    })
  })

  test('When a candidate is invalid, then it is set to null and the user is told why in Indonesian', async () => {
    const res = await postJson(
      server.url,
      '/webhook',
      formValidationCall('lupa_password_form', { identitas: '12345' })
    )

    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      events: [{ event: 'slot', timestamp: null, name: 'identitas', value: null }],
      responses: [{ ...EMPTY_MESSAGE_KEYS, text: 'NIP harus 18 digit; yang Anda kirim 5 digit.' }]
    })
  })

  test('When the tracker holds 5,000 events (a body over 1 MB), then the call succeeds', async () => {
    const body = longConversationCall('action_echo', 5000)
    const encoded = pythonJsonDumps(body)
    expect(Buffer.byteLength(encoded)).toBeGreaterThan(1024 * 1024)

    const res = await httpCall(server.url, '/webhook', {
      body: encoded,
      headers: { 'content-type': 'application/json' }
    })

    expect(res.status).toBe(200)
    expect(
      (res.json as { responses: Array<{ events_seen: number }> }).responses[0]?.events_seen
    ).toBe(5000)
  })

  test('When the text is non-ASCII sent as \\uXXXX escapes (incl. surrogate pairs), then the action reads the real characters', async () => {
    const text = 'Halo, saya mau daftar TTE ✍️ — terima kasih 🙏'
    const encoded = pythonJsonDumps(freshSessionCall('action_echo', text))
    expect(encoded).toContain('\\ud83d\\ude4f')

    const res = await httpCall(server.url, '/webhook', {
      body: encoded,
      headers: { 'content-type': 'application/json' }
    })

    expect(res.status).toBe(200)
    expect((res.json as { responses: Array<{ text: string }> }).responses[0]?.text).toBe(text)
  })

  test('When the body is zlib-deflated and chunked (COMPRESS_ACTION_SERVER_REQUEST), then it is decoded', async () => {
    const compressed = deflateSync(Buffer.from(pythonJsonDumps(freshSessionCall('action_sapa'))))

    const res = await httpCall(server.url, '/webhook', {
      body: compressed,
      chunked: true,
      headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }
    })

    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      events: [
        { event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 0 },
        { event: 'slot', timestamp: null, name: 'sender_seen', value: '81' }
      ],
      responses: [
        {
          ...EMPTY_MESSAGE_KEYS,
          text: null,
          template: 'utter_greet',
          response: 'utter_greet',
          nama: 'Budi'
        }
      ]
    })
  })

  test('When the deflated body comes with a Content-Length (not chunked), then it is decoded too', async () => {
    const compressed = deflateSync(Buffer.from(pythonJsonDumps(minimalCall('action_sapa'))))

    const res = await httpCall(server.url, '/webhook', {
      body: compressed,
      headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }
    })

    expect(res.status).toBe(200)
    expect((res.json as { events: unknown[] }).events).toHaveLength(2)
  })

  test('When the deflate data is corrupt, then 400 with action_name null', async () => {
    const res = await httpCall(server.url, '/webhook', {
      body: Buffer.from('this is not zlib'),
      headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }
    })

    expect(res.status).toBe(400)
    expect(res.json).toEqual({
      error: 'Invalid body request: the deflate data is corrupt',
      action_name: null
    })
  })

  test('When selective domain omits the domain key, then the action gets an empty domain', async () => {
    const res = await postJson(
      server.url,
      '/webhook',
      call('action_echo', freshSessionCall('x').tracker, null)
    )

    expect(res.status).toBe(200)
    expect(
      (res.json as { responses: Array<{ json_message_keys: string[] }> }).responses[0]
        ?.json_message_keys
    ).toEqual([])
  })

  test("When the tracker is minimal (as in rasa-sdk's own tests), then the action still runs", async () => {
    const res = await postJson(server.url, '/webhook', minimalCall('action_sapa'))

    expect(res.status).toBe(200)
    expect((res.json as { events: unknown[] }).events).toEqual([
      { event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 0 },
      { event: 'slot', timestamp: null, name: 'sender_seen', value: '1' }
    ])
  })

  test('When next_action is missing, then 400 naming the rule, with action_name null', async () => {
    const { next_action: _omitted, ...body } = freshSessionCall('action_sapa')

    const res = await postJson(server.url, '/webhook', body)

    expect(res.status).toBe(400)
    expect(res.json).toEqual({
      error: "Invalid body request: body must have required property 'next_action'",
      action_name: null
    })
  })

  test('When the tracker is missing, then 400 carrying the action name', async () => {
    const res = await postJson(server.url, '/webhook', {
      next_action: 'action_sapa',
      version: '3.6.21'
    })

    expect(res.status).toBe(400)
    expect(res.json).toEqual({
      error: "Invalid body request: body must have required property 'tracker'",
      action_name: 'action_sapa'
    })
  })

  test('When the body is empty, then 400 "Invalid body request" with action_name null', async () => {
    const res = await httpCall(server.url, '/webhook', {
      body: '',
      headers: { 'content-type': 'application/json' }
    })

    expect(res.status).toBe(400)
    expect(res.json).toEqual({ error: 'Invalid body request', action_name: null })
  })

  test('When the body is JSON null, then 400 saying the body must be an object, with action_name null', async () => {
    const res = await httpCall(server.url, '/webhook', {
      body: 'null',
      headers: { 'content-type': 'application/json' }
    })

    expect(res.status).toBe(400)
    expect(res.json).toEqual({
      error: 'Invalid body request: body must be object',
      action_name: null
    })
  })

  test('When the body is malformed JSON, then 400 with action_name null', async () => {
    const res = await httpCall(server.url, '/webhook', {
      body: '{"next_action": ',
      headers: { 'content-type': 'application/json' }
    })

    expect(res.status).toBe(400)
    expect(res.json).toEqual({ error: 'Invalid body request: malformed JSON', action_name: null })
  })

  test("When a float slot holds Python's bare NaN, then it is read as null and the call succeeds", async () => {
    const encoded = pythonJsonDumps(freshSessionCall('action_sapa')).replace(
      '"jumlah_fallback": 0',
      '"jumlah_fallback": NaN'
    )
    expect(encoded).toContain('NaN')

    const res = await httpCall(server.url, '/webhook', {
      body: encoded,
      headers: { 'content-type': 'application/json' }
    })

    expect(res.status).toBe(200)
  })

  test("When the action is not registered, then 404 with rasa-sdk's message and the name", async () => {
    const res = await postJson(server.url, '/webhook', freshSessionCall('action_tidak_ada'))

    expect(res.status).toBe(404)
    expect(res.json).toEqual({
      error: "No registered action found for name 'action_tidak_ada'.",
      action_name: 'action_tidak_ada'
    })
  })

  test('When an unknown action name carries a personal number, then the 404 body masks it', async () => {
    const res = await postJson(
      server.url,
      '/webhook',
      freshSessionCall('action_198503152010011001')
    )

    expect(res.status).toBe(404)
    expect(res.json).toEqual({
      error: "No registered action found for name 'action_**************1001'.",
      action_name: 'action_**************1001'
    })
  })

  test('When an unknown action name carries a number written with dots, then the 404 body masks it too', async () => {
    const res = await postJson(
      server.url,
      '/webhook',
      freshSessionCall('action_19850315.201001.1.001')
    )

    expect(res.status).toBe(404)
    expect(res.json).toEqual({
      error: "No registered action found for name 'action_********.******.1.001'.",
      action_name: 'action_********.******.1.001'
    })
  })

  test('When the action rejects execution, then 400 {error, action_name} (a rejection for Rasa)', async () => {
    const res = await postJson(server.url, '/webhook', freshSessionCall('action_tolak'))

    expect(res.status).toBe(400)
    expect(res.json).toEqual({ error: 'Slot sistem belum diisi.', action_name: 'action_tolak' })
  })

  test('When the action throws, then 500 with a generic body, and the error is logged masked with the request id', async () => {
    const body = midFormCall('action_rusak')

    const res = await httpCall(server.url, '/webhook', {
      body: pythonJsonDumps(body),
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-throw-1' }
    })

    expect(res.status).toBe(500)
    expect(res.json).toEqual({ error: 'Internal Server Error' })
    const logged = server.logs.entries().find((e) => e.msg === 'action call failed')
    expect(logged).toMatchObject({
      level: 50,
      request_id: 'req-throw-1',
      action_name: 'action_rusak'
    })
    expect((logged?.err as { message: string }).message).toBe(
      'directory lookup failed for NIP **************1001 (phone ********7890)'
    )
    expect(server.logs.lines.join('\n')).not.toContain('198503152010011001')
    expect(server.logs.lines.join('\n')).not.toContain('081234567890')
  })

  test("When an action returns an event Rasa's schema rejects, then 500 and the log names the bad event", async () => {
    const res = await postJson(server.url, '/webhook', freshSessionCall('action_event_rusak'), {
      'x-request-id': 'req-bad-event'
    })

    expect(res.status).toBe(500)
    expect(res.json).toEqual({ error: 'Internal Server Error' })
    const logged = server.logs
      .entries()
      .find((e) => e.request_id === 'req-bad-event' && e.msg === 'action call failed')
    expect((logged?.err as { message: string }).message).toBe(
      "Action 'action_event_rusak' produced a response Rasa would reject: /events/0 must have required property 'value'"
    )
  })

  test('When the route does not exist, then 404 without echoing the path', async () => {
    const res = await httpCall(server.url, '/198503152010011001?token=x')

    expect(res.status).toBe(404)
    expect(res.json).toEqual({ error: 'Not Found' })
  })

  test("When Rasa's version is not 3.6.x, then the call still succeeds and one warning is logged per version", async () => {
    const body = { ...freshSessionCall('action_sapa'), version: '3.5.17' }

    expect((await postJson(server.url, '/webhook', body)).status).toBe(200)
    expect((await postJson(server.url, '/webhook', body)).status).toBe(200)

    const warnings = server.logs.entries().filter((e) => e.rasa_version === '3.5.17')
    expect(warnings).toEqual([
      expect.objectContaining({ level: 40, msg: 'Rasa version differs from 3.6.x; continuing' })
    ])
  })

  test('When callers send a 10 KB version and then 50 different versions, then at most 20 short warnings are logged and every call succeeds', async () => {
    const before = server.logs.lines.length
    const versions = ['9.' + '1'.repeat(10000), ...Array.from({ length: 50 }, (_, i) => `2.${i}.0`)]
    for (const version of versions) {
      const res = await postJson(server.url, '/webhook', {
        ...freshSessionCall('action_sapa'),
        version
      })
      expect(res.status).toBe(200)
    }
    const warnings = server.logs
      .entries()
      .slice(before)
      .filter((e) => e.msg === 'Rasa version differs from 3.6.x; continuing')
    expect(warnings.length).toBeLessThanOrEqual(20)
    for (const warning of warnings) expect(String(warning.rasa_version).length).toBeLessThan(64)
  })
})

describe('request body limit', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ bodyLimitMb: 1 })
  })
  afterAll(async () => {
    await server.close()
  })

  test('When the body exceeds ACTIONS_BODY_LIMIT_MB, then 413', async () => {
    const res = await postJson(server.url, '/webhook', longConversationCall('action_echo', 5000))

    expect(res.status).toBe(413)
    expect(res.json).toEqual({ error: 'Request body is too large' })
  })

  test('When a small deflate body inflates beyond the limit (zip bomb), then 413', async () => {
    const bomb = deflateSync(
      Buffer.from(
        pythonJsonDumps({
          next_action: 'action_echo',
          tracker: { sender_id: '1', padding: ' '.repeat(3 * 1024 * 1024) }
        })
      )
    )
    expect(bomb.length).toBeLessThan(64 * 1024)

    const res = await httpCall(server.url, '/webhook', {
      body: bomb,
      headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }
    })

    expect(res.status).toBe(413)
    expect(res.json).toEqual({ error: 'Request body is too large' })
  })

  test('When the deflated body itself is larger than the limit, then 413 before inflating', async () => {
    const incompressible = deflateSync(randomBytes(1024 * 1024 + 4096))
    expect(incompressible.length).toBeGreaterThan(1024 * 1024)

    const res = await httpCall(server.url, '/webhook', {
      body: incompressible,
      headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }
    })

    expect(res.status).toBe(413)
    expect(res.json).toEqual({ error: 'Request body is too large' })
  })

  test('When a deflated call inflates to just under the limit, then it is answered', async () => {
    const text = pythonJsonDumps(longConversationCall('action_echo', 1500))
    expect(Buffer.byteLength(text)).toBeGreaterThan(512 * 1024)
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024)

    const res = await httpCall(server.url, '/webhook', {
      body: deflateSync(Buffer.from(text)),
      headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }
    })

    expect(res.status).toBe(200)
  })

  test('When a deflated call compresses far better than a tracker usually does, then every inflated byte arrives', async () => {
    const message = 'baris catatan yang sama '.repeat(10_000)
    const text = pythonJsonDumps(freshSessionCall('action_echo', message))
    const compressed = deflateSync(Buffer.from(text))
    expect(Buffer.byteLength(text) / compressed.length).toBeGreaterThan(100)

    const res = await httpCall(server.url, '/webhook', {
      body: compressed,
      headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }
    })

    expect(res.status).toBe(200)
    expect((res.json as { responses: Array<{ text: string }> }).responses[0]?.text).toBe(message)
  })
})
