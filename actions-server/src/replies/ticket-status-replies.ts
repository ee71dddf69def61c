import type { TicketStatus } from '@helpdesk/core'

/** What `action_cek_status_tiket` says (the status of a ticket, asked from its own chat). */
export const TICKET_STATUS_TEXT = {
  status: {
    baru: 'baru diterima dan menunggu petugas',
    ditangani: 'sedang ditangani petugas',
    menunggu_pengguna: 'menunggu tanggapan dari Anda',
    selesai: 'selesai',
    ditutup: 'ditutup'
  } satisfies Record<TicketStatus, string>,
  found: (number: string, status: string, openedOn: string): string =>
    `Status tiket ${number}: ${status}.\nTiket ini dibuat pada ${openedOn}.`,
  lastNote: (at: string, body: string): string =>
    `Catatan terakhir dari petugas untuk Anda (${at}):\n${body}`,
  noNoteYet: 'Belum ada catatan dari petugas untuk Anda.',
  waitingForUser: 'Petugas menunggu tanggapan Anda; silakan balas sesuai catatan di atas.',
  /** The same answer for a number that does not exist and for another chat's ticket. */
  notFound: (number: string): string =>
    `Tiket ${number} tidak kami temukan untuk chat ini. Mohon periksa kembali nomornya. Status tiket hanya dapat dicek dari chat yang dipakai saat tiket dibuat.`,
  chooseOwn:
    'Tiket mana yang ingin Anda cek? Pilih salah satu tiket dari chat ini, atau kirim nomornya, misalnya: status tiket TIK-20261129-0001.',
  askNumber:
    'Kami belum menemukan tiket yang dibuat dari chat ini. Jika Anda punya nomor tiket, kirim seperti ini: status tiket TIK-20261129-0001.',
  button: (number: string, status: string): string => `${number} (${status})`
} as const

/** The status in words; a value this version does not know is shown as stored. */
export const ticketStatusWords = (status: string): string =>
  (TICKET_STATUS_TEXT.status as Record<string, string>)[status] ?? status
