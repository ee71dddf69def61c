import {
  type Employee,
  formatDate,
  maskName,
  maskNik,
  maskNip,
  type ParsedIdentity,
  type ParsedNik
} from '@helpdesk/core'

/** Masked summary for "Apakah data ini sudah benar?" (slot ringkasan_identitas). */
export function employeeSummary(employee: Employee, identity: ParsedIdentity): string {
  const number =
    identity.kind === 'nik'
      ? `NIK: ${maskNik(identity.digits)}`
      : `${identity.kind === 'pppk' ? 'NI PPPK' : 'NIP'}: ${maskNip(identity.digits)}`
  return [`Nama: ${maskName(employee.nama)}`, number, `Unit kerja: ${employee.unit_kerja}`].join(
    '\n'
  )
}

/** Summary for a NIK that is not in the directory (non-ASN): what the NIK itself encodes. */
export function nikSummary(identity: ParsedNik): string {
  return [
    `NIK (nomor di KTP, bukan nomor KK): ${maskNik(identity.digits)}`,
    `Provinsi asal NIK: ${identity.provinceName}`,
    `Tanggal lahir: ${formatDate(identity.birthDate)}`,
    `Jenis kelamin: ${identity.gender}`
  ].join('\n')
}
