/** The shape of one YAML conversation script (schema: ../schema/script.schema.json). */

export type TextList = string | string[]

export interface TicketExpectation {
  row_contains?: string[]
}

export interface Expectation {
  says?: TextList
  says_any?: string[]
  says_not?: TextList
  matches?: TextList
  buttons?: TextList
  no_buttons?: true
  link?: string
  link_with_ticket?: true
  whatsapp?: { to: string; contains?: TextList; contains_secret?: true; within_seconds?: number }
  no_whatsapp?: true
  ticket?: true | TicketExpectation
  no_ticket?: true
  replies?: { min?: number; max?: number }
}

export interface Step {
  send?: string
  press?: string
  rasa?: 'stop' | 'start'
  gateway?: 'restart'
  whatsapp_api?: { fail_next: number[] }
  note?: string
  expect?: Expectation
}

export interface UserProfile {
  first_name?: string
  language_code?: string
}

export interface ChatScript {
  user?: UserProfile
  steps: Step[]
}

export interface ScriptFile {
  title: string
  description?: string
  covers?: string[]
  exclusive?: boolean
  user?: UserProfile
  steps?: Step[]
  chats?: Record<string, ChatScript>
}

/** A validated script, normalised: always a map of chats (a single chat is named "user"). */
export interface LoadedScript {
  file: string
  name: string
  title: string
  exclusive: boolean
  chats: { name: string; user: UserProfile; steps: Step[] }[]
}

export function asList(value: TextList | undefined): string[] {
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : value
}
