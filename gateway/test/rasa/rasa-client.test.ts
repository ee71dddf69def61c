import { RasaResponseError, RasaUnavailableError } from '../../src/rasa/errors'
import { MAX_RESPONSE_BYTES } from '../../src/outbound/json-http'
import { createRasaClient } from '../../src/rasa/rasa-client'
import { startFakeRasa, type FakeRasa } from '../fakes'

describe('rasa client (against a loopback fake Rasa)', () => {
  let rasa: FakeRasa
  beforeEach(async () => {
    rasa = await startFakeRasa()
  })
  afterEach(async () => {
    await rasa.close()
  })

  const request = {
    sender: '42',
    message: 'halo',
    metadata: { telegram: { chat_id: 42 } },
    input_channel: 'telegram_gateway'
  }

  test('When Rasa answers, then the reply items come back with only the known keys', async () => {
    rasa.setReply(() => [
      {
        recipient_id: '42',
        text: 'Halo!',
        buttons: [{ title: 'Ya', payload: '/affirm' }],
        extra: 1
      },
      'junk' as never
    ])
    const client = createRasaClient({ baseUrl: rasa.url, timeoutMs: 2000 })
    expect(await client.send(request)).toEqual([
      { recipient_id: '42', text: 'Halo!', buttons: [{ title: 'Ya', payload: '/affirm' }] }
    ])
    expect(rasa.requests).toEqual([request])
  })

  test('When Rasa answers 500, then RasaResponseError is thrown and the message was posted exactly once', async () => {
    rasa.setReply(() => ({ status: 500, body: { error: 'x' } }))
    const client = createRasaClient({ baseUrl: rasa.url, timeoutMs: 2000 })
    await expect(client.send(request)).rejects.toThrow(
      new RasaResponseError('Rasa answered HTTP 500')
    )
    expect(rasa.requests).toHaveLength(1)
  })

  test('When Rasa answers something that is not a list, then RasaResponseError is thrown', async () => {
    rasa.setReply(() => ({ status: 200, body: { status: 'ok' } }))
    const client = createRasaClient({ baseUrl: rasa.url, timeoutMs: 2000 })
    await expect(client.send(request)).rejects.toBeInstanceOf(RasaResponseError)
  })

  test('When Rasa answers more than the size limit, then RasaResponseError is thrown instead of buffering it all', async () => {
    rasa.setReply(() => [{ recipient_id: '42', text: 'x'.repeat(MAX_RESPONSE_BYTES + 1) }])
    const client = createRasaClient({ baseUrl: rasa.url, timeoutMs: 5000 })
    await expect(client.send(request)).rejects.toThrow(
      new RasaResponseError(`Rasa answered more than ${MAX_RESPONSE_BYTES} bytes`)
    )
    expect(rasa.requests).toHaveLength(1)
  })

  test('When Rasa does not answer in time, then RasaUnavailableError is thrown and the message is not posted again', async () => {
    rasa.setReply(() => ({ hang: true }))
    const client = createRasaClient({ baseUrl: rasa.url, timeoutMs: 300 })
    await expect(client.send(request)).rejects.toBeInstanceOf(RasaUnavailableError)
    expect(rasa.requests).toHaveLength(1)
  })

  test('When nothing listens (connection refused), then RasaUnavailableError is thrown, its message naming the cause and never the text', async () => {
    const url = rasa.url
    await rasa.close()
    const client = createRasaClient({ baseUrl: url, timeoutMs: 1500, sleep: async () => undefined })
    const err = await client.send(request).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RasaUnavailableError)
    expect((err as Error).message).toBe('Rasa unreachable (ECONNREFUSED)')
    rasa = await startFakeRasa()
  })

  test('When Rasa stays down, then the client gives up after three short retries instead of using the whole budget', async () => {
    const url = rasa.url
    await rasa.close()
    const pauses: number[] = []
    const client = createRasaClient({
      baseUrl: url,
      timeoutMs: 60000,
      sleep: async (ms) => {
        pauses.push(ms)
      }
    })
    await expect(client.send(request)).rejects.toBeInstanceOf(RasaUnavailableError)
    expect(pauses).toEqual([500, 500, 500])
    rasa = await startFakeRasa()
  })

  test('When the connection is refused at first and Rasa comes back within the budget, then the message gets through once', async () => {
    const url = rasa.url
    const port = Number(new URL(url).port)
    await rasa.close()
    let restarted: FakeRasa | undefined
    const client = createRasaClient({
      baseUrl: url,
      timeoutMs: 5000,
      sleep: async () => {
        restarted ??= await startFakeRasa({ port })
      }
    })
    expect(await client.send(request)).toEqual([{ recipient_id: '42', text: 'echo: halo' }])
    expect(restarted?.requests).toHaveLength(1)
    rasa = restarted as FakeRasa
  })

  test('When probing, then GET / decides reachability and GET /status whether a model is loaded', async () => {
    const client = createRasaClient({ baseUrl: rasa.url, timeoutMs: 2000 })
    expect(await client.probe(500)).toEqual({ reachable: true, model: 'loaded' })
    rasa.setModelLoaded(false)
    expect(await client.probe(500)).toEqual({ reachable: true, model: 'missing' })
    await rasa.close()
    expect(await client.probe(500)).toEqual({ reachable: false, model: 'unknown' })
    rasa = await startFakeRasa()
  })
})
