/**
 * A data file (directory, knowledge base) that cannot be used. The message is one line naming the
 * file kind, the place (record index / path) and the rule, never the offending value, because
 * directory values are personal data.
 */
export class DataFileError extends Error {
  readonly code = 'ACT_ERR_DATA_FILE'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'DataFileError'
  }
}
