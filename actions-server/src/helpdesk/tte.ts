import { DirectoryUnavailableError, type Employee } from '@helpdesk/core'
import type { Tracker } from '../sdk'
import type { HelpdeskDeps } from './deps'
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
