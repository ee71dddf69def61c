import { FakeResetApi } from '../../shared/fake-reset-api'
import { FakeWhatsApp } from '../../shared/fake-whatsapp'

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string>
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body)
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('fake WhatsApp Cloud API', () => {
  const fake = new FakeWhatsApp('1098765', 'wa-token')
  let base = ''
  beforeAll(async () => {
    base = await fake.start()
  })
  afterAll(async () => {
    await fake.stop()
  })
  const message = {
    messaging_product: 'whatsapp',
    to: '6285610000101',
    type: 'text',
    text: { body: 'Password sementara: X' }
  }

  test('fails the requested number of sends with Graph errors, then accepts again', async () => {
    fake.failNext([500, 429])
    const auth = { authorization: 'Bearer wa-token' }
    const first = await post(`${base}/1098765/messages`, message, auth)
    const second = await post(`${base}/1098765/messages`, message, auth)
    const third = await post(`${base}/1098765/messages`, message, auth)
    expect([first.status, second.status, third.status]).toEqual([500, 429, 200])
    expect(first.body.error).toMatchObject({
      message: 'An unknown error has occurred.',
      type: 'OAuthException',
      code: 1
    })
    expect(second.body.error).toMatchObject({ code: 130429 })
    expect(third.body).toMatchObject({
      messaging_product: 'whatsapp',
      contacts: [{ input: '6285610000101', wa_id: '6285610000101' }]
    })
    expect(fake.received.map((m) => m.status)).toEqual([500, 429, 200])
    expect(fake.delivered).toEqual([
      expect.objectContaining({ to: '6285610000101', text: 'Password sementara: X' })
    ])
  })

  test('refuses a wrong token like Graph does', async () => {
    const answer = await post(`${base}/1098765/messages`, message, { authorization: 'Bearer nope' })
    expect(answer.status).toBe(401)
    expect(answer.body.error).toMatchObject({ code: 190, type: 'OAuthException' })
  })
})

describe('fake agency reset API', () => {
  const fake = new FakeResetApi('reset-token')
  let base = ''
  beforeAll(async () => {
    base = await fake.start()
  })
  afterAll(async () => {
    await fake.stop()
  })
  const request = { sistem: 'email_dinas', nip: '198503152010011001', tiket: 'TIK-20261125-0001' }

  test('a repeated Idempotency-Key gets the same temporary password', async () => {
    const headers = { authorization: 'Bearer reset-token', 'idempotency-key': 'k-1' }
    const first = await post(`${base}/reset-password`, request, headers)
    const again = await post(`${base}/reset-password`, request, headers)
    expect(first.status).toBe(200)
    expect(first.body.jenis).toBe('password_sementara')
    expect(again.body.password_sementara).toBe(first.body.password_sementara)
    expect(fake.secrets).toEqual([first.body.password_sementara])
  })

  test('refuses a wrong token and an incomplete request', async () => {
    expect(
      (
        await post(`${base}/reset-password`, request, {
          authorization: 'Bearer nope',
          'idempotency-key': 'k-2'
        })
      ).status
    ).toBe(401)
    expect(
      (
        await post(
          `${base}/reset-password`,
          { sistem: 'email_dinas' },
          { authorization: 'Bearer reset-token', 'idempotency-key': 'k-3' }
        )
      ).status
    ).toBe(400)
  })
})
