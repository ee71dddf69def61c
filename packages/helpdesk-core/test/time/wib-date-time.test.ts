/** Times shown to people are WIB in Indonesian format, never a raw UTC timestamp. */
import { formatWibDateTime } from '../../src/time/calendar'

describe('formatWibDateTime', () => {
  test('When a UTC timestamp is late in the evening, then the WIB date is the next day', () => {
    expect(formatWibDateTime('2026-11-30T16:13:36.293Z')).toBe('30 November 2026 pukul 23.13 WIB')
    expect(formatWibDateTime('2026-11-30T23:05:00Z')).toBe('1 Desember 2026 pukul 06.05 WIB')
  })

  test('When the timestamp carries its own offset, then it is converted to WIB', () => {
    expect(formatWibDateTime('2030-01-01T00:00:00+07:00')).toBe('1 Januari 2030 pukul 00.00 WIB')
  })

  test('When the value is not a timestamp, then it is shown as given', () => {
    expect(formatWibDateTime('besok siang')).toBe('besok siang')
  })
})
