import { Client, PASSWORD, startConsole, type Harness } from './support/harness'

describe('staff sign-in, sessions and CSRF', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startConsole()
    await h.addAccount('rina', 'petugas')
    await h.addAccount('kepala', 'admin')
  })
  afterAll(async () => {
    await h.close()
  })

  it('when no session, then pages redirect to /login and JSON routes answer 401', async () => {
    const c = new Client(h.url)
    expect((await c.get('/tiket')).location).toBe('/login')
    expect((await c.get('/tiket')).status).toBe(302)
    expect((await c.get('/api/ringkasan')).status).toBe(401)
    expect((await c.get('/healthz')).status).toBe(200)
  })

  it('when the login form is shown, then it has username, password and a hidden _csrf field and strict security headers', async () => {
    const res = await new Client(h.url).get('/login')
    expect(res.body).toMatch(/name="username"/)
    expect(res.body).toMatch(/name="password" type="password"/)
    expect(res.body).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.body).not.toMatch(/<script/)
  })

  it('when the right password is given, then the cookie is HttpOnly, SameSite=Strict, not Secure on loopback, and the queue opens', async () => {
    const c = new Client(h.url)
    const res = await c.login('rina')
    expect(res.status).toBe(303)
    expect(res.location).toBe('/tiket')
    const cookie = res.headers.getSetCookie().find((v) => v.startsWith('konsol_sesi=')) ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).not.toMatch(/Secure/)
    const queue = await c.get('/tiket')
    expect(queue.status).toBe(200)
    expect(queue.body).toContain('Antrian tiket')
  })

  it('when a form is posted without or with a wrong CSRF token, then it is refused with 403 and nothing changes', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket')
    const missing = await c.post('/logout', {}, { csrf: null })
    expect(missing.status).toBe(403)
    expect(missing.body).toContain('Formulir tidak sah')
    const wrong = await c.post('/logout', {}, { csrf: 'forged-token' })
    expect(wrong.status).toBe(403)
    expect((await c.get('/tiket')).status).toBe(200)
  })

  it('when a wrong password is given, then the typed username is kept and the password is not', async () => {
    const c = new Client(h.url)
    await c.get('/login')
    const res = await c.post('/login', { username: 'rina', password: 'salah-salah-salah' })
    expect(res.status).toBe(401)
    expect(res.body).toContain('Nama pengguna atau kata sandi salah')
    expect(res.body).toContain('value="rina"')
    expect(res.body).not.toContain('salah-salah-salah')
  })

  it('when an account fails 5 times, then it is locked even with the right password, and other accounts are not', async () => {
    await h.addAccount('budi', 'petugas')
    const c = new Client(h.url)
    await c.get('/login')
    for (let i = 0; i < 5; i++)
      await c.post('/login', { username: 'budi', password: `salah-${i}-xxxxxxxx` })
    const locked = await c.post('/login', { username: 'budi', password: PASSWORD })
    expect(locked.status).toBe(429)
    expect(locked.body).toContain('Terlalu banyak percobaan')
    expect((await new Client(h.url).login('kepala')).status).toBe(303)
    h.clock.advance(16 * 60_000)
    expect((await new Client(h.url).login('budi')).status).toBe(303)
  })

  it('when logged out, then the old session cookie no longer opens pages', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket')
    const out = await c.post('/logout', {})
    expect(out.status).toBe(303)
    expect((await c.get('/tiket')).location).toBe('/login')
  })

  it('when idle longer than the idle timeout, then the session ends', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    expect((await c.get('/tiket')).status).toBe(200)
    h.clock.advance(31 * 60_000)
    const res = await c.get('/tiket')
    expect(res.location).toBe('/login?sesi=habis')
  })

  it('when a petugas opens admin pages, then they get 403', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    expect((await c.get('/audit')).status).toBe(403)
    expect((await c.get('/akun')).status).toBe(403)
    expect((await c.get('/audit.csv')).status).toBe(403)
  })

  it('when a session is older than the absolute limit, then it ends even while in use', async () => {
    const short = await startConsole({
      env: { CONSOLE_SESSION_MAX_HOURS: '1', CONSOLE_IDLE_TIMEOUT_MINUTES: '120' }
    })
    try {
      await short.addAccount('rina', 'petugas')
      const c = new Client(short.url)
      await c.login('rina')
      short.clock.advance(50 * 60_000)
      expect((await c.get('/tiket')).status).toBe(200)
      short.clock.advance(15 * 60_000)
      expect((await c.get('/tiket')).location).toBe('/login?sesi=habis')
    } finally {
      await short.close()
    }
  })

  it('when one address fails 20 times across accounts, then that address is locked for every account', async () => {
    const h2 = await startConsole()
    try {
      await h2.addAccount('kepala', 'admin')
      const c = new Client(h2.url)
      await c.get('/login')
      for (let i = 0; i < 20; i++)
        await c.post('/login', { username: `tamu${i}`, password: 'salah-salah-salah' })
      const locked = await c.post('/login', { username: 'kepala', password: PASSWORD })
      expect(locked.status).toBe(429)
      const audit = h2.db
        .prepare("SELECT detail FROM staff_audit_log WHERE action = 'login_locked'")
        .get() as { detail: string }
      expect(JSON.parse(audit.detail)).toEqual({ scope: 'address' })
    } finally {
      await h2.close()
    }
  })
})
