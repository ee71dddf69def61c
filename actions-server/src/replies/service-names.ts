import type { FailedIdentityStatus } from '../helpdesk/slots'
import type { IdentityFlow } from '../helpdesk/identity-flow'

/**
 * The name of an identity flow as users, staff and the owner's notice read it: "reset password
 * SIMASN", "pendaftaran TTE", "perpanjangan TTE", "cek status TTE". Also the audit's `layanan`.
 */
export function serviceName(flow: IdentityFlow): string {
  switch (flow.kind) {
    case 'reset_password':
      return `reset password ${flow.systemName}`
    case 'daftar_tte':
      return flow.renewal === true ? 'perpanjangan TTE' : 'pendaftaran TTE'
    case 'cek_status_tte':
      return 'cek status TTE'
  }
}

/** Why a ticket was opened; its summary is what staff read first in the ticket list. */
export type TicketReason =
  | { kind: 'handoff' }
  | { kind: 'identity_failed'; service: string; status: FailedIdentityStatus }
  | { kind: 'reset_by_contact'; systemName: string; contactName: string }
  | { kind: 'reset_without_employee_record'; systemName: string }
  | { kind: 'reset_over_whatsapp'; systemName: string; automatic: boolean }
  | { kind: 'tte'; renewal: boolean }

/** The ticket summary for staff (Indonesian, like the rest of the console). */
export function ticketSummary(reason: TicketReason): string {
  switch (reason.kind) {
    case 'handoff':
      return 'Pengguna meminta bicara dengan petugas'
    case 'identity_failed':
      return `${reason.service}: identitas tidak terverifikasi (${reason.status})`
    case 'reset_by_contact':
      return `Reset password ${reason.systemName} oleh ${reason.contactName}`
    case 'reset_without_employee_record':
      return `Reset password ${reason.systemName}: data pegawai tidak dapat diambil`
    case 'reset_over_whatsapp':
      return `Reset password ${reason.systemName} (${reason.automatic ? 'otomatis' : 'dikerjakan petugas'})`
    case 'tte':
      return reason.renewal ? 'Perpanjangan TTE' : 'Pendaftaran TTE'
  }
}
