import {
  createDirectoryApi,
  createFileDirectory,
  loadKnowledge,
  type KnowledgeBase
} from '@helpdesk/core'
import { resolve } from 'node:path'
import type { SlaPolicy } from './data/sla'
import type { RequesterDirectory } from './deps'

/** The action server's shipped examples, the same defaults it uses. */
const ACTIONS_DATA = resolve(__dirname, '..', '..', 'actions-server', 'data')
export const DEFAULT_DIRECTORY_FILE = resolve(ACTIONS_DATA, 'directory.example.yml')
export const DEFAULT_KNOWLEDGE_FILE = resolve(ACTIONS_DATA, 'knowledge.example.yml')

/** The employee directory: the agency's HR API when configured, else the file (read-only either way). */
export function openDirectory(options: {
  file: string
  apiUrl?: string
  apiToken?: string
}): RequesterDirectory {
  if (options.apiUrl === undefined) return createFileDirectory(options.file)
  return createDirectoryApi({
    baseUrl: options.apiUrl,
    ...(options.apiToken === undefined ? {} : { token: options.apiToken }),
    timeoutMs: 5000,
    // A page load waits for it: short retries.
    retry: { retries: 1, baseDelayMs: 200, maxDelayMs: 500 }
  })
}

const DEFAULT_CALENDAR: SlaPolicy['calendar'] = {
  days: [1, 2, 3, 4, 5],
  startMinute: 8 * 60,
  endMinute: 16 * 60
}

/** The SLA policy the knowledge base sets (`sla` section and each system's `sla_jam`). */
export function slaFromKnowledge(kb: KnowledgeBase): SlaPolicy {
  const sla = kb.sla
  const minutes = (hhmm: string): number => {
    const [h, m] = hhmm.split(/[.:]/).map(Number)
    return (h ?? 0) * 60 + (m ?? 0)
  }
  const systemHours: Record<string, number> = {}
  for (const system of kb.sistem)
    if (system.sla_jam !== undefined) systemHours[system.id] = system.sla_jam
  return {
    calendar:
      sla === undefined
        ? DEFAULT_CALENDAR
        : {
            days: sla.jam_kerja.hari,
            startMinute: minutes(sla.jam_kerja.mulai),
            endMinute: minutes(sla.jam_kerja.selesai)
          },
    categoryHours: sla?.kategori ?? {},
    systemHours
  }
}

export const loadSla = (file: string): SlaPolicy => slaFromKnowledge(loadKnowledge(file))
