/** Everything the gateway itself says to users (Indonesian). Rasa owns all other wording. */
export const MESSAGES = {
  rasaUnavailable:
    'Mohon maaf, layanan helpdesk sedang sibuk atau tidak dapat dihubungi saat ini. ' +
    'Silakan coba lagi beberapa saat lagi.',
  emptyReply:
    'Mohon maaf, saya belum dapat menjawab pesan Anda saat ini. ' +
    'Silakan coba lagi beberapa saat lagi atau ketik /help.',
  unsupported:
    'Mohon maaf, saat ini saya hanya dapat membaca pesan teks (dan lokasi). ' +
    'Silakan ketik pertanyaan Anda atau pilih tombol yang tersedia.',
  resetDone: 'Percakapan sudah dimulai ulang. Silakan ketik pertanyaan Anda atau ketik /start.',
  // Also the answer to a callback_data the gateway never issued (forged): say nothing more.
  buttonExpired:
    'Mohon maaf, tombol ini sudah tidak berlaku. Silakan ketik pertanyaan Anda atau kirim /start untuk melihat menu.',
  internalError: 'Mohon maaf, terjadi kendala saat memproses pesan Anda. Silakan coba lagi.',
  attachmentLabel: 'Lampiran'
} as const
