import type { TteStatus } from '../knowledge/types'

/** One employee record (format: actions-server/README.md, "Employee directory"); wire spelling kept. */
export interface Employee {
  nip: string
  nama: string
  nik?: string
  email_dinas: string
  /** International digits, no '+', e.g. 6285600000001. */
  whatsapp: string
  unit_kerja: string
  status_tte: TteStatus
  aktif: boolean
}

/** The employee directory, whichever backend holds it (file or the agency's HR API). */
export interface EmployeeDirectory {
  readonly kind: 'file' | 'http'
  /** The employee with this 18-digit NIP / NI PPPK, or undefined. */
  findByNip(nip: string): Promise<Employee | undefined>
  /** The employee with this 16-digit NIK, or undefined. */
  findByNik(nik: string): Promise<Employee | undefined>
}

/** The directory backend could not answer (network, timeout, 5xx, malformed answer). */
export class DirectoryUnavailableError extends Error {
  readonly code = 'ACT_ERR_DIRECTORY_UNAVAILABLE'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'DirectoryUnavailableError'
  }
}
