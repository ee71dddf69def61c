/**
 * Ticket numbers as people type them: "TIK-20261129-0001", "tik 20261129 0001", "tik20261129-0001",
 * or just "20261129-0001". The number is `TIK-YYYYMMDD-NNNN` (more digits past 9999 a day).
 */

/** With the TIK prefix (any case; dash, space or nothing between the parts). */
const WITH_PREFIX = /(?<![a-z0-9])tik[\s-]*(\d{8})[\s-]*(\d{4,})(?!\d)/i
/** Without the prefix: only the date and sequence kept apart by a dash or a space. */
const WITHOUT_PREFIX = /(?<![a-z\d.-])(\d{8})[\s-](\d{4,})(?![\d.-]|\s+\d)/i

/** The canonical `TIK-YYYYMMDD-NNNN` in `text`, or undefined when there is none. */
export function findTicketNumber(
  text: string,
  options: { prefixOptional: boolean }
): string | undefined {
  const match =
    WITH_PREFIX.exec(text) ?? (options.prefixOptional ? WITHOUT_PREFIX.exec(text) : null)
  return match === null ? undefined : `TIK-${match[1]}-${match[2]}`
}

/**
 * The text without the ticket numbers in it (TIK prefix needed: 12 digits without it could be a
 * mistyped NIP, which the identity check explains as such), or undefined when it had none.
 */
export function withoutTicketNumbers(text: string): string | undefined {
  const rest = text.replace(new RegExp(WITH_PREFIX.source, 'gi'), ' ')
  return rest === text ? undefined : rest
}
