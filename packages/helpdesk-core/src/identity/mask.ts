/**
 * Masking for chat replies and logs: a reply never contains a full phone number,
 * e-mail address or NIK, and a log line never contains any identity number at all.
 */

/** "Budi Santoso" → "B*** S*****". */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const chars = [...word]
      return chars.length === 0 ? '' : chars[0] + '*'.repeat(chars.length - 1)
    })
    .join(' ')
}

/**
 * "6285600000001" → "0856****0001": the number in its local form (62… → 0…), first 4 and last 4
 * digits, the rest starred (as the product specification asks). The owner recognises the number;
 * the hidden middle keeps anyone else from using it.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  const local = digits.startsWith('62') ? `0${digits.slice(2)}` : digits
  if (local.length <= 8) return '*'.repeat(Math.max(4, local.length))
  return `${local.slice(0, 4)}${'*'.repeat(local.length - 8)}${local.slice(-4)}`
}

/** 18-digit NIP → "1985***********001" (4 head + 3 tail). */
export function maskNip(nip: string): string {
  const digits = nip.replace(/\D/g, '')
  if (digits.length <= 7) return '*'.repeat(digits.length)
  return digits.slice(0, 4) + '*'.repeat(digits.length - 7) + digits.slice(-3)
}

/** 16-digit NIK → "3603********0001" (4 head + 4 tail). */
export function maskNik(nik: string): string {
  const digits = nik.replace(/\D/g, '')
  if (digits.length <= 8) return '*'.repeat(digits.length)
  return digits.slice(0, 4) + '*'.repeat(digits.length - 8) + digits.slice(-4)
}

/** "budi.santoso@example.go.id" → "b***@example.go.id". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${email[0]}***${email.slice(at)}`
}
