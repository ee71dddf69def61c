/**
 * Times people read, in the agency's local time (WIB, UTC+7, the zone the rest of the product
 * uses: ticket dates, office hours in the knowledge base) and Indonesian format.
 */
const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember'
]
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000

/**
 * "1 Desember 2026 pukul 06.13 WIB" for a timestamp such as an API's `2026-11-30T23:13:36.293Z`.
 * A value that is not a timestamp is returned as it came (better shown raw than dropped).
 */
export function formatWibDateTime(timestamp: string): string {
  const ms = Date.parse(timestamp)
  if (Number.isNaN(ms)) return timestamp
  const wib = new Date(ms + WIB_OFFSET_MS)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()] ?? ''} ${wib.getUTCFullYear()} pukul ${two(wib.getUTCHours())}.${two(wib.getUTCMinutes())} WIB`
}
