/** "1. …\n2. …" */
export const numbered = (items: readonly string[]): string =>
  items.map((item, i) => `${i + 1}. ${item}`).join('\n')

/** "• …\n• …" */
export const bulleted = (items: readonly string[]): string =>
  items.map((item) => `• ${item}`).join('\n')
