/** Data-subject requests: erase one person's data by NIP, NIK or sender id; nobody else's. */
import { erasePersonalData } from '../../src/privacy/erase'
import { identitySubject, LIMIT_BUCKET } from '../../src/store/identity-limits-repository'
import { emptyCounts } from '../../src/privacy/personal-data'
import { openStore, type Store } from '../../src/store'
import { fixedClock } from '../helpers/clock'
import { everything, seedReset, seedTte, tableCounts } from '../helpers/personal-data-seed'

/** Every table at 0: each expectation lists only what it expects removed. */
const NOTHING_REMOVED = emptyCounts()

const BUDI = { sender: '700100', nip: '198501012010011001', phone: '6281200000001' }
const SITI = { sender: '700200', nik: '3603010101850002' }
const JOKO = { sender: '700300', nip: '199002022015022003', phone: '6281300000003' }

describe('erase one person (data-subject request)', () => {
  let store: Store
  beforeEach(() => {
    store = openStore(':memory:', fixedClock('2026-09-01T03:00:00Z'))
    seedReset(store, BUDI)
    seedTte(store, SITI)
    seedReset(store, JOKO)
    seedTte(store, { sender: JOKO.sender, nik: '3603020202900003' })
  })
  afterEach(() => {
    store.close()
  })

  it('When erasing by NIP, then the tickets with that NIP are anonymised and their WhatsApp messages and audit entries deleted; others stay', () => {
    const removed = erasePersonalData(store.db, { kind: 'nip', value: BUDI.nip })

    expect(removed).toEqual({
      ...NOTHING_REMOVED,
      tickets: 1,
      whatsapp_outbox: 1,
      audit_log: 2
    })
    const left = everything(store)
    expect(left).not.toContain(BUDI.nip)
    expect(left).not.toContain(BUDI.phone)
    expect(left).toContain(JOKO.nip)
    expect(left).toContain(JOKO.phone)
    expect(left).toContain(SITI.nik)
  })

  it('When erasing by NIK, then the TTE request and its ticket lose that NIK; others stay', () => {
    const removed = erasePersonalData(store.db, { kind: 'nik', value: SITI.nik })

    expect(removed).toEqual({
      ...NOTHING_REMOVED,
      tickets: 1,
      tte_requests: 1,
      audit_log: 1
    })
    const left = everything(store)
    expect(left).not.toContain(SITI.nik)
    expect(left).not.toContain(`"${SITI.sender}"`)
    expect(left).toContain('3603020202900003')
    expect(store.tteRequests.latestFor(SITI.nik)).toBeUndefined()
  })

  it('When erasing by sender id, then everything that chat left is removed: tickets anonymised, TTE request, outbox and audit rows deleted', () => {
    const before = tableCounts(store)

    const removed = erasePersonalData(store.db, { kind: 'sender', value: JOKO.sender })

    expect(removed).toEqual({
      ...NOTHING_REMOVED,
      tickets: 2,
      tte_requests: 1,
      whatsapp_outbox: 1,
      audit_log: 4
    })
    expect(tableCounts(store)).toEqual({
      tickets: before.tickets,
      tickets_with_personal_data: before.tickets_with_personal_data - 2,
      tte_requests: before.tte_requests - 1,
      whatsapp_outbox: before.whatsapp_outbox - 1,
      audit_log: before.audit_log - 4
    })
    const left = everything(store)
    expect(left).not.toContain(JOKO.nip)
    expect(left).not.toContain('3603020202900003')
    expect(left).not.toContain(JOKO.phone)
    expect(left).not.toContain(`"${JOKO.sender}"`)
    expect(left).toContain(BUDI.nip)
    expect(left).toContain(SITI.nik)
  })

  it('When the person is unknown, then nothing is removed and nothing else changes', () => {
    const before = everything(store)

    expect(erasePersonalData(store.db, { kind: 'nip', value: '197001011990031999' })).toEqual({
      ...NOTHING_REMOVED
    })
    expect(erasePersonalData(store.db, { kind: 'sender', value: 'nobody' })).toEqual({
      ...NOTHING_REMOVED
    })
    expect(everything(store)).toBe(before)
  })

  it('When the same erasure is repeated, then it finds nothing more', () => {
    erasePersonalData(store.db, { kind: 'nip', value: BUDI.nip })

    expect(erasePersonalData(store.db, { kind: 'nip', value: BUDI.nip })).toEqual({
      ...NOTHING_REMOVED
    })
  })

  it("When a NIP or a chat is erased, then its rows in the identity limits go too, and nobody else's", () => {
    const rule = (bucket: string) => ({ name: 'x', bucket, limit: 100, windowMs: 60_000 })
    const budi = identitySubject(BUDI.nip)
    const joko = identitySubject(JOKO.nip)
    store.identityLimits.consume([
      rule(LIMIT_BUCKET.lookupBySubject(budi)),
      rule(LIMIT_BUCKET.lookupBySender(BUDI.sender)),
      rule(LIMIT_BUCKET.lookupGlobal)
    ])
    store.identityLimits.consume([
      rule(LIMIT_BUCKET.resetBySubjectAndSystem(budi, 'email_dinas')),
      rule(LIMIT_BUCKET.resetBySubject(budi))
    ])
    store.identityLimits.consume([
      rule(LIMIT_BUCKET.lookupBySubject(joko)),
      rule(LIMIT_BUCKET.lookupBySender(JOKO.sender))
    ])
    const buckets = (): string[] =>
      store.db
        .prepare('SELECT bucket FROM identity_limit_events ORDER BY id')
        .pluck()
        .all() as string[]

    expect(
      erasePersonalData(store.db, { kind: 'nip', value: BUDI.nip }).identity_limit_events
    ).toBe(3)
    expect(buckets()).toEqual([
      LIMIT_BUCKET.lookupBySender(BUDI.sender),
      LIMIT_BUCKET.lookupGlobal,
      LIMIT_BUCKET.lookupBySubject(joko),
      LIMIT_BUCKET.lookupBySender(JOKO.sender)
    ])
    expect(
      erasePersonalData(store.db, { kind: 'sender', value: BUDI.sender }).identity_limit_events
    ).toBe(1)
    expect(buckets()).toEqual([
      LIMIT_BUCKET.lookupGlobal,
      LIMIT_BUCKET.lookupBySubject(joko),
      LIMIT_BUCKET.lookupBySender(JOKO.sender)
    ])
  })
})

describe('erase: the staff console takeovers (migration 6)', () => {
  it("When erasing by sender id, then the takeovers of that chat are deleted and another chat's stay", () => {
    const store = openStore(':memory:', fixedClock('2026-09-01T03:00:00Z'))
    try {
      seedReset(store, BUDI)
      seedReset(store, JOKO)
      const db = store.db
      db.prepare(
        "INSERT INTO staff_accounts (username, role, password_hash, created_at, password_changed_at) VALUES ('rina', 'petugas', 'x', '2026-09-01T03:00:00Z', '2026-09-01T03:00:00Z')"
      ).run()
      const takeover = db.prepare(
        "INSERT INTO takeovers (ticket_id, sender_id, staff_id, staff_username, started_at, last_activity_at) SELECT id, sender_id, 1, 'rina', '2026-09-01T03:00:00Z', '2026-09-01T03:00:00Z' FROM tickets WHERE sender_id = ?"
      )
      takeover.run(BUDI.sender)
      takeover.run(JOKO.sender)

      const removed = erasePersonalData(db, { kind: 'sender', value: BUDI.sender })

      expect(removed.takeovers).toBe(1)
      expect(db.prepare('SELECT sender_id FROM takeovers').pluck().all()).toEqual([JOKO.sender])
    } finally {
      store.close()
    }
  })
})
