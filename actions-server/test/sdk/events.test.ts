/** Every event factory emits exactly rasa-sdk's JSON and passes Rasa 3.6's event schema. */
import Ajv from 'ajv'
import * as sdk from '../../src/sdk'
import { rasaEventSchema } from '../../src/http/rasa-event-schema'

const ajv = new Ajv({ strict: false })
const isValidRasaEvent = ajv.compile(rasaEventSchema)

/** [factory call, exact JSON] — one row per event name Rasa accepts. */
const cases: Array<[string, unknown, unknown]> = [
  [
    'slot',
    sdk.slotSet('sistem', 'email_dinas'),
    { event: 'slot', timestamp: null, name: 'sistem', value: 'email_dinas' }
  ],
  ['reset_slots', sdk.allSlotsReset(), { event: 'reset_slots', timestamp: null }],
  ['restart', sdk.restarted(), { event: 'restart', timestamp: null }],
  ['session_started', sdk.sessionStarted(), { event: 'session_started', timestamp: null }],
  [
    'user',
    sdk.userUttered('halo', { intent: { name: 'greet', confidence: 1 }, entities: [] }, 'rest'),
    {
      event: 'user',
      timestamp: null,
      text: 'halo',
      parse_data: { intent: { name: 'greet', confidence: 1 }, entities: [] },
      input_channel: 'rest'
    }
  ],
  [
    'bot',
    sdk.botUttered('Halo!', { buttons: [{ title: 'Ya', payload: '/affirm' }] }),
    {
      event: 'bot',
      timestamp: null,
      text: 'Halo!',
      data: { buttons: [{ title: 'Ya', payload: '/affirm' }] },
      metadata: {}
    }
  ],
  [
    'action',
    sdk.actionExecuted('action_sapa', { policy: 'RulePolicy', confidence: 1 }),
    { event: 'action', name: 'action_sapa', policy: 'RulePolicy', confidence: 1, timestamp: null }
  ],
  [
    'followup',
    sdk.followupAction('action_hubungi_petugas'),
    { event: 'followup', timestamp: null, name: 'action_hubungi_petugas' }
  ],
  ['pause', sdk.conversationPaused(), { event: 'pause', timestamp: null }],
  ['resume', sdk.conversationResumed(), { event: 'resume', timestamp: null }],
  ['rewind', sdk.userUtteranceReverted(), { event: 'rewind', timestamp: null }],
  ['undo', sdk.actionReverted(), { event: 'undo', timestamp: null }],
  ['export', sdk.storyExported(), { event: 'export', timestamp: null }],
  [
    'reminder',
    sdk.reminderScheduled('EXTERNAL_cek_tiket', new Date('2026-01-02T03:04:05.000Z'), {
      name: 'cek-TIK-1',
      entities: [{ entity: 'nip', value: 'x' }]
    }),
    {
      event: 'reminder',
      timestamp: null,
      intent: 'EXTERNAL_cek_tiket',
      entities: [{ entity: 'nip', value: 'x' }],
      date_time: '2026-01-02T03:04:05.000Z',
      name: 'cek-TIK-1',
      kill_on_user_msg: true
    }
  ],
  [
    'cancel_reminder',
    sdk.reminderCancelled({ name: 'cek-TIK-1' }),
    { event: 'cancel_reminder', timestamp: null, intent: null, entities: null, name: 'cek-TIK-1' }
  ],
  [
    'active_loop',
    sdk.activeLoop('lupa_password_form'),
    { event: 'active_loop', name: 'lupa_password_form', timestamp: null }
  ],
  [
    'loop_interrupted',
    sdk.loopInterrupted(true),
    { event: 'loop_interrupted', is_interrupted: true, timestamp: null }
  ],
  [
    'action_execution_rejected',
    sdk.actionExecutionRejected('lupa_password_form'),
    {
      event: 'action_execution_rejected',
      name: 'lupa_password_form',
      policy: null,
      confidence: null,
      timestamp: null
    }
  ],
  [
    'agent',
    sdk.agentUttered('hai', { a: 1 }),
    { event: 'agent', text: 'hai', data: { a: 1 }, timestamp: null }
  ],
  [
    'entities',
    sdk.entitiesAdded([{ entity: 'sistem', value: 'simasn' }]),
    { event: 'entities', timestamp: null, entities: [{ entity: 'sistem', value: 'simasn' }] }
  ],
  [
    'user_featurization',
    sdk.userFeaturization(false),
    { event: 'user_featurization', timestamp: null, use_text_for_featurization: false }
  ],
  [
    'form',
    sdk.form('lupa_password_form'),
    { event: 'form', name: 'lupa_password_form', timestamp: null }
  ],
  [
    'form_validation',
    sdk.formValidation(false),
    { event: 'form_validation', validate: false, timestamp: null }
  ]
]

describe('event factories', () => {
  test('When listing the accepted names, then there are exactly the 23 of Rasa 3.6 and one factory case each', () => {
    expect(sdk.EVENT_NAMES).toHaveLength(23)
    expect(cases.map(([name]) => name).sort()).toEqual([...sdk.EVENT_NAMES].sort())
    expect(rasaEventSchema.oneOf.map((branch) => branch.properties.event.const).sort()).toEqual(
      [...sdk.EVENT_NAMES].sort()
    )
  })

  test.each(cases)(
    'When building "%s", then the JSON is exactly rasa-sdk\'s and Rasa\'s schema accepts it',
    (_name, built, expected) => {
      expect(JSON.parse(JSON.stringify(built))).toEqual(expected)
      expect(isValidRasaEvent(built)).toBe(true)
    }
  )

  test('When a slot value is undefined, then the event still carries value: null (Rasa requires the key)', () => {
    const event = sdk.slotSet('identitas', undefined)

    expect(JSON.parse(JSON.stringify(event))).toEqual({
      event: 'slot',
      timestamp: null,
      name: 'identitas',
      value: null
    })
    expect(isValidRasaEvent(JSON.parse(JSON.stringify(event)))).toBe(true)
  })

  test('When a timestamp and metadata are given, then both are written', () => {
    expect(
      sdk.slotSet('a', 1, { timestamp: 1700000000.5, metadata: { source: 'validator' } })
    ).toEqual({
      event: 'slot',
      timestamp: 1700000000.5,
      name: 'a',
      value: 1,
      metadata: { source: 'validator' }
    })
  })

  test("When userUttered gets no parse data, then it sends {} (rasa-sdk's null would be rejected by Rasa)", () => {
    const event = sdk.userUttered('halo')

    expect(event).toEqual({
      event: 'user',
      timestamp: null,
      text: 'halo',
      parse_data: {},
      input_channel: null
    })
    expect(isValidRasaEvent(event)).toBe(true)
  })
})

describe('Rasa 3.6 event schema (as used to validate our responses)', () => {
  test.each([
    ['slot without value', { event: 'slot', timestamp: null, name: 'x' }],
    ['slot with a non-string name', { event: 'slot', name: 1, value: 'v' }],
    ['user with parse_data null', { event: 'user', text: 'x', parse_data: null }],
    ['an unknown event name', { event: 'slot_was_set', name: 'x', value: 1 }],
    ['a string timestamp', { event: 'restart', timestamp: 'now' }],
    ['list metadata', { event: 'restart', metadata: [] }],
    ['entities given as an object', { event: 'entities', entities: { entity: 'nip', value: '1' } }],
    ['an entity without value', { event: 'entities', entities: [{ entity: 'nip' }] }],
    ['action with a numeric policy', { event: 'action', name: 'a', policy: 1 }]
  ])('When an event is %s, then it is rejected', (_label, event) => {
    expect(isValidRasaEvent(event)).toBe(false)
  })

  test.each([
    ['slot with value null', { event: 'slot', timestamp: null, name: 'x', value: null }],
    ['user with parse_data {}', { event: 'user', parse_data: {} }],
    ['action with name null (e2e)', { event: 'action', name: null }]
  ])('When an event is %s, then it is accepted', (_label, event) => {
    expect(isValidRasaEvent(event)).toBe(true)
  })
})
