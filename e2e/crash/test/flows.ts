/** The conversations the virtual users have: each a form that ends in a WhatsApp message. */

export interface Person {
  nip: string
  whatsapp: string
}

export interface Step {
  text: string
  /** The answer that shows the conversation went on where it was. */
  expect: RegExp
}

export type FlowName = 'reset_password' | 'tte_registration' | 'tte_status'

export interface Flow {
  name: FlowName
  steps: Step[]
  /** Tickets this conversation must leave in the store, exactly. */
  tickets: number
  /** Whether the owner must receive a temporary password by WhatsApp (exactly once). */
  secret: boolean
}

/** "198001012008011001" → "19800101 200801 1 001", as people copy it from a letter. */
export function spacedNip(nip: string): string {
  return `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`
}

const CONFIRM = /apakah data ini sudah benar/i
const TICKET = /TIK-\d{8}-\d{4}/

export function flow(name: FlowName, person: Person): Flow {
  switch (name) {
    case 'reset_password':
      return {
        name,
        tickets: 1,
        secret: true,
        steps: [
          { text: 'lupa password email dinas', expect: /nip/i },
          { text: spacedNip(person.nip), expect: CONFIRM },
          { text: 'ya', expect: TICKET }
        ]
      }
    case 'tte_registration':
      return {
        name,
        tickets: 1,
        secret: false,
        steps: [
          { text: 'mau daftar TTE', expect: /nip/i },
          { text: person.nip, expect: CONFIRM },
          { text: 'ya', expect: TICKET }
        ]
      }
    case 'tte_status':
      return {
        name,
        tickets: 0,
        secret: false,
        steps: [
          { text: 'cek status tte saya', expect: /nip/i },
          { text: spacedNip(person.nip), expect: CONFIRM },
          { text: 'ya', expect: /masih ada yang bisa kami bantu/i }
        ]
      }
  }
}

export const FLOW_NAMES: readonly FlowName[] = ['reset_password', 'tte_registration', 'tte_status']
