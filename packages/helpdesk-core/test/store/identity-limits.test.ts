import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { openStore } from '../../src/store'
import { LIMIT_BUCKET, identitySubject } from '../../src/store/identity-limits-repository'
import { fixedClock } from '../helpers/clock'

const run = promisify(execFile)
const REGISTER = resolve(__dirname, '..', 'helpers', 'ts-register.js')
const CHILD = resolve(__dirname, '..', 'helpers', 'consume-limit-child.ts')
const BUDI_NIP = '198503152010011001'

describe('identity limits in the store', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'helpdesk-limits-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('When four processes share the database and race for 30 lookups, then exactly 30 are allowed', async () => {
    const file = join(dir, 'helpdesk.sqlite')
    openStore(file, fixedClock('2026-06-15T03:00:00Z')).close() // migrate once before the race
    const outputs = await Promise.all(
      [1, 2, 3, 4].map(
        async () =>
          (
            await run(process.execPath, ['-r', REGISTER, CHILD, file, '20', '30'], {
              cwd: resolve(__dirname, '..', '..')
            })
          ).stdout
      )
    )
    expect(outputs.map(Number).reduce((a, b) => a + b, 0)).toBe(30)
  }, 60000)

  it('When a limit is reached, then nothing is counted for the other rules either', () => {
    const clock = fixedClock('2026-06-15T03:00:00Z')
    const store = openStore(join(dir, 'a.sqlite'), clock)
    const subject = {
      name: 'subject',
      bucket: LIMIT_BUCKET.lookupBySubject(identitySubject(BUDI_NIP)),
      limit: 1,
      windowMs: 60_000
    }
    const global = { name: 'global', bucket: LIMIT_BUCKET.lookupGlobal, limit: 2, windowMs: 60_000 }
    expect(store.identityLimits.consume([subject, global])).toEqual({ allowed: true })
    expect(store.identityLimits.consume([subject, global])).toEqual({
      allowed: false,
      rule: 'subject'
    })
    expect(store.identityLimits.consume([global])).toEqual({ allowed: true })
    expect(store.identityLimits.consume([global])).toEqual({ allowed: false, rule: 'global' })
    clock.advance(60_001)
    expect(store.identityLimits.consume([subject, global])).toEqual({ allowed: true })
    store.close()
  })

  it('When the limit table is read, then it holds no NIP and nothing older than two days', () => {
    const clock = fixedClock('2026-06-15T03:00:00Z')
    const store = openStore(join(dir, 'b.sqlite'), clock)
    store.identityLimits.consume([
      {
        name: 'subject',
        bucket: LIMIT_BUCKET.lookupBySubject(identitySubject(BUDI_NIP)),
        limit: 5,
        windowMs: 60_000
      }
    ])
    const rows = (): Array<Record<string, unknown>> =>
      store.db.prepare('SELECT * FROM identity_limit_events').all() as Array<
        Record<string, unknown>
      >
    expect(JSON.stringify(rows())).not.toContain(BUDI_NIP)
    expect(rows()).toHaveLength(1)
    clock.advance(3 * 24 * 60 * 60 * 1000)
    store.identityLimits.consume([
      { name: 'global', bucket: LIMIT_BUCKET.lookupGlobal, limit: 5, windowMs: 60_000 }
    ])
    expect(rows().map((r) => r.bucket)).toEqual(['lookup:global'])
    store.close()
  })

  it('When a reset for the same NIP and system is claimed again within the window, then the earlier one is returned; past the daily limit none is granted', () => {
    const clock = fixedClock('2026-06-15T03:00:00Z')
    const store = openStore(join(dir, 'c.sqlite'), clock)
    const subject = identitySubject(BUDI_NIP)
    let opened = 0
    const claim = (system: string) =>
      store.identityLimits.claimReset({
        subject,
        system,
        repeatWindowMs: 30 * 60_000,
        perDay: 2,
        record: () => ({ ref: `T${++opened}`, value: opened })
      })
    expect(claim('email_dinas')).toEqual({ kind: 'claimed', value: 1 })
    expect(claim('email_dinas')).toEqual({
      kind: 'repeat',
      ref: 'T1',
      at: '2026-06-15T03:00:00.000Z'
    })
    expect(claim('simasn')).toEqual({ kind: 'claimed', value: 2 })
    clock.advance(31 * 60_000)
    expect(claim('email_dinas')).toEqual({ kind: 'limited' })
    expect(opened).toBe(2)
    clock.advance(24 * 60 * 60_000)
    expect(claim('email_dinas')).toEqual({ kind: 'claimed', value: 3 })
    store.close()
  })
})
