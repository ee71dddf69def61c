import { createAjv, describeAjvError } from '../data-files/ajv'
import { DataFileError } from '../data-files/data-file-error'
import { readDataFile } from '../data-files/read-data-file'
import { checkNikDigits, checkNipDigits } from '../identity'
import { directorySchema } from './employee-schema'
import type { Employee, EmployeeDirectory } from './types'

const validate = createAjv().compile(directorySchema)

/**
 * Validates parsed directory data: JSON Schema first, then the NIP/NIK structure rules of the
 * identity module (so every NIP in the file is one the bot would accept), then uniqueness.
 * Errors name the record index, the field and the rule, never the value.
 */
export function parseDirectory(data: unknown, source: string, now: Date): Employee[] {
  if (!validate(data)) {
    const first = validate.errors?.[0]
    const path = first?.instancePath ?? ''
    const match = /^\/pegawai\/(\d+)(?:\/(\w+))?/.exec(path)
    const rule = first === undefined ? 'invalid' : describeAjvError(first)
    if (match === null)
      throw new DataFileError(`${source} invalid at ${path === '' ? '(root)' : path}: ${rule}`)
    const field = match[2] === undefined ? '' : `, field ${match[2]}`
    throw new DataFileError(`${source} invalid: record ${match[1]}${field}: ${rule}`)
  }
  const employees = (data as unknown as { pegawai: Employee[] }).pegawai
  const nips = new Map<string, number>()
  const niks = new Map<string, number>()
  employees.forEach((employee, index) => {
    const nip = checkNipDigits(employee.nip, now)
    if (!nip.ok)
      throw new DataFileError(
        `${source} invalid: record ${index}, field nip: breaks the NIP rule ${nip.error.code}`
      )
    if (employee.nik !== undefined) {
      const nik = checkNikDigits(employee.nik, now)
      if (!nik.ok)
        throw new DataFileError(
          `${source} invalid: record ${index}, field nik: breaks the NIK rule ${nik.error.code}`
        )
      const other = niks.get(employee.nik)
      if (other !== undefined)
        throw new DataFileError(
          `${source} invalid: record ${index}, field nik: duplicate of record ${other}`
        )
      niks.set(employee.nik, index)
    }
    const other = nips.get(employee.nip)
    if (other !== undefined)
      throw new DataFileError(
        `${source} invalid: record ${index}, field nip: duplicate of record ${other}`
      )
    nips.set(employee.nip, index)
  })
  return employees
}

/** The embedded default directory: a YAML or JSON file loaded and validated once at start. */
export function createFileDirectory(
  file: string,
  now: Date = new Date()
): EmployeeDirectory & { size: number } {
  const employees = parseDirectory(readDataFile(file, 'directory'), `directory ${file}`, now)
  const byNip = new Map(employees.map((e) => [e.nip, e]))
  const byNik = new Map(
    employees.flatMap((e) => (e.nik === undefined ? [] : [[e.nik, e] as const]))
  )
  return {
    kind: 'file',
    size: employees.length,
    async findByNip(nip) {
      return byNip.get(nip)
    },
    async findByNik(nik) {
      return byNik.get(nik)
    }
  }
}
