/**
 * The wording module: each typed outcome gives the Indonesian sentence users read. Expected texts
 * are written out in full here (not built with the module's own helpers), so a changed word fails.
 */
import { findSystem, loadKnowledge, type SystemEntry, type TteRequest } from '@helpdesk/core'
import { EXAMPLE_KNOWLEDGE_FILE } from '../../src/paths'
import {
  confirmationDeclinedReply,
  deadlinePassedReply,
  fallbackReply,
  handoffReply,
  identityRejectedReply,
  identityUnconfirmedReply,
  lookupLimitedReply,
  offerHumanReply,
  ownerNoticeText,
  privateChatOnlyReply,
  ratingReply,
  resetPasswordReply,
  resetWhatsAppText,
  serviceName,
  ticketNumberIsNotIdentityReply,
  ticketSummary,
  tteRegistrationReply,
  tteStatusReply
} from '../../src/replies'

const knowledge = loadKnowledge(EXAMPLE_KNOWLEDGE_FILE)
const contact = { knowledge, helpdeskWhatsapp: '6285600000099' }
const HOURS = ' Jam layanan petugas: Senin–Jumat pukul 08.00–16.00 WIB.'
const HELPDESK = 'Helpdesk TIK Dinas Komunikasi dan Informatika Kabupaten Contoh'
const TICKET = 'TIK-20260615-0001'
const helpdeskButton = {
  title: 'Chat petugas di WhatsApp',
  url: `https://wa.me/6285600000099?text=${encodeURIComponent(`Halo ${HELPDESK}, saya ingin melanjutkan permintaan dengan nomor tiket ${TICKET}.`)}`
}

function system(id: string): SystemEntry {
  const found = findSystem(knowledge, id)
  if (found === undefined) throw new Error(`no system ${id} in the example knowledge base`)
  return found
}
const email = system('email_dinas')
const srikandi = system('srikandi')

describe('reset password replies', () => {
  const delivery = { system: email, ticketNumber: TICKET, destination: '0856****0001' }

  test('When the system is unknown, then the user is asked to start again and choose it', () => {
    expect(resetPasswordReply(contact, { kind: 'unknown_system' })).toEqual({
      text: 'Maaf, sistemnya belum kami ketahui. Silakan ulangi permintaan lupa password dan pilih sistemnya.'
    })
  })

  test('When the route is panduan, then the numbered steps, the contact link and two buttons are given', () => {
    const simasn = system('simasn')
    const reply = resetPasswordReply(contact, { kind: 'guide', system: simasn })
    expect(reply.text).toMatch(
      /^Cara mengatur ulang password SIMASN:\n1\. Buka https:\/\/simasn\.example\.go\.id .*\n2\. /
    )
    expect(reply.text).toContain(
      '\n\nJika masih terkendala, hubungi BKPSDM Kabupaten Contoh di WhatsApp: https://wa.me/6285600000091?text='
    )
    expect(reply.buttons?.map((b) => b.title)).toEqual([
      'Buka SIMASN',
      'WhatsApp BKPSDM Kabupaten Contoh'
    ])
  })

  test('When the route is petugas, then the bulleted steps, the ticket and the contact button are given', () => {
    const reply = resetPasswordReply(contact, {
      kind: 'forwarded_to_contact',
      system: srikandi,
      ticketNumber: TICKET
    })
    expect(reply.text).toBe(
      '• Akun SRIKANDI dikelola oleh admin unit kearsipan; password hanya dapat diatur ulang oleh admin.\n' +
        '• Kami buatkan tiket agar admin SRIKANDI menghubungi Anda.\n\n' +
        `Permintaan reset password SRIKANDI sudah kami teruskan ke Admin SRIKANDI Dinas Perpustakaan dan Kearsipan dengan nomor tiket ${TICKET}.${HOURS}`
    )
    expect(reply.buttons).toEqual([
      {
        title: 'WhatsApp Admin SRIKANDI Dinas Perpustakaan dan Kearsipan',
        url: `https://wa.me/6285600000092?text=${encodeURIComponent(`Halo Admin SRIKANDI Dinas Perpustakaan dan Kearsipan, saya ingin melanjutkan permintaan reset password SRIKANDI dengan nomor tiket ${TICKET}.`)}`
      }
    ])
  })

  test('When a reset for the same NIP and system is repeated, then the earlier ticket and its time in WIB are named', () => {
    expect(
      resetPasswordReply(contact, {
        kind: 'repeat_refused',
        system: email,
        ticketNumber: TICKET,
        requestedAt: '2026-06-15T03:05:00.000Z',
        repeatWindowMs: 30 * 60 * 1000
      })
    ).toEqual({
      text: `Permintaan reset password E-mail dinas untuk NIP ini sudah kami terima pukul 10.05 WIB dengan nomor tiket ${TICKET}, dan permintaan itu tetap berlaku, jadi tidak kami ulangi. Mohon tunggu; bila dalam 30 menit belum ada kabar, hubungi petugas dengan nomor tiket tersebut.`,
      buttons: [helpdeskButton]
    })
  })

  test('When the daily limit is reached, then the limit is named and the helpdesk button carries no ticket', () => {
    expect(
      resetPasswordReply(contact, { kind: 'daily_limit_reached', system: email, perDay: 3 })
    ).toEqual({
      text: `Demi keamanan akun, permintaan reset password untuk NIP ini sudah mencapai batas 3 kali dalam 24 jam, jadi permintaan E-mail dinas kali ini tidak kami proses. Silakan hubungi petugas.${HOURS}`,
      buttons: [
        {
          title: 'Chat petugas di WhatsApp',
          url: `https://wa.me/6285600000099?text=${encodeURIComponent(`Halo ${HELPDESK}, saya perlu bantuan reset password E-mail dinas.`)}`
        }
      ]
    })
  })

  test('When the employee record cannot be read, then the ticket goes to staff', () => {
    expect(
      resetPasswordReply(contact, {
        kind: 'employee_record_unavailable',
        system: email,
        ticketNumber: TICKET
      })
    ).toEqual({
      text: `Maaf, data kepegawaian Anda sedang tidak dapat kami ambil. Permintaan reset password E-mail dinas sudah kami catat dengan nomor tiket ${TICKET}; petugas akan memprosesnya.${HOURS}`,
      buttons: [helpdeskButton]
    })
  })

  test('When staff will send the password, then the masked number on file is named and no password is asked', () => {
    expect(resetPasswordReply(contact, { kind: 'staff_will_send', ...delivery }).text).toBe(
      `Permintaan reset password E-mail dinas sudah kami catat dengan nomor tiket ${TICKET}. Petugas akan mengirim password sementara lewat WhatsApp ke nomor yang tercatat di data kepegawaian Anda, yaitu nomor 0856****0001.${HOURS} Kami tidak pernah meminta password Anda lewat chat.`
    )
  })

  test('When the WhatsApp message failed, then the user is told and the ticket goes to staff', () => {
    expect(resetPasswordReply(contact, { kind: 'whatsapp_failed', ...delivery })).toEqual({
      text: `Maaf, pesan WhatsApp ke nomor 0856****0001 gagal terkirim. Permintaan Anda sudah kami teruskan ke petugas dengan nomor tiket ${TICKET}.${HOURS}`,
      buttons: [helpdeskButton]
    })
  })

  test('When the send is unconfirmed, then the user is told it is not resent automatically', () => {
    expect(
      resetPasswordReply(contact, {
        kind: 'whatsapp_unconfirmed',
        secret: 'temporary_password',
        ...delivery
      }).text
    ).toBe(
      `Password sementara E-mail dinas sudah kami kirim lewat WhatsApp ke nomor 0856****0001, tetapi WhatsApp belum memberi konfirmasi. Jika dalam beberapa menit pesannya belum masuk, hubungi petugas dengan nomor tiket ${TICKET}; pesan tidak kami kirim ulang otomatis agar tidak terkirim dua kali.${HOURS}`
    )
  })

  test('When WhatsApp cannot be reached, then the link is promised as soon as it can', () => {
    expect(
      resetPasswordReply(contact, { kind: 'whatsapp_delayed', secret: 'link', ...delivery }).text
    ).toBe(
      `Tautan untuk membuat password baru E-mail dinas belum dapat kami kirim karena WhatsApp sedang tidak dapat dihubungi. Pesan akan kami kirim otomatis ke nomor 0856****0001, yaitu nomor yang tercatat di data kepegawaian Anda, segera setelah WhatsApp dapat dihubungi kembali. Anda tidak perlu mengulang permintaan. Nomor tiket: ${TICKET}.`
    )
  })

  test('When the message was sent, then the chat names the masked number and has no button', () => {
    expect(
      resetPasswordReply(contact, {
        kind: 'whatsapp_sent',
        secret: 'temporary_password',
        ...delivery
      })
    ).toEqual({
      text: `Password sementara E-mail dinas sudah kami kirim lewat WhatsApp ke nomor 0856****0001, yaitu nomor yang tercatat di data kepegawaian Anda. Segera ganti password setelah masuk. Nomor tiket: ${TICKET}.`
    })
  })
})

describe('identity replies', () => {
  test('When a number breaks a rule, then the core reason is said; after the last attempt a human is announced', () => {
    const invalid = { kind: 'invalid', message: 'NIP harus 18 digit.' } as const
    expect(identityRejectedReply(invalid, { count: 1, exhausted: false })).toEqual({
      text: 'NIP harus 18 digit.'
    })
    expect(identityRejectedReply(invalid, { count: 3, exhausted: true })).toEqual({
      text: 'NIP harus 18 digit.\n\nAnda sudah 3 kali mencoba, jadi pemeriksaan melalui chat ini kami hentikan dan kami sambungkan ke petugas.'
    })
  })

  test('When a number is not in the directory, then the sentence names its kind', () => {
    const notFound = (identityKind: 'nip' | 'pppk' | 'nik'): string =>
      identityRejectedReply({ kind: 'not_found', identityKind }, { count: 1, exhausted: false })
        .text
    expect(notFound('nip')).toBe(
      'NIP tersebut tidak ditemukan di data kepegawaian kami. Mohon periksa kembali.'
    )
    expect(notFound('pppk')).toBe(
      'NI PPPK tersebut tidak ditemukan di data kepegawaian kami. Mohon periksa kembali.'
    )
    expect(notFound('nik')).toBe(
      'NIK tersebut tidak ditemukan di data kepegawaian kami. Mohon periksa kembali, atau kirim NIP 18 digit Anda.'
    )
  })

  test('When the user answers "Tidak" at the confirmation, then the data is dropped or a human announced', () => {
    expect(confirmationDeclinedReply({ count: 1, exhausted: false }).text).toBe(
      'Baik, data tersebut tidak kami pakai.'
    )
    expect(confirmationDeclinedReply({ count: 3, exhausted: true }).text).toBe(
      'Baik. Karena data belum sesuai setelah 3 kali percobaan, kami sambungkan ke petugas.'
    )
  })

  test('When a lookup limit is reached, then each limit has its own sentence and the chat limit names its number', () => {
    expect(lookupLimitedReply('sender', { lookupsPerHour: 5 }).text).toBe(
      'Demi keamanan data pegawai, pemeriksaan NIP/NIK dari satu akun dibatasi 5 kali per jam, dan batas itu sudah tercapai. Silakan coba lagi nanti, atau kami sambungkan ke petugas.'
    )
    expect(lookupLimitedReply('subject', { lookupsPerHour: 5 }).text).toBe(
      'Demi keamanan data pegawai, NIP/NIK tersebut sudah terlalu sering diperiksa hari ini sehingga pemeriksaannya kami hentikan sementara. Silakan coba lagi besok, atau kami sambungkan ke petugas.'
    )
    expect(lookupLimitedReply('global', { lookupsPerHour: 5 }).text).toBe(
      'Pemeriksaan NIP/NIK sedang sangat ramai sehingga untuk sementara kami batasi. Silakan coba beberapa menit lagi, atau kami sambungkan ke petugas.'
    )
  })

  test('When the identity failed or was limited, then the human offer names the service and the ticket', () => {
    const flow = { kind: 'reset_password', systemName: 'E-mail dinas' } as const
    expect(offerHumanReply(contact, { status: 'gagal', flow, ticketNumber: TICKET })).toEqual({
      text: `Kami belum dapat memverifikasi identitas Anda melalui chat ini. Permintaan reset password E-mail dinas Anda sudah kami catat dengan nomor tiket ${TICKET}; petugas akan membantu. Tekan tombol di bawah untuk chat dengan petugas di WhatsApp.${HOURS}`,
      buttons: [helpdeskButton]
    })
    expect(
      offerHumanReply(contact, {
        status: 'dibatasi',
        flow: { kind: 'cek_status_tte' },
        ticketNumber: TICKET
      }).text
    ).toMatch(
      /^Untuk sementara kami tidak dapat memeriksa NIP\/NIK melalui chat ini\. Permintaan cek status TTE Anda /
    )
  })

  test('When the identity was not confirmed, then each flow says what it cancelled', () => {
    expect(identityUnconfirmedReply({ kind: 'reset_password', systemName: 'SRIKANDI' }).text).toBe(
      'Permintaan reset password SRIKANDI kami batalkan karena identitas belum dikonfirmasi.'
    )
    expect(identityUnconfirmedReply({ kind: 'daftar_tte' }).text).toBe(
      'Pendaftaran TTE kami batalkan karena identitas belum dikonfirmasi.'
    )
    expect(identityUnconfirmedReply({ kind: 'cek_status_tte' }).text).toBe(
      'Pengecekan status TTE kami batalkan karena identitas belum dikonfirmasi.'
    )
  })

  test('When an identity flow is asked in a group, then one line asks for a private chat', () => {
    expect(privateChatOnlyReply()).toEqual({
      text: 'Demi menjaga kerahasiaan data pribadi, layanan ini hanya kami layani lewat chat pribadi. Silakan kirim pesan langsung ke bot ini, bukan di grup.'
    })
  })
})

describe('TTE replies', () => {
  const request: TteRequest = {
    ticketNumber: TICKET,
    senderId: '5550001',
    jenisIdentitas: 'nip',
    identitas: '198503152010011001',
    status: 'diajukan',
    createdAt: '2026-06-15T03:00:00.000Z'
  }
  const budi = { kind: 'employee', name: 'Budi Santoso' } as const

  test('When a registration is recorded, then the requirements, the steps and the ticket are given', () => {
    const text = tteRegistrationReply(contact, {
      kind: 'recorded',
      renewal: true,
      ticketNumber: TICKET
    }).text
    expect(text).toMatch(
      new RegExp(
        `^Permohonan perpanjangan TTE Anda sudah kami catat dengan nomor tiket ${TICKET}\\.\\n\\nPersyaratan:\\n• .*\\n\\nLangkah selanjutnya:\\n1\\. `,
        's'
      )
    )
    expect(
      text.endsWith(`Simpan nomor tiket untuk mengecek status melalui menu Cek status TTE.${HOURS}`)
    ).toBe(true)
  })

  test('When there is nothing new to register, then the status is reported instead', () => {
    expect(tteRegistrationReply(contact, { kind: 'already_active' }).text).toBe(
      'TTE Anda aktif dan dapat dipakai untuk menandatangani dokumen. Anda tidak perlu mendaftar lagi.'
    )
    expect(tteRegistrationReply(contact, { kind: 'already_requested', request }).text).toBe(
      `Permohonan TTE Anda sudah tercatat sejak 15 Juni 2026 dengan nomor tiket ${TICKET} dan sedang diproses verifikator. Silakan pantau e-mail dinas Anda.`
    )
    expect(tteRegistrationReply(contact, { kind: 'in_progress' }).text).toBe(
      'Permohonan TTE Anda sedang diproses verifikator. Silakan pantau e-mail dinas Anda.'
    )
  })

  test('When the status is checked, then names are masked and the staff decision is reported', () => {
    expect(tteStatusReply(contact, { kind: 'request_pending', holder: budi, request }).text).toBe(
      `Status TTE atas nama B*** S******: permohonan tanggal 15 Juni 2026 (tiket ${TICKET}) sedang diproses verifikator. Silakan pantau e-mail dinas Anda.`
    )
    expect(
      tteStatusReply(contact, {
        kind: 'request_approved',
        holder: { kind: 'nik', nik: '3603121503850001' },
        request: { ...request, status: 'disetujui' }
      }).text
    ).toBe(
      `Status TTE atas nama NIK 3603********0001: permohonan tanggal 15 Juni 2026 (tiket ${TICKET}) telah disetujui petugas. Sertifikat elektronik Anda sedang diterbitkan; ikuti petunjuk aktivasi yang dikirim ke e-mail dinas Anda.`
    )
    expect(
      tteStatusReply(contact, {
        kind: 'request_rejected',
        holder: budi,
        request: { ...request, status: 'ditolak', decisionReason: 'berkas belum lengkap' }
      }).text
    ).toBe(
      `Status TTE atas nama B*** S******: permohonan tanggal 15 Juni 2026 (tiket ${TICKET}) ditolak petugas. Alasan: berkas belum lengkap. Silakan lengkapi persyaratannya, lalu ajukan kembali melalui menu Daftar TTE.`
    )
    expect(
      tteStatusReply(contact, { kind: 'directory_status', holder: budi, status: 'kedaluwarsa' })
        .text
    ).toBe(
      'Status TTE atas nama B*** S******: kedaluwarsa. Ajukan perpanjangan melalui verifikator TTE Diskominfo.'
    )
    expect(tteStatusReply(contact, { kind: 'no_request', holder: budi }).text).toBe(
      'Belum ada permohonan TTE untuk B*** S******. Anda dapat mendaftar melalui menu Daftar TTE.'
    )
    expect(tteStatusReply(contact, { kind: 'directory_unavailable' }).text).toBe(
      'Maaf, data kepegawaian sedang tidak dapat kami akses. Silakan coba beberapa saat lagi.'
    )
    expect(tteStatusReply(contact, { kind: 'no_identity' }).text).toBe(
      'Maaf, NIP/NIK belum kami terima, jadi status TTE belum bisa kami cek.'
    )
  })
})

describe('conversation replies', () => {
  test('When the bot did not understand twice, then a human is offered with a button', () => {
    expect(fallbackReply(1)).toEqual({
      text: 'Maaf, saya belum memahami. Coba ulangi pertanyaannya.'
    })
    expect(fallbackReply(2)).toEqual({
      text: 'Maaf, saya belum memahami. Coba ulangi pertanyaannya dengan kalimat lain, atau bicara langsung dengan petugas kami.',
      buttons: [{ title: 'Hubungi petugas', payload: '/minta_petugas' }]
    })
  })

  test('When a user asks for staff, then the ticket and the wa.me button are given', () => {
    expect(handoffReply(contact, TICKET)).toEqual({
      text: `Baik, permintaan Anda sudah kami teruskan ke petugas ${HELPDESK} dengan nomor tiket ${TICKET}. Tekan tombol di bawah untuk chat dengan petugas di WhatsApp; nomor tiket sudah tertulis di pesannya.${HOURS}`,
      buttons: [helpdeskButton]
    })
  })

  test('When an action runs past its deadline, then validations ask again and actions say the service is slow', () => {
    expect(deadlinePassedReply('validation').text).toBe(
      'Maaf, pemeriksaan data sedang lambat. Silakan kirim jawaban Anda sekali lagi sebentar lagi.'
    )
    expect(deadlinePassedReply('action').text).toBe(
      'Maaf, layanan kami sedang lambat sehingga permintaan Anda belum selesai kami proses saat ini. Bila permintaan reset password sudah tercatat, permintaan itu tetap berlaku dan mengulanginya tidak akan membuat reset kedua. Ketik "hubungi petugas" bila perlu bantuan.'
    )
  })
})

describe('WhatsApp texts, service names and ticket summaries', () => {
  test('When the reset API gives a temporary password, then only the WhatsApp text holds it', () => {
    expect(
      resetWhatsAppText(contact, {
        system: email,
        outcome: { kind: 'temporary_password', password: 'Sementara-123' },
        ticketNumber: TICKET,
        fullName: 'Budi Santoso'
      })
    ).toEqual({
      text: `${HELPDESK}\nHalo Budi,\nPassword sementara E-mail dinas Anda: Sementara-123\nMasuk di https://mail.example.go.id lalu segera ganti password. Jangan bagikan password kepada siapa pun, termasuk petugas.\nNomor tiket: ${TICKET}\nJika Anda tidak meminta reset password, abaikan pesan ini dan hubungi helpdesk.`,
      templateParameters: ['E-mail dinas', 'Password sementara: Sementara-123', TICKET],
      containsSecret: true
    })
  })

  test('When the owner of a number is told of a request, then the notice names the service, the ticket and the helpdesk', () => {
    expect(
      ownerNoticeText(contact, {
        service: serviceName({ kind: 'daftar_tte', renewal: true }),
        fullName: '  ',
        identityLabel: 'NIK',
        ticketNumber: TICKET
      })
    ).toEqual({
      text: `${HELPDESK}\nHalo Bapak/Ibu, ada permintaan perpanjangan TTE atas NIK Anda melalui chat helpdesk (tiket ${TICKET}). Jika bukan Anda yang meminta, hubungi helpdesk di WhatsApp wa.me/6285600000099.`,
      templateParameters: [
        'perpanjangan TTE',
        'Ada permintaan atas NIK Anda melalui chat helpdesk. Jika bukan Anda yang meminta, hubungi helpdesk di WhatsApp wa.me/6285600000099.',
        TICKET
      ]
    })
  })

  test('When a ticket is opened, then staff read a summary naming what was asked', () => {
    expect(ticketSummary({ kind: 'handoff' })).toBe('Pengguna meminta bicara dengan petugas')
    expect(
      ticketSummary({ kind: 'identity_failed', service: 'cek status TTE', status: 'dibatasi' })
    ).toBe('cek status TTE: identitas tidak terverifikasi (dibatasi)')
    expect(
      ticketSummary({ kind: 'reset_over_whatsapp', systemName: 'E-mail dinas', automatic: false })
    ).toBe('Reset password E-mail dinas (dikerjakan petugas)')
    expect(ticketSummary({ kind: 'tte', renewal: false })).toBe('Pendaftaran TTE')
  })

  test('When a satisfaction rating arrives, then each outcome gets its own answer', () => {
    expect(ratingReply({ kind: 'unreadable' }).text).toBe(
      'Maaf, nilai yang bisa diberikan adalah angka 1 sampai 5. Silakan pilih salah satu tombol penilaian.'
    )
    expect(ratingReply({ kind: 'no_survey' }).text).toBe(
      'Terima kasih. Saat ini tidak ada penilaian yang perlu Anda isi. Ada yang bisa kami bantu?'
    )
    expect(ratingReply({ kind: 'already_rated', rating: 4 }).text).toBe(
      'Penilaian Anda (4 - Puas) sudah kami terima sebelumnya. Terima kasih!'
    )
    expect(ratingReply({ kind: 'recorded', commentWanted: false }).text).toBe(
      'Terima kasih atas penilaian Anda! Kami senang bisa membantu.'
    )
    expect(ratingReply({ kind: 'recorded', commentWanted: true }).text).toBe(
      'Terima kasih atas penilaian Anda.'
    )
  })

  test('When a ticket number is sent where the NIP/NIK was asked, then the user is told it is not an identity', () => {
    expect(ticketNumberIsNotIdentityReply().text).toBe(
      'Itu nomor tiket, bukan NIP/NIK, jadi tidak kami pakai sebagai identitas. Untuk mengecek tiket, ketik: status tiket, lalu nomornya.'
    )
  })
})
