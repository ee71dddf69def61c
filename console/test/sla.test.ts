import { addWorkingHours, isWorkingTime, slaHours, type SlaPolicy } from '../src/data/sla'
import { DEFAULT_KNOWLEDGE_FILE, loadSla } from '../src/data-files'

const policy: SlaPolicy = {
  calendar: { days: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 16 * 60 },
  categoryHours: { handoff: 8 },
  systemHours: { email_dinas: 4 }
}
const wib = (local: string): Date => new Date(`${local}+07:00`)

describe('SLA in working hours (Monday–Friday 08.00–16.00 WIB)', () => {
  it('when a ticket arrives on a weekday morning, then 4 working hours end the same afternoon', () => {
    expect(addWorkingHours(wib('2026-06-17T09:00:00'), 4, policy.calendar)).toEqual(
      wib('2026-06-17T13:00:00')
    )
  })

  it('when the hours run past closing time, then they continue the next working morning', () => {
    expect(addWorkingHours(wib('2026-06-17T14:00:00'), 4, policy.calendar)).toEqual(
      wib('2026-06-18T10:00:00')
    )
  })

  it('when a ticket arrives on Friday evening, then the clock starts on Monday at 08.00', () => {
    expect(addWorkingHours(wib('2026-06-19T20:00:00'), 8, policy.calendar)).toEqual(
      wib('2026-06-22T16:00:00')
    )
  })

  it('when a ticket arrives before opening, then the clock starts at opening', () => {
    expect(addWorkingHours(wib('2026-06-17T06:30:00'), 1, policy.calendar)).toEqual(
      wib('2026-06-17T09:00:00')
    )
  })

  it('takes the system SLA for a reset of that system, else the category SLA, else 24 hours', () => {
    expect(slaHours(policy, 'reset_password', { sistem: 'email_dinas' })).toBe(4)
    expect(slaHours(policy, 'handoff', {})).toBe(8)
    expect(slaHours(policy, 'tte', {})).toBe(24)
  })
})

describe('SLA from the knowledge base', () => {
  it('reads office hours, category hours and the per-system hours of the shipped example', () => {
    const sla = loadSla(DEFAULT_KNOWLEDGE_FILE)
    expect(sla.calendar).toEqual({ days: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 960 })
    expect(slaHours(sla, 'reset_password', { sistem: 'email_dinas' })).toBe(4)
    expect(slaHours(sla, 'reset_password', { sistem: 'simasn' })).toBe(8)
    expect(slaHours(sla, 'tte', {})).toBe(16)
  })
})

describe('office hours now (the takeover hand-back says when staff answer only outside them)', () => {
  const at = (local: string): boolean => isWorkingTime(new Date(`${local}+07:00`), policy.calendar)
  it('when it is a weekday between 08.00 and 16.00 WIB, at any second, then it is office time', () => {
    expect(at('2026-11-30T08:00:00.000')).toBe(true)
    expect(at('2026-11-30T08:35:42.517')).toBe(true)
    expect(at('2026-11-30T15:59:59.999')).toBe(true)
  })
  it('when it is before 08.00, from 16.00, or a weekend, then it is not', () => {
    expect(at('2026-11-30T07:59:59.999')).toBe(false)
    expect(at('2026-11-30T16:00:00.000')).toBe(false)
    expect(at('2026-11-28T10:00:00.000')).toBe(false)
    expect(at('2026-11-29T10:00:00.000')).toBe(false)
  })
})
