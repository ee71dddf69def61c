import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import type { StoreLocation } from '../../src'
import { openStore, type Store } from '../../src/store'
import { ENGINES, openTestStore } from '../helpers/engines'
import { LIMIT_BUCKET, identitySubject } from '../../src/store/identity-limits-repository'
import { fixedClock } from '../helpers/clock'

const run = promisify(execFile)
const REGISTER = resolve(__dirname, '..', 'helpers', 'ts-register.js')
const CHILD = resolve(__dirname, '..', 'helpers', 'consume-limit-child.ts')
const BUDI_NIP = '198503152010011001'

describe.each(ENGINES)('identity limits in the store on %s', (engine) => {
  let clock: ReturnType<typeof fixedClock>
  let store: Store
  let location: StoreLocation
  let close: () => Promise<void>
  beforeEach(async () => {
    clock = fixedClock('2026-06-15T03:00:00Z')
    ;({ store, location, close } = await openTestStore(engine, clock))
  })
  afterEach(async () => close())

  it('When four processes share the database and race for 30 lookups, then exactly 30 are allowed', async () => {
    const outputs = await Promise.all(
      [1, 2, 3, 4].map(
        async () =>
          (
            await run(
              process.execPath,
              ['-r', REGISTER, CHILD, JSON.stringify(location), '20', '30'],
              { cwd: resolve(__dirname, '..', '..') }
            )
          ).stdout
      )
    )
    expect(outputs.map(Number).reduce((a, b) => a + b, 0)).toBe(30)
  }, 90000)

  it('When two connection pools race for a limit in parallel, then the limit is never exceeded and every allowed attempt is recorded', async () => {
    const other = await openStore(location, clock)
    try {
      const rule = { name: 'global', bucket: LIMIT_BUCKET.lookupGlobal, limit: 7, windowMs: 60_000 }
      const decisions = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 === 0 ? store : other).identityLimits.consume([rule])
        )
      )
      expect(decisions.filter((d) => d.allowed)).toHaveLength(7)
      expect(
        await store.sql.get('SELECT COUNT(*) AS n FROM identity_limit_events WHERE bucket = ?', [
          LIMIT_BUCKET.lookupGlobal
        ])
      ).toEqual({ n: 7 })
    } finally {
      await other.close()
    }
  }, 60000)

  it('When two connection pools claim resets for one NIP in parallel, then one ticket is opened and the rest see the earlier one', async () => {
    const other = await openStore(location, clock)
    try {
      const subject = identitySubject(BUDI_NIP)
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => {
          const target = i % 2 === 0 ? store : other
          return target.identityLimits.claimReset({
            subject,
            system: 'email_dinas',
            repeatWindowMs: 30 * 60_000,
            perDay: 5,
            record: async (tx) => {
              const ticket = await target.tickets.open(
                { category: 'reset_password', senderId: `s${i}`, summary: 'Reset', data: {} },
                tx
              )
              return { ref: ticket.number, value: ticket.number }
            }
          })
        })
      )
      expect(claims.filter((c) => c.kind === 'claimed')).toEqual([
        { kind: 'claimed', value: 'TIK-20260615-0001' }
      ])
      expect(claims.filter((c) => c.kind === 'repeat')).toHaveLength(7)
      expect(await store.tickets.list()).toHaveLength(1)
    } finally {
      await other.close()
    }
  }, 60000)

  it('When a limit is reached, then nothing is counted for the other rules either', async () => {
    const subject = {
      name: 'subject',
      bucket: LIMIT_BUCKET.lookupBySubject(identitySubject(BUDI_NIP)),
      limit: 1,
      windowMs: 60_000
    }
    const global = { name: 'global', bucket: LIMIT_BUCKET.lookupGlobal, limit: 2, windowMs: 60_000 }
    expect(await store.identityLimits.consume([subject, global])).toEqual({ allowed: true })
    expect(await store.identityLimits.consume([subject, global])).toEqual({
      allowed: false,
      rule: 'subject'
    })
    expect(await store.identityLimits.consume([global])).toEqual({ allowed: true })
    expect(await store.identityLimits.consume([global])).toEqual({ allowed: false, rule: 'global' })
    clock.advance(60_001)
    expect(await store.identityLimits.consume([subject, global])).toEqual({ allowed: true })
  })

  it('When the limit table is read, then it holds no NIP and nothing older than two days', async () => {
    await store.identityLimits.consume([
      {
        name: 'subject',
        bucket: LIMIT_BUCKET.lookupBySubject(identitySubject(BUDI_NIP)),
        limit: 5,
        windowMs: 60_000
      }
    ])
    const rows = (): Promise<Array<Record<string, unknown>>> =>
      store.sql.all('SELECT * FROM identity_limit_events')
    expect(JSON.stringify(await rows())).not.toContain(BUDI_NIP)
    expect(await rows()).toHaveLength(1)
    clock.advance(3 * 24 * 60 * 60 * 1000)
    await store.identityLimits.consume([
      { name: 'global', bucket: LIMIT_BUCKET.lookupGlobal, limit: 5, windowMs: 60_000 }
    ])
    expect((await rows()).map((r) => r.bucket)).toEqual(['lookup:global'])
  })

  it('When a reset for the same NIP and system is claimed again within the window, then the earlier one is returned; past the daily limit none is granted', async () => {
    const subject = identitySubject(BUDI_NIP)
    let opened = 0
    const claim = (system: string) =>
      store.identityLimits.claimReset({
        subject,
        system,
        repeatWindowMs: 30 * 60_000,
        perDay: 2,
        record: async () => ({ ref: `T${++opened}`, value: opened })
      })
    expect(await claim('email_dinas')).toEqual({ kind: 'claimed', value: 1 })
    expect(await claim('email_dinas')).toEqual({
      kind: 'repeat',
      ref: 'T1',
      at: '2026-06-15T03:00:00.000Z'
    })
    expect(await claim('simasn')).toEqual({ kind: 'claimed', value: 2 })
    clock.advance(31 * 60_000)
    expect(await claim('email_dinas')).toEqual({ kind: 'limited' })
    expect(opened).toBe(2)
    clock.advance(24 * 60 * 60_000)
    expect(await claim('email_dinas')).toEqual({ kind: 'claimed', value: 3 })
  })
})
