import { createResetApiProvider } from '../../src/reset/http-reset-provider'
import { captureLogs } from '../helpers/capture-logs'
import {
  closedPortUrl,
  countingRetry,
  noWaitRetry,
  startLoopbackFake,
  type LoopbackFake
} from '../helpers/loopback-fake'

const request = {
  sistem: 'email_dinas',
  nip: '198503152010011001',
  ticketNumber: 'TIK-20260615-0001',
  idempotencyKey: 'reset:777:m1'
}

describe('account-reset API provider', () => {
  let fake: LoopbackFake
  const log = captureLogs()
  beforeEach(async () => {
    fake = await startLoopbackFake()
  })
  afterEach(async () => {
    await fake.close()
  })
  const provider = () =>
    createResetApiProvider({
      baseUrl: `${fake.url}/api/`,
      token: 'reset-token-abc',
      timeoutMs: 2000,
      retry: noWaitRetry(2),
      logger: log.logger
    })

  it('When the API returns a temporary password, then it is the outcome and the request carries the wire format', async () => {
    fake.reply({
      status: 200,
      body: {
        jenis: 'password_sementara',
        password_sementara: 'Xy7!pq-92Lm',
        berlaku_sampai: '2026-06-16T08:00:00Z'
      }
    })
    expect(await provider().requestReset(request)).toEqual({
      kind: 'temporary_password',
      password: 'Xy7!pq-92Lm',
      expiresAt: '2026-06-16T08:00:00Z'
    })
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/reset-password',
      body: { sistem: 'email_dinas', nip: '198503152010011001', tiket: 'TIK-20260615-0001' }
    })
    expect(fake.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer reset-token-abc',
      'idempotency-key': 'reset:777:m1'
    })
  })

  it('When the API returns a reset link, then the link is the outcome', async () => {
    fake.reply({
      status: 200,
      body: { jenis: 'tautan', tautan: 'https://mail.example.go.id/reset/abc' }
    })
    expect(await provider().requestReset(request)).toEqual({
      kind: 'link',
      url: 'https://mail.example.go.id/reset/abc'
    })
  })

  it('When the account does not exist (404), then the request is left for staff', async () => {
    fake.reply({ status: 404, body: { error: 'akun_tidak_ditemukan' } })
    expect(await provider().requestReset(request)).toEqual({
      kind: 'manual',
      reason: 'account_not_found'
    })
  })

  it('When the API fails with 503 then answers, then the retry succeeds', async () => {
    fake.reply(
      { status: 503 },
      { status: 200, body: { jenis: 'tautan', tautan: 'https://mail.example.go.id/reset/x' } }
    )
    expect((await provider().requestReset(request)).kind).toBe('link')
    expect(fake.requests).toHaveLength(2)
  })

  it('When the API keeps failing or answers nonsense, then the request is left for staff and the log has no NIP', async () => {
    fake.reply({ status: 500 }, { status: 500 }, { status: 500 })
    expect(await provider().requestReset(request)).toEqual({
      kind: 'manual',
      reason: 'api_unavailable'
    })
    fake.reply({ status: 200, body: { jenis: 'password_sementara' } })
    expect(await provider().requestReset(request)).toEqual({
      kind: 'manual',
      reason: 'api_unavailable'
    })
    expect(log.text()).not.toContain('198503152010011001')
    expect(log.text()).toContain('reset API failed; ticket left for staff')
  })

  it('When the connection is refused, then the call is retried per the policy and the request is left for staff, logged without the NIP', async () => {
    const retry = countingRetry(2)
    const before = log.lines.length
    const refused = createResetApiProvider({
      baseUrl: await closedPortUrl(),
      timeoutMs: 2000,
      retry,
      logger: log.logger
    })

    expect(await refused.requestReset(request)).toEqual({
      kind: 'manual',
      reason: 'api_unavailable'
    })
    expect(retry.waits()).toBe(2)
    const logged = log.lines.slice(before).join('')
    expect(logged).toContain('"reason":"ECONNREFUSED"')
    expect(logged).not.toContain('198503152010011001')
  })

  it('When the API takes the POST and never answers, then the retry repeats the same Idempotency-Key, so the API treats it as the same request', async () => {
    fake.reply(
      { status: 0, hang: true },
      { status: 200, body: { jenis: 'tautan', tautan: 'https://mail.example.go.id/reset/y' } }
    )
    const slow = createResetApiProvider({
      baseUrl: fake.url,
      timeoutMs: 300,
      retry: noWaitRetry(2),
      logger: log.logger
    })

    expect(await slow.requestReset(request)).toEqual({
      kind: 'link',
      url: 'https://mail.example.go.id/reset/y'
    })
    expect(fake.requests).toHaveLength(2)
    expect(fake.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      'reset:777:m1',
      'reset:777:m1'
    ])
    expect(fake.requests[1]!.body).toEqual(fake.requests[0]!.body)
  })
})
