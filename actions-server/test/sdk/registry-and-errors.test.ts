/** Registry fails at start on bad names; executor and error codes are public API. */
import {
  ActionExecutionRejection,
  ActionNotFoundError,
  ActionRejectedError,
  ActionServerError,
  DuplicateActionError,
  InvalidActionNameError,
  createActionRegistry,
  defineAction,
  runAction,
  slotSet,
  type Event
} from '../../src/sdk'

const noop = (name: string) => defineAction({ name, run: () => [] })

describe('createActionRegistry', () => {
  test('When two actions share a name, then it throws DuplicateActionError at start', () => {
    expect(() =>
      createActionRegistry([noop('action_sapa'), noop('action_fallback'), noop('action_sapa')])
    ).toThrow(new DuplicateActionError('action_sapa'))
  })

  test.each(['', ' ', 'action sapa'])(
    'When a name is %j, then it throws InvalidActionNameError',
    (name) => {
      expect(() => createActionRegistry([noop(name)])).toThrow(InvalidActionNameError)
    }
  )

  test('When actions are registered, then names() keeps registration order', () => {
    expect(createActionRegistry([noop('b'), noop('a')]).names()).toEqual(['b', 'a'])
  })
})

describe('runAction', () => {
  test('When the action returns nothing, then events are [] and responses are what it uttered', async () => {
    const registry = createActionRegistry([
      defineAction({
        name: 'a',
        run: (d) => {
          d.utterMessage({ text: 'x' })
        }
      })
    ])

    const result = await runAction(registry, { next_action: 'a', tracker: { sender_id: '1' } })

    expect(result.events).toEqual([])
    expect(result.responses.map((m) => m.text)).toEqual(['x'])
  })

  test('When the action returns non-objects or objects without event, then those are dropped (rasa-sdk)', async () => {
    const junk = [
      slotSet('a', 1),
      null,
      'x',
      { name: 'no-event' },
      { event: '' },
      { event: 'user' }
    ] as unknown as Event[]
    const registry = createActionRegistry([defineAction({ name: 'a', run: () => junk })])

    const result = await runAction(registry, { next_action: 'a', tracker: { sender_id: '1' } })

    expect(result.events).toEqual([slotSet('a', 1), { event: 'user' }])
  })

  test('When the name is unknown, then ActionNotFoundError', async () => {
    await expect(
      runAction(createActionRegistry([]), { next_action: 'x', tracker: { sender_id: '1' } })
    ).rejects.toThrow(new ActionNotFoundError('x'))
  })
})

describe('error catalogue', () => {
  test.each([
    [
      new ActionNotFoundError('a'),
      'ActionNotFoundError',
      'ACT_ERR_ACTION_NOT_FOUND',
      "No registered action found for name 'a'."
    ],
    [
      new ActionRejectedError('a'),
      'ActionRejectedError',
      'ACT_ERR_ACTION_REJECTED',
      "Custom action 'a' rejected execution."
    ],
    [
      new ActionRejectedError('a', 'Alasan.'),
      'ActionRejectedError',
      'ACT_ERR_ACTION_REJECTED',
      'Alasan.'
    ],
    [
      new DuplicateActionError('a'),
      'DuplicateActionError',
      'ACT_ERR_DUPLICATE_ACTION',
      "Action 'a' is registered more than once."
    ],
    [
      new InvalidActionNameError('a b'),
      'InvalidActionNameError',
      'ACT_ERR_INVALID_ACTION_NAME',
      "Action name 'a b' is not a valid Rasa action name."
    ]
  ])(
    'When %s is built, then name, code, message and actionName are stable',
    (error, name, code, message) => {
      expect(error).toBeInstanceOf(ActionServerError)
      expect(error.name).toBe(name)
      expect(error.code).toBe(code)
      expect(error.message).toBe(message)
      expect(error.actionName).toBe(error instanceof InvalidActionNameError ? 'a b' : 'a')
    }
  )

  test("When using rasa-sdk's name ActionExecutionRejection, then it is the same class", () => {
    expect(new ActionExecutionRejection('a')).toBeInstanceOf(ActionRejectedError)
  })
})
