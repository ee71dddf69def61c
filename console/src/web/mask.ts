import { maskNik, maskNip, maskPhone } from '@helpdesk/core'

export { maskPhone }

/** A NIP (18 digits) or NIK (16 digits), masked the way the bot masks them. */
export const maskIdentity = (value: string): string =>
  value.replace(/\D/g, '').length === 18 ? maskNip(value) : maskNik(value)
