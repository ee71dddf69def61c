import { LIMIT_BUCKET, identitySubject, type LimitRule } from '@helpdesk/core'
import type { HelpdeskDeps } from './deps'

const MINUTE_MS = 60 * 1000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/**
 * The limits one directory lookup counts against: this chat (per hour), this NIP/NIK from every
 * chat together (per day, so new Telegram accounts or groups do not reset it) and everyone
 * together (per minute, so enumerating many numbers is slow). Checked and counted at once.
 */
export function lookupLimitRules(
  deps: Pick<HelpdeskDeps, 'limits'>,
  senderId: string,
  digits: string
): LimitRule[] {
  const { limits } = deps
  return [
    {
      name: 'sender',
      bucket: LIMIT_BUCKET.lookupBySender(senderId),
      limit: limits.lookupsPerHour,
      windowMs: HOUR_MS
    },
    {
      name: 'subject',
      bucket: LIMIT_BUCKET.lookupBySubject(identitySubject(digits)),
      limit: limits.lookupsPerSubjectPerDay,
      windowMs: DAY_MS
    },
    {
      name: 'global',
      bucket: LIMIT_BUCKET.lookupGlobal,
      limit: limits.lookupsGlobalPerMinute,
      windowMs: MINUTE_MS
    }
  ]
}

/**
 * What the user reads when a lookup limit is reached. None of them says whether the number
 * exists: the limits are checked before the directory is asked.
 */
export function lookupLimitMessage(deps: Pick<HelpdeskDeps, 'limits'>, rule: string): string {
  switch (rule) {
    case 'subject':
      return (
        'Demi keamanan data pegawai, NIP/NIK tersebut sudah terlalu sering diperiksa hari ini sehingga pemeriksaannya kami hentikan sementara. ' +
        'Silakan coba lagi besok, atau kami sambungkan ke petugas.'
      )
    case 'global':
      return 'Pemeriksaan NIP/NIK sedang sangat ramai sehingga untuk sementara kami batasi. Silakan coba beberapa menit lagi, atau kami sambungkan ke petugas.'
    default:
      return (
        `Demi keamanan data pegawai, pemeriksaan NIP/NIK dari satu akun dibatasi ${deps.limits.lookupsPerHour} kali per jam, dan batas itu sudah tercapai. ` +
        'Silakan coba lagi nanti, atau kami sambungkan ke petugas.'
      )
  }
}
