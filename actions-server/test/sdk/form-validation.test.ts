/** validate_<form> and action_validate_slot_mappings behave like rasa-sdk 3.6.2 (tests/test_forms.py). */
import {
  CollectingDispatcher,
  Tracker,
  actionExecutionRejected,
  defineFormValidation,
  defineSlotValidation,
  slotSet,
  type Action,
  type Domain,
  type TrackerEvent
} from '../../src/sdk'

const domain: Domain = {
  slots: {
    my_slot: {
      type: 'text',
      mappings: [{ type: 'from_text', conditions: [{ active_loop: 'some_form' }] }]
    },
    other_slot: { type: 'text', mappings: [{ type: 'from_text' }] },
    'slot-with-dash': {
      type: 'text',
      mappings: [{ type: 'from_text', conditions: [{ active_loop: 'some_form' }] }]
    },
    state: { type: 'text', mappings: [{ type: 'custom' }] },
    city: { type: 'text', mappings: [{ type: 'custom' }] }
  },
  forms: { some_form: { required_slots: ['my_slot', 'slot-with-dash'] } }
}

/** The synthetic tracker Rasa sends to validate_<form>: …, requested_slot, action(form), candidates. */
function validationTracker(
  candidates: Record<string, unknown>,
  slots: Record<string, unknown> = {}
): Tracker {
  const events: TrackerEvent[] = [
    { event: 'slot', name: 'requested_slot', value: 'my_slot' },
    { event: 'action', name: 'some_form' },
    ...Object.entries(candidates).map(([name, value]) => ({ event: 'slot', name, value }))
  ]
  return Tracker.fromState({
    sender_id: '1',
    slots: { ...slots, ...candidates },
    events,
    active_loop: { name: 'some_form' }
  })
}

async function run(
  action: Action,
  tracker: Tracker,
  dispatcher = new CollectingDispatcher()
): Promise<unknown> {
  return await action.run(dispatcher, tracker, domain)
}

describe('defineFormValidation', () => {
  test('When defined for a form, then the action is named validate_<form>', () => {
    expect(defineFormValidation({ formName: 'some_form' }).name).toBe('validate_some_form')
  })

  test('When a validator accepts and normalises, then the new value is returned as a slot event', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      slots: { my_slot: (v) => ({ my_slot: String(v).toUpperCase() }) }
    })

    expect(await run(action, validationTracker({ my_slot: 'abc' }))).toEqual([
      slotSet('my_slot', 'ABC')
    ])
  })

  test('When a validator rejects with null, then the slot event carries null', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      slots: { my_slot: () => ({ my_slot: null }) }
    })

    expect(await run(action, validationTracker({ my_slot: 'abc' }))).toEqual([
      slotSet('my_slot', null)
    ])
  })

  test('When a validator is async, sets another slot and speaks, then all of it is returned', async () => {
    const dispatcher = new CollectingDispatcher()
    const action = defineFormValidation({
      formName: 'some_form',
      slots: {
        async my_slot(_v, ctx) {
          await new Promise((resolve) => setImmediate(resolve))
          ctx.dispatcher.utterMessage({ text: 'Tidak valid.' })
          return { my_slot: null, other_slot: 'value' }
        }
      }
    })

    expect(await run(action, validationTracker({ my_slot: 'abc' }), dispatcher)).toEqual([
      slotSet('my_slot', null),
      slotSet('other_slot', 'value')
    ])
    expect(dispatcher.messages.map((m) => m.text)).toEqual(['Tidak valid.'])
  })

  test('When a candidate has no validator, then it passes through unchanged', async () => {
    const action = defineFormValidation({ formName: 'some_form' })

    expect(await run(action, validationTracker({ my_slot: 'abc' }))).toEqual([
      slotSet('my_slot', 'abc')
    ])
  })

  test('When a candidate is not a required slot of the form, then it is neither validated nor returned', async () => {
    const validator = jest.fn(() => ({ other_slot: 'x' }))
    const action = defineFormValidation({ formName: 'some_form', slots: { other_slot: validator } })

    expect(await run(action, validationTracker({ other_slot: 'abc' }))).toEqual([])
    expect(validator).not.toHaveBeenCalled()
  })

  test('When a slot name has a dash, then its validator is keyed by that name and the event keeps it', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      slots: { 'slot-with-dash': () => ({ 'slot-with-dash': 'ok' }) }
    })

    expect(await run(action, validationTracker({ 'slot-with-dash': 'x' }))).toEqual([
      slotSet('slot-with-dash', 'ok')
    ])
  })

  test('When Rasa sends zero candidates, then nothing is returned (Rasa then picks the next slot)', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      slots: { my_slot: () => ({ my_slot: 'x' }) }
    })

    expect(await run(action, validationTracker({}))).toEqual([])
  })

  test('When required slots are overridden with an extractor and a validator, then the validator gets the extracted value and requested_slot follows', async () => {
    const seen: unknown[] = []
    const action = defineFormValidation({
      formName: 'some_form',
      requiredSlots: () => ['my_slot', 'other_slot'],
      extract: { my_slot: () => ({ my_slot: 'extracted' }) },
      slots: {
        my_slot: (v) => {
          seen.push(v)
          return { my_slot: 'validated' }
        }
      }
    })

    const events = await run(action, validationTracker({}))

    expect(seen).toEqual(['extracted'])
    expect(events).toEqual([
      slotSet('my_slot', 'validated'),
      slotSet('requested_slot', 'other_slot')
    ])
  })

  test('When extraction follows the required order, then later extractors and validators see earlier results', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      requiredSlots: () => ['state', 'city'],
      extract: {
        state: () => ({ state: 'Banten' }),
        city: ({ tracker }) =>
          tracker.getSlot('state') === 'Banten' ? { city: 'Serang' } : undefined
      },
      slots: {
        city: (v, { tracker }) => ({ city: `${String(v)}, ${String(tracker.getSlot('state'))}` })
      }
    })

    expect(await run(action, validationTracker({}))).toEqual([
      slotSet('state', 'Banten'),
      slotSet('city', 'Serang, Banten'),
      slotSet('requested_slot', null)
    ])
  })

  test('When only an extractor exists, then the extracted value is emitted, then requested_slot', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      requiredSlots: () => ['my_slot'],
      extract: { my_slot: () => ({ my_slot: 'x' }) }
    })

    expect(await run(action, validationTracker({}))).toEqual([
      slotSet('my_slot', 'x'),
      slotSet('requested_slot', null)
    ])
  })

  test('When required slots return [] while the domain lists slots, then requested_slot is null (form ends)', async () => {
    const action = defineFormValidation({ formName: 'some_form', requiredSlots: () => [] })

    expect(await run(action, validationTracker({ my_slot: 'x' }))).toEqual([
      slotSet('requested_slot', null)
    ])
  })

  test('When required slots return exactly the domain list, then no requested_slot event is added', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      requiredSlots: (domainSlots) => domainSlots
    })

    expect(await run(action, validationTracker({ my_slot: 'x' }))).toEqual([
      slotSet('my_slot', 'x')
    ])
  })

  test('When the override depends on what validation set, then requested_slot uses the post-validation answer', async () => {
    const action = defineFormValidation({
      formName: 'some_form',
      requiredSlots: (domainSlots, { tracker }) =>
        tracker.getSlot('other_slot') === 'gagal' ? ['my_slot'] : [...domainSlots, 'other_slot'],
      slots: { my_slot: () => ({ my_slot: '-', other_slot: 'gagal' }) }
    })

    expect(await run(action, validationTracker({ my_slot: 'x' }))).toEqual([
      slotSet('my_slot', '-'),
      slotSet('other_slot', 'gagal'),
      slotSet('requested_slot', null)
    ])
  })

  test('When a validator returns an action_execution_rejected event through run, then it is not hidden', async () => {
    // Rejecting the whole turn is done by throwing ActionRejectedError (→ 400) or returning this event from a custom action.
    expect(actionExecutionRejected('some_form')).toEqual({
      event: 'action_execution_rejected',
      name: 'some_form',
      policy: null,
      confidence: null,
      timestamp: null
    })
  })
})

describe('defineSlotValidation (action_validate_slot_mappings)', () => {
  test('When slots are conditioned on a form, then the global validator ignores them', async () => {
    const validator = jest.fn(() => ({ my_slot: 'x' }))
    const action = defineSlotValidation({ slots: { my_slot: validator } })
    const tracker = Tracker.fromState({
      sender_id: '1',
      events: [{ event: 'user' }, { event: 'slot', name: 'my_slot', value: 'a' }]
    })

    expect(action.name).toBe('action_validate_slot_mappings')
    expect(await action.run(new CollectingDispatcher(), tracker, domain)).toEqual([])
    expect(validator).not.toHaveBeenCalled()
  })

  test('When a global slot is a candidate, then it is validated and never followed by requested_slot', async () => {
    const action = defineSlotValidation({
      slots: { other_slot: (v) => ({ other_slot: String(v).trim() }) }
    })
    const tracker = Tracker.fromState({
      sender_id: '1',
      events: [{ event: 'user' }, { event: 'slot', name: 'other_slot', value: '  a ' }]
    })

    expect(await action.run(new CollectingDispatcher(), tracker, domain)).toEqual([
      slotSet('other_slot', 'a')
    ])
  })

  test('When the domain is absent (selective domain), then there are no global slots and nothing happens', async () => {
    const action = defineSlotValidation({ slots: { other_slot: () => ({ other_slot: 'b' }) } })
    const tracker = Tracker.fromState({
      sender_id: '1',
      events: [{ event: 'slot', name: 'other_slot', value: 'a' }]
    })

    expect(await action.run(new CollectingDispatcher(), tracker, {})).toEqual([])
  })
})
