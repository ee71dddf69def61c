import { staffSignature } from '../transcript/conversation-signals'

/** What the user reads in their chat when staff take over and hand back (natural Indonesian). */
export const TAKEOVER_TEXT = {
  started: (staff: string, ticket: string): string =>
    `Halo, saya ${staff}, petugas helpdesk. Mulai sekarang saya yang membantu Anda langsung di obrolan ini (tiket ${ticket}). Silakan tulis pertanyaan Anda.`,
  reply: (staff: string, text: string): string => `${staffSignature(staff)}${text}`,
  handedBack: (ticket: string): string =>
    `Percakapan dengan petugas sudah selesai dan Anda kembali dilayani bot helpdesk. Tiket ${ticket} tetap tercatat. Masih ada yang bisa kami bantu? Silakan ketik pesan Anda.`,
  idle: (ticket: string, minutes: number): string =>
    `Petugas belum membalas selama ${minutes} menit, jadi percakapan ini kami kembalikan ke bot helpdesk. Tiket ${ticket} tetap kami tangani dan petugas akan menghubungi Anda kembali.`,
  outsideHours: (when: string): string =>
    `Saat ini di luar jam layanan petugas (Senin–Jumat 08.00–16.00 WIB). Petugas akan menjawab mulai ${when}.`
}
