import { createDirectoryApi } from '../../src/directory/http-directory'
import { DirectoryUnavailableError } from '../../src/directory/types'
import {
  closedPortUrl,
  countingRetry,
  noWaitRetry,
  startLoopbackFake,
  type LoopbackFake
} from '../helpers/loopback-fake'

const budi = {
  nip: '198503152010011001',
  nama: 'Budi Santoso',
  email_dinas: 'budi.santoso@example.go.id',
  whatsapp: '6285600000001',
  unit_kerja: 'Dinas Komunikasi dan Informatika',
  status_tte: 'aktif',
  aktif: true
}

describe('directory HTTP provider', () => {
  let fake: LoopbackFake
  beforeEach(async () => {
    fake = await startLoopbackFake()
  })
  afterEach(async () => {
    await fake.close()
  })

  const api = (): ReturnType<typeof createDirectoryApi> =>
    createDirectoryApi({
      baseUrl: `${fake.url}/hr/`,
      token: 'dir-token-123',
      timeoutMs: 2000,
      retry: noWaitRetry(2)
    })

  it('When the HR API finds the NIP, then the record is returned and the NIP went in the body with the token', async () => {
    fake.reply({ status: 200, body: { pegawai: budi } })
    expect(await api().findByNip(budi.nip)).toEqual(budi)
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: '/hr/pegawai/cari',
      body: { nip: budi.nip }
    })
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer dir-token-123')
  })

  it('When the HR API answers 404, then the person is not found', async () => {
    fake.reply({ status: 404, body: { pegawai: null } })
    expect(await api().findByNik('3603121503850001')).toBeUndefined()
    expect(fake.requests[0]!.body).toEqual({ nik: '3603121503850001' })
  })

  it('When the HR API fails twice with 503 and then answers, then the lookup succeeds after retries', async () => {
    fake.reply(
      { status: 503, body: {} },
      { drop: true, status: 0 },
      { status: 200, body: { pegawai: budi } }
    )
    expect(await api().findByNip(budi.nip)).toEqual(budi)
    expect(fake.requests).toHaveLength(3)
  })

  it('When the HR API keeps failing, then DirectoryUnavailableError says how, without the NIP', async () => {
    fake.reply({ status: 500 }, { status: 500 }, { status: 502 })
    const error = await api()
      .findByNip(budi.nip)
      .catch((err: unknown) => err)
    expect(error).toBeInstanceOf(DirectoryUnavailableError)
    expect((error as Error).message).toBe('directory API failed: HTTP 502')
    expect(fake.requests).toHaveLength(3)
  })

  it('When the connection is refused, then the lookup is retried per the policy and fails with a clear error without the NIP', async () => {
    const retry = countingRetry(2)
    const directory = createDirectoryApi({
      baseUrl: `${await closedPortUrl()}/hr`,
      timeoutMs: 2000,
      retry
    })

    const error = await directory.findByNip(budi.nip).catch((err: unknown) => err)

    expect(error).toBeInstanceOf(DirectoryUnavailableError)
    expect((error as Error).message).toBe('directory API failed: ECONNREFUSED')
    expect(retry.waits()).toBe(2)
  })

  it('When the HR API takes a lookup and never answers, then it is retried (a lookup has no side effects)', async () => {
    fake.reply({ status: 0, hang: true }, { status: 200, body: { pegawai: budi } })
    const directory = createDirectoryApi({
      baseUrl: `${fake.url}/hr`,
      timeoutMs: 300,
      retry: noWaitRetry(2)
    })

    expect(await directory.findByNip(budi.nip)).toEqual(budi)
    expect(fake.requests).toHaveLength(2)
  })

  it('When the token is refused (401), then it is not retried', async () => {
    fake.reply({ status: 401, body: { error: 'unauthorized' } })
    await expect(api().findByNip(budi.nip)).rejects.toThrow('directory API failed: HTTP 401')
    expect(fake.requests).toHaveLength(1)
  })

  it('When the HR API answers a malformed record, then it is treated as unavailable', async () => {
    fake.reply({ status: 200, body: { pegawai: { ...budi, whatsapp: 'unknown' } } })
    await expect(api().findByNip(budi.nip)).rejects.toThrow(
      'directory API answered with a record that breaks the directory schema'
    )
  })
})
