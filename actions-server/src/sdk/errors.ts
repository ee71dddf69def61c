/**
 * The SDK's error catalogue. The SDK knows no HTTP: src/http/error-handler.ts maps these to statuses.
 * Codes are stable public API (tested).
 */
export class ActionServerError extends Error {
  readonly code: string
  readonly actionName: string | undefined

  constructor(code: string, message: string, actionName?: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
    this.actionName = actionName
  }
}

/** `next_action` names no registered action (rasa-sdk ActionNotFoundException → 404). */
export class ActionNotFoundError extends ActionServerError {
  constructor(actionName: string) {
    super(
      'ACT_ERR_ACTION_NOT_FOUND',
      `No registered action found for name '${actionName}'.`,
      actionName
    )
  }
}

/**
 * An action refuses to run (rasa-sdk ActionExecutionRejection → 400); Rasa then predicts another
 * action, or rejects the form when thrown by a form validator.
 */
export class ActionRejectedError extends ActionServerError {
  constructor(actionName: string, message?: string, options?: ErrorOptions) {
    super(
      'ACT_ERR_ACTION_REJECTED',
      message ?? `Custom action '${actionName}' rejected execution.`,
      actionName,
      options
    )
  }
}

/** rasa-sdk's name for {@link ActionRejectedError}, so Rasa-docs examples translate directly. */
export const ActionExecutionRejection = ActionRejectedError

/** Two actions registered under one name: a programming error, thrown at start. */
export class DuplicateActionError extends ActionServerError {
  constructor(actionName: string) {
    super(
      'ACT_ERR_DUPLICATE_ACTION',
      `Action '${actionName}' is registered more than once.`,
      actionName
    )
  }
}

/** An action name Rasa could not call (empty, or with whitespace). */
export class InvalidActionNameError extends ActionServerError {
  constructor(actionName: string) {
    super(
      'ACT_ERR_INVALID_ACTION_NAME',
      `Action name '${actionName}' is not a valid Rasa action name.`,
      actionName
    )
  }
}
