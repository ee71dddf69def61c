/** Rasa could not be reached in time: refused, unreachable, or no answer within the budget. */
export class RasaUnavailableError extends Error {
  readonly code = 'GW_ERR_RASA_UNAVAILABLE'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RasaUnavailableError'
  }
}

/** Rasa answered, but not with a 2xx JSON array. */
export class RasaResponseError extends Error {
  readonly code = 'GW_ERR_RASA_RESPONSE'
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'RasaResponseError'
  }
}
