import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import type { Person } from './flows'

/** The people of the suite's directory fixture, in file order (one per virtual user). */
export function loadPeople(directoryFile: string): Person[] {
  const parsed = load(readFileSync(directoryFile, 'utf8')) as {
    pegawai: Array<{ nip: string; whatsapp: string }>
  }
  return parsed.pegawai.map(({ nip, whatsapp }) => ({ nip, whatsapp }))
}
