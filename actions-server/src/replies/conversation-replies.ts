import { findSystem, numbered, type KnowledgeBase } from '@helpdesk/core'
import type { Button } from '../sdk'
import { helpdeskButton, officeHours, type HelpdeskContact, type Reply } from './reply'
import { urlButton } from './wa-link'

/** The service menu under the greeting (payloads are Rasa intents). */
export const SERVICE_BUTTONS: Button[] = [
  { title: 'Lupa password', payload: '/lupa_password' },
  { title: 'Lupa akun e-mail', payload: '/lupa_email' },
  { title: 'Daftar TTE', payload: '/daftar_tte' },
  { title: 'Cek status TTE', payload: '/cek_status_tte' },
  { title: 'Hubungi petugas', payload: '/minta_petugas' }
]

/** The personal-data notice shown on /start (staff edit it in the knowledge base). */
export function privacyNoticeReply(knowledge: KnowledgeBase): Reply {
  return { text: knowledge.teks.pemberitahuan_privasi }
}

export function greetingReply(knowledge: KnowledgeBase): Reply {
  return {
    text: `Halo! Saya asisten virtual ${knowledge.helpdesk.nama}. Apa yang bisa kami bantu? Silakan pilih layanan di bawah ini atau ketik pertanyaan Anda.`,
    buttons: SERVICE_BUTTONS
  }
}

/** "Which password?" with one button per knowledge-base system. */
export function askSystemReply(knowledge: KnowledgeBase): Reply {
  return {
    text: 'Password apa yang Anda maksud? Silakan pilih sistemnya.',
    buttons: knowledge.sistem.map((system) => ({
      title: system.nama,
      payload: `/inform${JSON.stringify({ sistem: system.id })}`
    }))
  }
}

/** The `sistem` a user typed is not in the knowledge base (the form asks again). */
export function unknownSystemInFormReply(): Reply {
  return {
    text: 'Maaf, sistem tersebut belum ada di daftar layanan kami. Silakan pilih salah satu tombol di bawah ini.'
  }
}

/** The `count`-th consecutive message the bot did not understand; from the second a human is offered. */
export function fallbackReply(count: number): Reply {
  if (count >= 2) {
    return {
      text: 'Maaf, saya belum memahami. Coba ulangi pertanyaannya dengan kalimat lain, atau bicara langsung dengan petugas kami.',
      buttons: [{ title: 'Hubungi petugas', payload: '/minta_petugas' }]
    }
  }
  return { text: 'Maaf, saya belum memahami. Coba ulangi pertanyaannya.' }
}

/** The handoff ticket was opened: its number and the wa.me button. */
export function handoffReply(contact: HelpdeskContact, ticketNumber: string): Reply {
  return {
    text:
      `Baik, permintaan Anda sudah kami teruskan ke petugas ${contact.knowledge.helpdesk.nama} dengan nomor tiket ${ticketNumber}. ` +
      `Tekan tombol di bawah untuk chat dengan petugas di WhatsApp; nomor tiket sudah tertulis di pesannya.${officeHours(contact)}`,
    buttons: [helpdeskButton(contact, ticketNumber)]
  }
}

/** Where to find the official e-mail address (never looked up by NIP), with the portals' buttons. */
export function emailGuideReply(knowledge: KnowledgeBase): Reply {
  const buttons: Button[] = []
  const portal = findSystem(knowledge, 'simasn')
  if (portal !== undefined) buttons.push(urlButton(`Buka ${portal.nama}`, portal.portal))
  const mail = findSystem(knowledge, 'email_dinas')
  if (mail !== undefined) buttons.push(urlButton(`Buka ${mail.nama}`, mail.portal))
  return {
    text: `Alamat e-mail dinas Anda tercantum di profil kepegawaian Anda:\n${numbered(knowledge.teks.panduan_lupa_email)}`,
    buttons
  }
}

/** An action ran past ACTION_DEADLINE_MS: a form validation asks for the answer again, others say it is slow. */
export function deadlinePassedReply(during: 'validation' | 'action'): Reply {
  if (during === 'validation') {
    return {
      text: 'Maaf, pemeriksaan data sedang lambat. Silakan kirim jawaban Anda sekali lagi sebentar lagi.'
    }
  }
  return {
    text:
      'Maaf, layanan kami sedang lambat sehingga permintaan Anda belum selesai kami proses saat ini. ' +
      'Bila permintaan reset password sudah tercatat, permintaan itu tetap berlaku dan mengulanginya tidak akan membuat reset kedua. ' +
      'Ketik "hubungi petugas" bila perlu bantuan.'
  }
}
