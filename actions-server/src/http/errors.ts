/** HTTP-edge errors (the SDK's own errors live in src/sdk/errors.ts). */

/** The request cannot be handled as an action call (400; body carries `action_name`, null if unknown). */
export class BadActionCallError extends Error {
  readonly code = 'ACT_ERR_BAD_REQUEST'
  readonly statusCode = 400
  readonly actionName: string | null

  constructor(message: string, actionName: string | null = null) {
    super(message)
    this.name = 'BadActionCallError'
    this.actionName = actionName
  }
}

/** An action returned events Rasa's schema rejects: a bug in our action (500, details only in the log). */
export class InvalidActionResponseError extends Error {
  readonly code = 'ACT_ERR_INVALID_RESPONSE'
  readonly actionName: string
  readonly problems: string[]

  constructor(actionName: string, problems: string[]) {
    super(`Action '${actionName}' produced a response Rasa would reject: ${problems.join('; ')}`)
    this.name = 'InvalidActionResponseError'
    this.actionName = actionName
    this.problems = problems
  }
}
