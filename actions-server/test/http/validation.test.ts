/**
 * The response check that keeps Rasa from dropping a whole reply: every event is checked against
 * its own type's schema (picked by `event`), and problems are named per event.
 */
import type { ActionResponse } from '../../src/sdk'
import { createWebhookValidators, describeResponseErrors } from '../../src/http/validation'

const validators = createWebhookValidators()
const problemsOf = (response: unknown): string[] | null =>
  validators.actionResponse(response)
    ? null
    : describeResponseErrors(validators.actionResponse.errors, response as ActionResponse)

describe('action response validation', () => {
  test('When every event matches its type, then the response passes', () => {
    expect(
      problemsOf({
        events: [
          { event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 0 },
          { event: 'action', name: 'action_listen' },
          { event: 'followup', name: 'action_sapa' }
        ],
        responses: [{ text: 'Halo' }]
      })
    ).toBeNull()
  })

  test('When an event type is unknown to Rasa 3.6, then it is named', () => {
    expect(
      problemsOf({ events: [{ event: 'slot_set', name: 'x', value: 1 }], responses: [] })
    ).toEqual(['/events/0 has an event type Rasa 3.6 does not accept ("slot_set")'])
  })

  test("When a known event misses a field of its own type, then only that type's rule is reported", () => {
    expect(
      problemsOf({
        events: [
          { event: 'slot', name: 'a', value: 1 },
          { event: 'slot', name: 'b' }
        ],
        responses: []
      })
    ).toEqual(["/events/1 must have required property 'value'"])
  })

  test('When an event has no type at all, then that is the problem reported', () => {
    expect(problemsOf({ events: [{ name: 'x' }], responses: [] })).toEqual([
      "/events/0 must have required property 'event'"
    ])
  })
})
