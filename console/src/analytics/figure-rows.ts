/**
 * The dashboard's summary as rows (key, Indonesian label, value, unit): the page's table and the
 * CSV export are both rendered from these rows, so the two always agree.
 */
import type { CountRow, DashboardFigures } from './dashboard-figures'

export type Unit = 'jumlah' | 'persen' | 'detik' | 'jam' | 'skor'

export interface FigureRow {
  key: string
  label: string
  value: number | undefined
  unit: Unit
}

export function summaryRows(f: DashboardFigures): FigureRow[] {
  const days = f.perDay.length
  const pct = (v: number | undefined): number | undefined => (v === undefined ? undefined : v * 100)
  const sec = (ms: number | undefined): number | undefined =>
    ms === undefined ? undefined : ms / 1000
  return [
    { key: 'pertanyaan', label: 'Pertanyaan (pesan pengguna)', value: f.questions, unit: 'jumlah' },
    {
      key: 'pertanyaan_per_hari',
      label: 'Rata-rata pertanyaan per hari',
      value: days === 0 ? undefined : f.questions / days,
      unit: 'jumlah'
    },
    { key: 'pengguna', label: 'Pengguna berbeda', value: f.distinctUsers, unit: 'jumlah' },
    { key: 'percakapan', label: 'Percakapan (sesi)', value: f.conversations, unit: 'jumlah' },
    {
      key: 'tingkat_tuntas_bot',
      label: 'Tuntas tanpa petugas (containment)',
      value: pct(f.containmentRate),
      unit: 'persen'
    },
    {
      key: 'tingkat_tidak_dipahami',
      label: 'Pesan tidak dipahami (fallback)',
      value: pct(f.fallbackRate),
      unit: 'persen'
    },
    {
      key: 'tingkat_minta_petugas',
      label: 'Diserahkan ke petugas (handoff)',
      value: pct(f.handoffRate),
      unit: 'persen'
    },
    {
      key: 'tingkat_ambil_alih',
      label: 'Diambil alih petugas (takeover)',
      value: pct(f.takeoverRate),
      unit: 'persen'
    },
    {
      key: 'waktu_respons_p50',
      label: 'Waktu respons bot, median (p50)',
      value: sec(f.responseP50Ms),
      unit: 'detik'
    },
    {
      key: 'waktu_respons_p95',
      label: 'Waktu respons bot, p95',
      value: sec(f.responseP95Ms),
      unit: 'detik'
    },
    {
      key: 'respons_di_bawah_1_menit',
      label: 'Dijawab dalam kurang dari 1 menit',
      value: pct(f.responseWithinMinute),
      unit: 'persen'
    },
    {
      key: 'giliran_diukur',
      label: 'Giliran yang diukur waktunya',
      value: f.responseTurns,
      unit: 'jumlah'
    },
    { key: 'tiket_dibuka', label: 'Tiket dibuka', value: f.ticketsOpened, unit: 'jumlah' },
    { key: 'tiket_selesai', label: 'Tiket selesai', value: f.ticketsResolved, unit: 'jumlah' },
    {
      key: 'tiket_terlambat',
      label: 'Tiket melewati tenggat SLA',
      value: f.ticketsOverdue,
      unit: 'jumlah'
    },
    {
      key: 'waktu_penyelesaian_median',
      label: 'Waktu penyelesaian tiket, median',
      value: f.resolutionMedianHours,
      unit: 'jam'
    },
    {
      key: 'waktu_penyelesaian_rata_rata',
      label: 'Waktu penyelesaian tiket, rata-rata',
      value: f.resolutionAverageHours,
      unit: 'jam'
    },
    {
      key: 'kepuasan_rata_rata',
      label: 'Kepuasan, rata-rata (1–5)',
      value: f.satisfactionAverage,
      unit: 'skor'
    },
    {
      key: 'kepuasan_puas',
      label: 'Kepuasan, nilai 4–5',
      value: pct(f.satisfactionShareHigh),
      unit: 'persen'
    },
    {
      key: 'kepuasan_jumlah',
      label: 'Penilaian kepuasan diterima',
      value: f.satisfactionCount,
      unit: 'jumlah'
    }
  ]
}

/** Decimals each unit is shown with (page and CSV alike). */
const DECIMALS: Record<Unit, number> = { jumlah: 0, persen: 1, detik: 1, jam: 1, skor: 2 }

/** The value as the CSV carries it: dot decimals, fixed places; '' when undefined. */
export function csvValue(row: Pick<FigureRow, 'value' | 'unit'>): string {
  if (row.value === undefined) return ''
  const places = row.unit === 'jumlah' && !Number.isInteger(row.value) ? 1 : DECIMALS[row.unit]
  return row.value.toFixed(places)
}

const SUFFIX: Record<Unit, string> = {
  jumlah: '',
  persen: '%',
  detik: ' detik',
  jam: ' jam',
  skor: ''
}

/** The value as the page shows it: Indonesian digits ("1.234", "85,0%"); "–" when undefined. */
export function displayValue(row: Pick<FigureRow, 'value' | 'unit'>): string {
  if (row.value === undefined) return '–'
  const places = row.unit === 'jumlah' && !Number.isInteger(row.value) ? 1 : DECIMALS[row.unit]
  const number = new Intl.NumberFormat('id-ID', {
    minimumFractionDigits: places,
    maximumFractionDigits: places
  }).format(row.value)
  return `${number}${SUFFIX[row.unit]}`
}

/** Indonesian names of the intents the dashboard ranks (unknown ones are shown as they are). */
export const INTENT_LABEL: Readonly<Record<string, string>> = {
  greet: 'Salam',
  goodbye: 'Pamit',
  affirm: 'Ya',
  deny: 'Tidak',
  thanks: 'Terima kasih',
  bot_challenge: 'Tanya apakah bot',
  help: 'Bantuan',
  out_of_scope: 'Di luar layanan',
  lupa_password: 'Lupa password',
  lupa_email: 'Lupa e-mail',
  daftar_tte: 'Daftar TTE',
  cek_status_tte: 'Cek status TTE',
  minta_petugas: 'Minta petugas',
  inform: 'Memberi data',
  beri_nilai: 'Memberi nilai kepuasan',
  nlu_fallback: 'Tidak dipahami'
}

/** Services: password resets by system, e-mail, TTE. */
export function serviceLabel(key: string): string {
  if (key === 'tte') return 'TTE'
  if (key === 'email') return 'E-mail (lupa alamat)'
  if (key === 'password') return 'Reset password'
  if (key.startsWith('password:')) return `Reset password ${key.slice('password:'.length)}`
  return key
}

export const intentLabel = (key: string): string =>
  key === '' ? '(tanpa intent)' : (INTENT_LABEL[key] ?? key)

/** CSV rows of the whole dashboard: section, key, label, value. */
export function csvRows(f: DashboardFigures): string[][] {
  const counts = (section: string, rows: CountRow[], label: (k: string) => string): string[][] =>
    rows.map((r) => [section, r.key, label(r.key), String(r.count)])
  return [
    ['bagian', 'kunci', 'keterangan', 'nilai'],
    ['periode', 'dari', 'Tanggal awal', f.period.from],
    ['periode', 'sampai', 'Tanggal akhir', f.period.to],
    ...summaryRows(f).map((r) => ['ringkasan', r.key, r.label, csvValue(r)]),
    ...counts('per_hari', f.perDay, (k) => k),
    ...counts('per_jam', f.perHour, (k) => `${k}.00 WIB`),
    ...counts('intent', f.topIntents, intentLabel),
    ...counts('layanan', f.topServices, serviceLabel)
  ]
}
