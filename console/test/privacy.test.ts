import { captureLogs } from '@helpdesk/core/testing'
import { Client, PEOPLE, seedTicket, startConsole } from './support/harness'

describe('personal data stays out of logs, lists, URLs and titles', () => {
  it("when staff sign in, search, open a ticket with a profile and write notes, then the log (the production logger) holds none of the person's data", async () => {
    const logs = captureLogs('debug')
    const h = await startConsole({ logger: logs.logger })
    try {
      await h.addAccount('rina', 'petugas')
      const budi = PEOPLE[0]!
      seedTicket(h.db, {
        number: 'TIK-20260617-0001',
        category: 'reset_password',
        summary: 'Reset password E-mail dinas',
        data: { sistem: 'email_dinas', nip: budi.nip }
      })
      const c = new Client(h.url)
      await c.get('/login')
      await c.post('/login', { username: budi.nip, password: 'salah-salah-salah' }) // an NIP typed as a username
      await c.login('rina')
      await c.get(`/tiket?q=${budi.nip}`)
      const page = await c.get('/tiket/TIK-20260617-0001')
      expect(page.body).toContain(budi.nama)
      await c.post('/tiket/TIK-20260617-0001/catatan', {
        isi: `Sudah dihubungi di ${budi.whatsapp}`,
        untuk: 'internal'
      })
      const text = logs.lines.join('\n')
      expect(logs.lines.length).toBeGreaterThan(5)
      for (const value of [budi.nip, budi.nik!, budi.nama, budi.whatsapp, budi.email_dinas])
        expect(text).not.toContain(value)
      const queue = await c.get('/tiket')
      for (const value of [budi.nip, budi.nama, budi.whatsapp])
        expect(queue.body).not.toContain(value)
      expect(/<title>([^<]*)<\/title>/.exec(page.body)?.[1]).toBe(
        'Tiket TIK-20260617-0001 · Konsol Helpdesk'
      )
    } finally {
      await h.close()
    }
  })
})
