/** POST /webhook: validate the call, run the action, validate what Rasa will receive, answer. */
import type { FastifyInstance } from 'fastify'
import { capText, maskPersonalData } from '@helpdesk/core'
import { ActionNotFoundError, ActionRejectedError, runAction, type ActionRegistry } from '../sdk'
import { BadActionCallError, InvalidActionResponseError } from './errors'
import { labelledOnce, type ActionOutcome, type ActionServerMetrics } from './metrics'
import { describeErrors, describeResponseErrors, type WebhookValidators } from './validation'

/** rasa-sdk only warns when Rasa's MAJOR.MINOR differs from its own; so do we (once per version). */
const SUPPORTED_RASA = '3.6'

export function registerWebhookRoute(
  app: FastifyInstance,
  registry: ActionRegistry,
  validators: WebhookValidators,
  metrics: ActionServerMetrics
): void {
  // The version comes from the request body: capped, and only a few distinct ones remembered, so
  // callers sending a new version every time can neither grow this set nor flood the log.
  const warnedVersions = new Set<string>()
  const MAX_WARNED_VERSIONS = 20
  // Rasa sends the same version on every call: checked once, not split and joined per request.
  let lastSupportedVersion: string | undefined
  const durationOf = labelledOnce((action: string) => metrics.actionDuration.labels({ action }))
  const runsOf = labelledOnce((action: string, outcome: ActionOutcome) =>
    metrics.actionRuns.labels({ action, outcome })
  )

  app.post('/webhook', { config: { auth: true } }, async (request) => {
    const call: unknown = request.body
    if (!validators.actionCall(call)) {
      const named =
        typeof call === 'object' && call !== null
          ? (call as { next_action?: unknown }).next_action
          : undefined
      throw new BadActionCallError(
        `Invalid body request: ${describeErrors(validators.actionCall.errors).join('; ')}`,
        // Echoed in the 400 body: masked like the 404's, a client may type anything into it.
        typeof named === 'string' && named !== '' ? maskPersonalData(named) : null
      )
    }
    const version = call.version ?? 'missing'
    if (version !== lastSupportedVersion) {
      const shown = capText(version, 32)
      if (shown.split('.').slice(0, 2).join('.') === SUPPORTED_RASA) lastSupportedVersion = version
      else if (!warnedVersions.has(shown) && warnedVersions.size < MAX_WARNED_VERSIONS) {
        warnedVersions.add(shown)
        request.log.warn(
          { rasa_version: shown },
          `Rasa version differs from ${SUPPORTED_RASA}.x; continuing`
        )
      }
    }

    const actionName = call.next_action
    const known = registry.get(actionName) !== undefined
    const label = known ? actionName : 'unknown'
    const stopTimer = durationOf(label).startTimer()
    let outcome: ActionOutcome = 'error'
    try {
      const response = await runAction(registry, call)
      if (!validators.actionResponse(response)) {
        outcome = 'invalid_response'
        throw new InvalidActionResponseError(
          actionName,
          describeResponseErrors(validators.actionResponse.errors, response)
        )
      }
      outcome = 'success'
      request.log.debug(
        {
          action_name: actionName,
          events: response.events.length,
          responses: response.responses.length
        },
        'action ran'
      )
      return response
    } catch (err) {
      if (err instanceof ActionRejectedError) outcome = 'rejected'
      else if (err instanceof ActionNotFoundError) outcome = 'not_found'
      throw err
    } finally {
      if (known) stopTimer()
      runsOf(label, outcome).inc()
    }
  })
}
