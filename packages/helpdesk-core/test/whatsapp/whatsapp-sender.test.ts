import { createServer } from 'node:http'
import { createWhatsAppCloudApi } from '../../src/whatsapp/cloud-api'
import { openStore, type Store } from '../../src/store'
import type { StoreLocation } from '../../src'
import { processOwnerPrefix } from '../../src/store/outbox-repository'
import { ENGINES, testStoreLocation, type Engine } from '../helpers/engines'
import { createWhatsAppSender } from '../../src/whatsapp/whatsapp-sender'
import type { OutgoingWhatsApp } from '../../src/whatsapp/message'
import { captureLogs } from '../helpers/capture-logs'
import { fixedClock } from '../helpers/clock'
import {
  closedPortUrl,
  noWaitRetry,
  startLoopbackFake,
  type LoopbackFake
} from '../helpers/loopback-fake'

const graphOk = (id = 'wamid.HBgM1') => ({
  status: 200,
  body: {
    messaging_product: 'whatsapp',
    contacts: [{ input: '6285600000001', wa_id: '6285600000001' }],
    messages: [{ id }]
  }
})
const graphError = (status: number, code: number, type = 'OAuthException') => ({
  status,
  body: { error: { message: `(#${code}) error`, type, code, fbtrace_id: 'AbC123' } }
})

const resetMessage = (key = 'reset:777:m1'): OutgoingWhatsApp => ({
  idempotencyKey: key,
  to: '6285600000001',
  text: 'Password sementara e-mail dinas Anda: Xy7!pq-92Lm. Nomor tiket TIK-20260615-0001.',
  templateParameters: ['E-mail dinas', 'Password sementara: Xy7!pq-92Lm', 'TIK-20260615-0001'],
  containsSecret: true,
  ticketNumber: 'TIK-20260615-0001'
})

describe.each(ENGINES)('WhatsApp sender (Cloud API through the outbox) on %s', (engine: Engine) => {
  let fake: LoopbackFake
  let location: StoreLocation
  let drop: () => Promise<void>
  let store: Store
  const clock = fixedClock('2026-06-15T08:00:00Z')
  const log = captureLogs()

  beforeEach(async () => {
    fake = await startLoopbackFake()
    ;({ location, drop } = await testStoreLocation(engine))
    store = await openStore(location, clock)
    clock.set('2026-06-15T08:00:00Z')
  })
  afterEach(async () => {
    await store.close()
    await fake.close()
    await drop()
  })

  const sender = (
    s: Store = store,
    mode: 'cloud' | 'outbox' = 'cloud',
    messageMode: 'text' | 'template' = 'text',
    api = { url: fake.url, timeoutMs: 2000 },
    immediateRetry = noWaitRetry(2)
  ) =>
    createWhatsAppSender({
      mode,
      outbox: s.outbox,
      api: createWhatsAppCloudApi({
        baseUrl: `${api.url}/v21.0`,
        phoneNumberId: '1234567890',
        token: 'EAAG-test-token',
        timeoutMs: api.timeoutMs
      }),
      format: {
        mode: messageMode,
        templateName: 'helpdesk_reset_password',
        templateLanguage: 'id'
      },
      logger: log.logger,
      clock,
      immediateRetry
    })

  it('When the Cloud API answers 200, then the text message is sent once with the bearer token and the stored copy loses the secret', async () => {
    fake.reply(graphOk())
    const outcome = await sender().send(resetMessage())
    expect(outcome).toEqual({ status: 'sent', duplicate: false, outboxId: 1 })
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]!.url).toBe('/v21.0/1234567890/messages')
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer EAAG-test-token')
    expect(fake.requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6285600000001',
      type: 'text',
      text: {
        preview_url: false,
        body: 'Password sementara e-mail dinas Anda: Xy7!pq-92Lm. Nomor tiket TIK-20260615-0001.'
      }
    })
    const row = await store.outbox.get(1)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'wamid.HBgM1' })
    expect(JSON.stringify(row.payload)).not.toContain('Xy7!pq-92Lm')
  })

  it('When template mode is configured, then the approved template is sent with the parameters', async () => {
    fake.reply(graphOk())
    await sender(store, 'cloud', 'template').send(resetMessage())
    expect(fake.requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6285600000001',
      type: 'template',
      template: {
        name: 'helpdesk_reset_password',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'E-mail dinas' },
              { type: 'text', text: 'Password sementara: Xy7!pq-92Lm' },
              { type: 'text', text: 'TIK-20260615-0001' }
            ]
          }
        ]
      }
    })
  })

  it('When the same request is sent twice, then WhatsApp receives one message', async () => {
    fake.reply(graphOk(), graphOk('wamid.second'))
    const s = sender()
    await s.send(resetMessage())
    expect(await s.send(resetMessage())).toEqual({ status: 'sent', duplicate: true, outboxId: 1 })
    expect(fake.requests).toHaveLength(1)
  })

  it('When the Cloud API answers 400, then the message fails at once without retries and the error keeps the Graph code', async () => {
    fake.reply(graphError(400, 100))
    expect((await sender().send(resetMessage())).status).toBe('failed')
    expect(fake.requests).toHaveLength(1)
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'failed',
      lastError: 'Cloud API error: HTTP 400, code 100, OAuthException, fbtrace_id AbC123'
    })
    expect(JSON.stringify((await store.outbox.get(1)).payload)).not.toContain('Xy7!pq-92Lm')
  })

  it('When the Cloud API answers 429 with Retry-After and then 200, then the message is sent after a retry', async () => {
    fake.reply(
      { ...graphError(429, 130429, 'OAuthException'), headers: { 'retry-after': '0' } },
      graphOk()
    )
    expect((await sender().send(resetMessage())).status).toBe('sent')
    expect(fake.requests).toHaveLength(2)
    expect(await store.outbox.get(1)).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('When the Cloud API keeps answering 5xx, then the message stays pending and is sent after a restart', async () => {
    fake.reply(graphError(503, 2, 'OAuthException'), graphError(500, 1), graphError(502, 1))
    expect((await sender().send(resetMessage())).status).toBe('queued')
    expect(fake.requests).toHaveLength(3)
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: '2026-06-15T08:00:30.000Z'
    })

    // restart: a new store handle and sender on the same file, later
    await store.close()
    clock.advance(60_000)
    store = await openStore(location, clock)
    fake.reply(graphOk('wamid.after-restart'))
    const restarted = sender(store)
    await restarted.start()
    await restarted.stop()
    expect(fake.requests).toHaveLength(4)
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'sent',
      attempts: 2,
      providerMessageId: 'wamid.after-restart'
    })
  })

  it("When the background round runs while this process's own send is still retrying, then that send is not taken for an interrupted one and the message later arrives with its text", async () => {
    fake.reply(graphError(503, 2, 'OAuthException'), graphError(500, 1), graphError(502, 1))
    const rounds: number[] = []
    // The pause between two in-request attempts is when the 15-second background round ran.
    const retry = {
      ...noWaitRetry(2),
      sleep: async () => {
        rounds.push(await s.recoverInterrupted())
      }
    }
    const s = sender(store, 'cloud', 'text', { url: fake.url, timeoutMs: 2000 }, retry)
    expect((await s.send(resetMessage())).status).toBe('queued')
    expect(rounds).toEqual([0, 0])
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'pending',
      payload: { text: { body: expect.stringContaining('Xy7!pq-92Lm') } }
    })

    clock.advance(30_000)
    fake.reply(graphOk('wamid.later'))
    await s.flush()
    expect(fake.requests).toHaveLength(4)
    expect(JSON.stringify(fake.requests[3]!.body)).toContain('Xy7!pq-92Lm')
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.later'
    })
  })

  const secretRow = {
    idempotencyKey: 'k1',
    recipient: '6285600000002',
    payload: {
      messaging_product: 'whatsapp',
      to: '6285600000002',
      type: 'text',
      text: { body: 'kode 1234' }
    },
    containsSecret: true
  }

  it('When an earlier process of this host and pid stopped mid-send, then after the restart the message is uncertain and not sent again', async () => {
    await store.outbox.enqueue(secretRow)
    expect(await store.outbox.claim(1, `${processOwnerPrefix()}dead`, 5 * 60_000)).toBe(true)
    fake.reply(graphOk())
    const before = log.lines.length
    const s = sender()
    await s.start()
    await s.flush()
    await s.stop()
    expect(fake.requests).toHaveLength(0)
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'uncertain',
      lastError: 'interrupted by a restart during the send',
      payload: { text: { body: '[isi dihapus]' } }
    })
    const logged = log.lines.slice(before).join('')
    expect(logged).toContain('"to":"0856****0002"')
    expect(logged).not.toContain('6285600000002')
  })

  it("When replica A is sending and replica B starts, then A's send stays in flight; once A's lease has expired B marks it uncertain", async () => {
    const replicaA = await openStore(location, clock)
    try {
      await replicaA.outbox.enqueue(secretRow)
      expect(await replicaA.outbox.claim(1, 'replica-a:4242:aaaa', 5 * 60_000)).toBe(true)

      const replicaB = sender(store)
      await replicaB.start()
      await replicaB.stop()
      expect(await store.outbox.get(1)).toMatchObject({
        status: 'sending',
        claimedBy: 'replica-a:4242:aaaa'
      })

      clock.advance(5 * 60_000 - 1)
      expect(await replicaB.recoverInterrupted()).toBe(0)
      clock.advance(1)
      expect(await replicaB.recoverInterrupted()).toBe(1)
      expect(await store.outbox.get(1)).toMatchObject({
        status: 'uncertain',
        claimedBy: null,
        lastError: 'interrupted by a restart during the send'
      })
      expect(fake.requests).toHaveLength(0)
    } finally {
      await replicaA.close()
    }
  })

  it('When replica A finishes its send while B is marking interrupted sends, then the sent row stays sent', async () => {
    await store.outbox.enqueue(secretRow)
    await store.outbox.claim(1, 'replica-a:4242:aaaa', 1000)
    clock.advance(1000)
    const [interrupted] = await store.outbox.interrupted('replica-b:1:')
    await store.outbox.markSent(1, 'wamid.a', { type: 'text' })
    expect(
      await store.outbox.markInterrupted(interrupted!, 'interrupted by a restart', { type: 'text' })
    ).toBe(false)
    expect((await store.outbox.get(1)).status).toBe('sent')
  })

  it('When the connection is refused at first, then the send is retried and WhatsApp receives the message once', async () => {
    // A port nobody listens on; the fake starts listening there during the first back-off.
    const port = Number(new URL(await closedPortUrl()).port)
    let lateRequests = 0
    const late = createServer((req, res) => {
      lateRequests++
      req.resume()
      req.on('end', () => {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(graphOk('wamid.late').body))
      })
    })
    const retry = {
      ...noWaitRetry(2),
      sleep: async () => {
        if (!late.listening)
          await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve))
      }
    }
    try {
      const outcome = await sender(
        store,
        'cloud',
        'text',
        { url: `http://127.0.0.1:${port}`, timeoutMs: 2000 },
        retry
      ).send(resetMessage())

      expect(outcome).toEqual({ status: 'sent', duplicate: false, outboxId: 1 })
      expect(lateRequests).toBe(1)
      expect(await store.outbox.get(1)).toMatchObject({
        status: 'sent',
        attempts: 1,
        providerMessageId: 'wamid.late'
      })
    } finally {
      late.closeAllConnections()
      await new Promise<void>((resolve) =>
        late.close(() => {
          resolve()
        })
      )
    }
  })

  it('When the Cloud API takes the request and then never answers, then it is sent once, marked uncertain, and not resent after a restart', async () => {
    fake.reply({ status: 0, hang: true })
    const before = log.lines.length
    const outcome = await sender(store, 'cloud', 'text', { url: fake.url, timeoutMs: 300 }).send(
      resetMessage()
    )

    expect(outcome).toEqual({ status: 'uncertain', duplicate: false, outboxId: 1 })
    expect(fake.requests).toHaveLength(1)
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'uncertain',
      attempts: 1,
      lastError: 'Cloud API outcome unknown (ECONNABORTED)'
    })
    expect(JSON.stringify((await store.outbox.get(1)).payload)).not.toContain('Xy7!pq-92Lm')
    const logged = log.lines.slice(before).join('')
    expect(logged).toContain('not resent automatically')
    expect(logged).toContain('"to":"0856****0001"')
    expect(logged).not.toContain('6285600000001')

    // the same request again, then a restart with a working API: still nothing more is sent
    expect(await sender().send(resetMessage())).toEqual({
      status: 'uncertain',
      duplicate: true,
      outboxId: 1
    })
    await store.close()
    clock.advance(60_000)
    store = await openStore(location, clock)
    fake.reply(graphOk())
    const restarted = sender(store)
    await restarted.start()
    await restarted.flush()
    await restarted.stop()
    expect(fake.requests).toHaveLength(1)
    expect((await store.outbox.get(1)).status).toBe('uncertain')
  })

  it('When the connection is reset after the request was sent, then it is not resent and the row is uncertain', async () => {
    fake.reply({ status: 0, drop: true }, graphOk())
    expect((await sender().send(resetMessage())).status).toBe('uncertain')
    expect(fake.requests).toHaveLength(1)
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'uncertain',
      lastError: 'Cloud API outcome unknown (ECONNRESET)'
    })
  })

  it('When the API is still failing during a background round, then the round stops after one attempt', async () => {
    for (const key of ['a', 'b', 'c']) {
      await store.outbox.enqueue({
        idempotencyKey: key,
        recipient: '6285600000002',
        payload: { type: 'text', text: { body: key } },
        containsSecret: false
      })
    }
    fake.reply(graphError(503, 2))
    await sender().flush()
    expect(fake.requests).toHaveLength(1)
    expect((await store.outbox.list()).map((m) => m.status)).toEqual([
      'pending',
      'pending',
      'pending'
    ])
    expect(await store.outbox.get(1)).toMatchObject({
      attempts: 1,
      lastError: 'Cloud API error: HTTP 503, code 2, OAuthException, fbtrace_id AbC123'
    })
  })

  it('When a pending message is older than a day, then it is not sent any more', async () => {
    await store.outbox.enqueue({
      idempotencyKey: 'old',
      recipient: '6285600000002',
      payload: { type: 'text', text: { body: 'kode 1234' } },
      containsSecret: true
    })
    clock.advance(25 * 60 * 60 * 1000)
    await sender().flush()
    expect(fake.requests).toHaveLength(0)
    expect(await store.outbox.get(1)).toMatchObject({
      status: 'failed',
      lastError: 'expired before delivery',
      payload: { type: 'text', text: { body: '[isi dihapus]' } }
    })
  })

  it('When the mode is outbox, then a message without a secret is stored and logged masked but not sent', async () => {
    const before = log.lines.length
    const notice = {
      ...resetMessage(),
      text: 'Permintaan reset diterima. Nomor tiket TIK-20260615-0001.',
      templateParameters: ['E-mail dinas', 'Permintaan diterima', 'TIK-20260615-0001'],
      containsSecret: false
    }
    expect(await sender(store, 'outbox').send(notice)).toEqual({
      status: 'queued',
      duplicate: false,
      outboxId: 1
    })
    expect(fake.requests).toHaveLength(0)
    expect((await store.outbox.get(1)).status).toBe('pending')
    const logged = log.lines.slice(before).join('')
    expect(logged).toContain('"to":"0856****0001"')
    expect(logged).not.toContain('6285600000001')
  })

  it('When the mode is outbox and the message holds a secret, then the secret is never stored and the message counts as failed', async () => {
    const before = log.lines.length
    expect(await sender(store, 'outbox').send(resetMessage())).toEqual({
      status: 'failed',
      duplicate: false,
      outboxId: 1
    })
    expect(fake.requests).toHaveLength(0)
    const row = await store.outbox.get(1)
    expect(row.status).toBe('failed')
    expect(JSON.stringify(row.payload)).not.toContain('Xy7!pq-92Lm')
    expect(await store.outbox.due(100)).toEqual([])
    const logged = log.lines.slice(before).join('')
    expect(logged).not.toContain('Xy7!pq-92Lm')
    expect(logged).not.toContain('6285600000001')
  })
})
