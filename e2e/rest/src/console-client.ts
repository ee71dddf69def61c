export interface Page {
  status: number
  body: string
  location: string | null
}

/**
 * A staff member's browser reduced to HTTP: keeps the session cookie and the last CSRF token a
 * page carried (the `_csrf` hidden field), and sends forms URL-encoded.
 */
export class ConsoleClient {
  private cookie = ''
  private csrf = ''
  /** The `<title>` of every page fetched, to check none carries personal data. */
  readonly titles: string[] = []

  constructor(private readonly base: string) {}

  async get(path: string): Promise<Page> {
    return await this.read(
      await fetch(this.base + path, { redirect: 'manual', headers: this.headers() })
    )
  }

  async post(path: string, fields: Record<string, string>): Promise<Page> {
    if (this.csrf === '')
      throw new Error(`no CSRF token yet: GET a page with a form before POST ${path}`)
    const form = new URLSearchParams({ ...fields, _csrf: this.csrf })
    return await this.read(
      await fetch(this.base + path, {
        method: 'POST',
        redirect: 'manual',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.headers() }
      })
    )
  }

  /** GET /login (cookie + `_csrf`), then POST /login; answers the POST. */
  async signIn(username: string, password: string): Promise<Page> {
    await this.get('/login')
    return await this.post('/login', { username, password })
  }

  private headers(): Record<string, string> {
    return this.cookie === '' ? {} : { cookie: this.cookie }
  }

  private async read(res: Response): Promise<Page> {
    const session = res.headers.getSetCookie().find((c) => c.startsWith('konsol_sesi='))
    if (session !== undefined) this.cookie = session.split(';')[0]!
    const body = await res.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1]
    if (token !== undefined) this.csrf = token
    const title = /<title>([^<]*)<\/title>/.exec(body)?.[1]
    if (title !== undefined) this.titles.push(title)
    return { status: res.status, body, location: res.headers.get('location') }
  }
}
