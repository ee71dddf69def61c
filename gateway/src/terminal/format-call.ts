import { isUrlButton, type KeyboardButton, type OutgoingCall } from '../render/outgoing'

const MEDIA_LABELS: Record<string, [string, string]> = {
  sendPhoto: ['gambar', 'photo'],
  sendDocument: ['berkas', 'document'],
  sendAudio: ['audio', 'audio'],
  sendVideo: ['video', 'video'],
  sendVoice: ['pesan suara', 'voice'],
  sendAnimation: ['animasi', 'animation'],
  sendSticker: ['stiker', 'sticker'],
  sendVideoNote: ['video', 'video_note']
}

function indent(text: string): string {
  return text.split('\n').join('\n     ')
}

/** One rendered call as terminal text; buttons are numbered from `firstNumber`. Chat actions print nothing. */
export function formatCall(
  call: OutgoingCall,
  firstNumber: number
): { text: string; buttons: KeyboardButton[] } {
  const p = call.params
  const lines: string[] = []
  const media = MEDIA_LABELS[call.method]
  if (call.method === 'sendChatAction') return { text: '', buttons: [] }
  if (call.method === 'sendMessage') {
    lines.push(`Bot: ${indent(String(p.text))}`)
  } else if (media !== undefined) {
    lines.push(`Bot: [${media[0]}] ${String(p[media[1]])}`)
    if (typeof p.caption === 'string') lines.push(`     ${indent(p.caption)}`)
  } else if (call.method === 'sendLocation') {
    lines.push(`Bot: [lokasi] ${String(p.latitude)}, ${String(p.longitude)}`)
  } else if (call.method === 'sendVenue') {
    lines.push(
      `Bot: [tempat] ${String(p.title)}, ${String(p.address)} (${String(p.latitude)}, ${String(p.longitude)})`
    )
  } else if (call.method === 'sendContact') {
    lines.push(`Bot: [kontak] ${String(p.first_name)} ${String(p.phone_number)}`)
  } else if (call.method === 'sendMediaGroup') {
    const items = Array.isArray(p.media) ? (p.media as Array<Record<string, unknown>>) : []
    lines.push(`Bot: [album] ${items.map((m) => String(m.media)).join(', ')}`)
  }
  const buttons = call.keyboard?.rows.flat() ?? []
  buttons.forEach((b, i) => {
    lines.push(
      isUrlButton(b)
        ? `  [${firstNumber + i}] ${b.title} (tautan: ${b.url})`
        : `  [${firstNumber + i}] ${b.title}`
    )
  })
  return { text: lines.join('\n'), buttons }
}
