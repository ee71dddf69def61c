import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { maskPersonalData } from '@helpdesk/core'

/**
 * callback_data that carries its own payload, signed, so that no gateway has to remember it: one
 * started later (a restart, a deploy, another replica of the same bot) checks it with the same key.
 *
 * Layout: "~s" + MAC (11 base64url characters: 8 bytes of HMAC-SHA256 over the chat id, the expiry
 * and the payload) + expiry (7 base36 digits, seconds since 1970) + the payload itself. Telegram
 * allows 64 bytes of callback_data, which leaves 44 bytes (UTF-8) for the payload; longer payloads
 * cannot be signed this way. Nor is a payload with personal data in it (a NIP, NIK, phone number
 * or e-mail address, as the log masking finds them): Telegram stores callback_data, and such data
 * must not travel there in a button that was not showing it.
 */
export const SIGNED_PREFIX = '~s'
const MAC_BYTES = 8
const MAC_CHARS = 11
const EXPIRY_CHARS = 7
const CALLBACK_DATA_MAX_BYTES = 64
export const SIGNED_PAYLOAD_MAX_BYTES =
  CALLBACK_DATA_MAX_BYTES - SIGNED_PREFIX.length - MAC_CHARS - EXPIRY_CHARS

/**
 * The signing key. Derived from the bot token, which every replica of one bot already shares and
 * keeps secret (whoever holds it can act as the bot anyway, so the key gives them nothing more).
 * A new bot token makes the buttons sent before it answer "tombol ini sudah tidak berlaku".
 * Without a token (tests, terminal chat) the key is random: buttons then live as long as the process.
 */
export function buttonSigningKey(botToken?: string): Buffer {
  if (botToken === undefined || botToken === '') return randomBytes(32)
  return createHmac('sha256', botToken).update('helpdesk-gateway/button-ids/v1').digest()
}

function mac(key: Buffer, chatId: number, expiry: string, payload: string): string {
  return createHmac('sha256', key)
    .update(`${chatId}\n${expiry}\n${payload}`)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url')
}

/** Signed callback_data for `payload` in `chatId`; undefined when it is too long or holds personal data. */
export function signButton(
  key: Buffer,
  chatId: number,
  payload: string,
  expiresAtMs: number
): string | undefined {
  if (Buffer.byteLength(payload) > SIGNED_PAYLOAD_MAX_BYTES) return undefined
  if (maskPersonalData(payload) !== payload) return undefined
  const expiry = Math.floor(expiresAtMs / 1000)
    .toString(36)
    .padStart(EXPIRY_CHARS, '0')
  return SIGNED_PREFIX + mac(key, chatId, expiry, payload) + expiry + payload
}

/** The payload of signed callback_data pressed in `chatId`; undefined if forged, from another chat or expired. */
export function verifyButton(
  key: Buffer,
  chatId: number,
  data: string,
  nowMs: number
): string | undefined {
  if (!data.startsWith(SIGNED_PREFIX)) return undefined
  const macStart = SIGNED_PREFIX.length
  const expiryStart = macStart + MAC_CHARS
  const payloadStart = expiryStart + EXPIRY_CHARS
  if (data.length < payloadStart) return undefined
  const expiry = data.slice(expiryStart, payloadStart)
  const payload = data.slice(payloadStart)
  const given = Buffer.from(data.slice(macStart, expiryStart))
  const expected = Buffer.from(mac(key, chatId, expiry, payload))
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  if (parseInt(expiry, 36) * 1000 <= nowMs) return undefined
  return payload
}
