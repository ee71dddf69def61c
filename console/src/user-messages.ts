/**
 * Every text the console sends to a user's chat (through the gateway), kept together so the
 * wording can be reviewed in one place. Each one carries the ticket number.
 */

/** A staff note marked "untuk pengguna". */
export const noteForUserMessage = (number: string, body: string): string =>
  `Pesan dari petugas helpdesk (tiket ${number}):\n${body}`

/** Statuses whose change the user is told of (resolved, closed). */
export const STATUSES_TOLD_TO_USER = ['selesai', 'ditutup'] as const
export type StatusToldToUser = (typeof STATUSES_TOLD_TO_USER)[number]

/**
 * The ticket was resolved or closed: the number, what happened, the last note for the user when
 * there is one (the change note itself stays internal), and how to follow up.
 */
export function ticketFinishedMessage(
  number: string,
  status: StatusToldToUser,
  lastNoteForUser: string | undefined
): string {
  const what =
    status === 'selesai'
      ? `Tiket ${number} Anda sudah selesai ditangani oleh petugas helpdesk.`
      : `Tiket ${number} Anda sudah ditutup oleh petugas helpdesk.`
  const note = lastNoteForUser === undefined ? '' : `\n\nCatatan dari petugas:\n${lastNoteForUser}`
  return `${what}${note}\n\nJika kendala Anda belum teratasi, silakan hubungi kami lagi di chat ini dan sebutkan nomor tiket ${number}. Status tiket dapat dicek kapan saja dengan mengetik: status tiket ${number}`
}
