/** A tiny browser-like HTTP client for the console: keeps the session cookie, reads the CSRF token. */
export interface Page {
  status: number
  body: string
  location: string | null
}

export class StaffClient {
  private cookie = ''
  private csrf = ''
  constructor(readonly base: string) {}

  /** The session cookie, for requests this client does not make itself (the live stream). */
  get sessionCookie(): string {
    return this.cookie
  }

  async get(path: string): Promise<Page> {
    const res = await fetch(this.base + path, {
      redirect: 'manual',
      headers: this.cookie === '' ? {} : { cookie: this.cookie }
    })
    return await this.read(res)
  }

  async post(path: string, fields: Record<string, string>): Promise<Page> {
    const form = new URLSearchParams({ ...fields, _csrf: this.csrf })
    const res = await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      body: form.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.cookie === '' ? {} : { cookie: this.cookie })
      }
    })
    return await this.read(res)
  }

  async login(username: string, password: string): Promise<void> {
    await this.get('/login')
    const res = await this.post('/login', { username, password })
    if (res.status !== 303) throw new Error(`sign-in of ${username} failed: HTTP ${res.status}`)
  }

  private async read(res: Response): Promise<Page> {
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('konsol_sesi='))
    if (setCookie !== undefined) this.cookie = setCookie.split(';')[0]!
    const body = await res.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1]
    if (token !== undefined) this.csrf = token
    return { status: res.status, body, location: res.headers.get('location') }
  }
}
