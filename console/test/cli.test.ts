import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { errorLine, runCli } from '../src/cli'
import { openDatabase } from '@helpdesk/core'
import { Client, startConsole } from './support/harness'

const stdin = (text: string): Readable => Readable.from([Buffer.from(text)])

describe('npm run console -- user …', () => {
  let dir: string
  let env: Record<string, string>
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-cli-'))
    env = { DATABASE_FILE: join(dir, 'helpdesk.sqlite') }
    openDatabase(env.DATABASE_FILE!).close()
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('when a user is added with a password on stdin, then it is stored hashed with argon2id', async () => {
    const out = await runCli(
      ['user', 'add', 'Rina', '--role', 'petugas'],
      env,
      stdin('sandi-yang-panjang-1\n')
    )
    expect(out).toBe('created petugas account rina')
    const db = openDatabase(env.DATABASE_FILE!)
    const row = db
      .prepare("SELECT role, password_hash FROM staff_accounts WHERE username = 'rina'")
      .get() as { role: string; password_hash: string }
    db.close()
    expect(row.role).toBe('petugas')
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
  })

  it('when the password is shorter than 12 characters, the role is wrong or the name exists, then one clear line', async () => {
    await expect(
      runCli(['user', 'add', 'rina', '--role', 'petugas'], env, stdin('pendek\n'))
    ).rejects.toThrow('Kata sandi minimal 12 karakter.')
    await expect(
      runCli(['user', 'add', 'rina', '--role', 'boss'], env, stdin('sandi-yang-panjang-1\n'))
    ).rejects.toThrow('--role must be admin or petugas')
    await runCli(['user', 'add', 'rina', '--role', 'admin'], env, stdin('sandi-yang-panjang-1\n'))
    const err = await runCli(
      ['user', 'add', 'rina', '--role', 'admin'],
      env,
      stdin('sandi-yang-panjang-1\n')
    ).catch((e: unknown) => e)
    expect(errorLine(err)).toBe('console: Akun rina sudah ada.')
    await expect(runCli(['user', 'disable', 'siapa'], env)).rejects.toThrow('Akun siapa tidak ada.')
    await expect(runCli(['nonsense'], env)).rejects.toThrow(/^usage:/)
  })

  it('when first-run finds no admin, then it creates one with a generated password printed once; a second run prints nothing', async () => {
    const first = await runCli(['first-run'], env)
    const password = /password: (\S+)/.exec(first)?.[1]
    expect(password).toBeDefined()
    expect(password!.length).toBeGreaterThanOrEqual(12)
    expect(first).toContain('npm run console -- user password admin')
    expect(await runCli(['first-run'], env)).toBe('')
  })
})

describe('disabling an account from the command line', () => {
  it('when an account is disabled, then its open browser session ends at the next request', async () => {
    const h = await startConsole()
    try {
      await h.addAccount('rina', 'petugas')
      const c = new Client(h.url)
      await c.login('rina')
      expect((await c.get('/tiket')).status).toBe(200)
      const file = h.db.name
      expect(await runCli(['user', 'disable', 'rina'], { DATABASE_FILE: file })).toBe(
        'disabled account rina; its sessions have ended'
      )
      expect((await c.get('/tiket')).location).toBe('/login')
      expect((await new Client(h.url).login('rina')).status).toBe(401)
    } finally {
      await h.close()
    }
  })
})

describe('the built command from the repository root', () => {
  const root = resolve(__dirname, '..', '..')
  it('when run through npm with a piped password, then it exits 0; with a short one, exit 1 and one line', () => {
    if (!existsSync(join(root, 'console', 'dist', 'cli.js')))
      execFileSync('npm', ['run', 'build'], { cwd: root })
    const dir = mkdtempSync(join(tmpdir(), 'console-cli-npm-'))
    try {
      const file = join(dir, 'helpdesk.sqlite')
      openDatabase(file).close()
      const ok = spawnSync(
        'npm',
        ['run', '--silent', 'console', '--', 'user', 'add', 'kepala', '--role', 'admin'],
        {
          cwd: root,
          input: 'sandi-yang-panjang-1\n',
          env: { ...process.env, DATABASE_FILE: file },
          encoding: 'utf8'
        }
      )
      expect(ok.stdout.trim()).toBe('created admin account kepala')
      expect(ok.status).toBe(0)
      const bad = spawnSync(
        'npm',
        ['run', '--silent', 'console', '--', 'user', 'add', 'lain', '--role', 'admin'],
        {
          cwd: root,
          input: 'pendek\n',
          env: { ...process.env, DATABASE_FILE: file },
          encoding: 'utf8'
        }
      )
      expect(bad.status).not.toBe(0)
      expect(bad.stderr.trim().split('\n')).toContain('console: Kata sandi minimal 12 karakter.')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120000)
})
