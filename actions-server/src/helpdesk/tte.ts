import {
  DirectoryUnavailableError,
  type Employee,
  type TteRequest,
  type TteStatus
} from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import type { Tracker } from '../sdk'
import { SLOT } from './slots'

export interface TteSubject {
  jenis: 'nip' | 'pppk' | 'nik'
  identitas: string
  /** The directory record, when the person is an employee (undefined for a non-ASN NIK). */
  employee?: Employee
  /** False when the directory could not be asked just now. */
  directoryAvailable: boolean
}

/** The confirmed identity of a TTE form, re-read from the directory for the current status. */
export async function tteSubject(
  deps: Pick<HelpdeskDeps, 'directory' | 'logger'>,
  tracker: Tracker
): Promise<TteSubject | undefined> {
  const identitas = tracker.getSlot(SLOT.identitas)
  const jenis = tracker.getSlot(SLOT.jenisIdentitas)
  if (typeof identitas !== 'string' || !/^\d{16}(\d{2})?$/.test(identitas)) return undefined
  const kind = jenis === 'nik' || jenis === 'pppk' ? jenis : identitas.length === 16 ? 'nik' : 'nip'
  try {
    const employee =
      kind === 'nik'
        ? await deps.directory.findByNik(identitas)
        : await deps.directory.findByNip(identitas)
    return {
      jenis: kind,
      identitas,
      ...(employee === undefined ? {} : { employee }),
      directoryAvailable: true
    }
  } catch (err) {
    if (!(err instanceof DirectoryUnavailableError)) throw err
    deps.logger.warn({ reason: err.message }, 'directory unavailable during a TTE action')
    return { jenis: kind, identitas, directoryAvailable: false }
  }
}

/** Whose TTE status the chat reports: the employee by name, or a non-ASN by NIK (both masked in replies/). */
export type TteHolder = { kind: 'employee'; name: string } | { kind: 'nik'; nik: string }

/** What `action_cek_status_tte` found; replies/tte-replies.ts words each one. */
export type TteStatusOutcome =
  | { kind: 'no_identity' }
  | { kind: 'request_pending'; holder: TteHolder; request: TteRequest }
  | { kind: 'request_approved'; holder: TteHolder; request: TteRequest }
  | { kind: 'request_rejected'; holder: TteHolder; request: TteRequest }
  | { kind: 'directory_status'; holder: TteHolder; status: TteStatus }
  | { kind: 'directory_unavailable' }
  | { kind: 'no_request'; holder: TteHolder }

/**
 * The TTE status of a subject: the request the bot recorded (and the staff decision on it, made
 * in the console) wins until the directory says the certificate is active; then the directory's
 * status; otherwise that nothing was asked yet.
 */
export function tteStatusOf(
  subject: TteSubject,
  request: TteRequest | undefined
): TteStatusOutcome {
  const holder: TteHolder =
    subject.employee === undefined
      ? { kind: 'nik', nik: subject.identitas }
      : { kind: 'employee', name: subject.employee.nama }
  const directoryStatus = subject.employee?.status_tte
  if (request !== undefined && directoryStatus !== 'aktif') {
    if (request.status === 'diajukan') return { kind: 'request_pending', holder, request }
    // The staff decision from the console (stored on the request; the directory file is read-only).
    if (request.status === 'disetujui') return { kind: 'request_approved', holder, request }
    if (request.status === 'ditolak') return { kind: 'request_rejected', holder, request }
  }
  if (directoryStatus !== undefined)
    return { kind: 'directory_status', holder, status: directoryStatus }
  if (!subject.directoryAvailable) return { kind: 'directory_unavailable' }
  return { kind: 'no_request', holder }
}

/** What `action_daftar_tte` did; replies/tte-replies.ts words each one. */
export type TteRegistrationOutcome =
  | { kind: 'already_active' }
  | { kind: 'already_requested'; request: TteRequest }
  | { kind: 'in_progress' }
  | { kind: 'recorded'; renewal: boolean; ticketNumber: string }
