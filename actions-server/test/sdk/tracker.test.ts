/** Tracker reads the wire tracker the way rasa-sdk's Tracker does. */
import { Tracker, type TrackerState } from '../../src/sdk'
import { midFormCall, formValidationCall } from '../helpers/rasa-payloads'

describe('Tracker', () => {
  test('When built from a mid-form tracker, then slots, latest message, entities, loop and action are readable', () => {
    const tracker = Tracker.fromState(midFormCall('action_x').tracker)

    expect(tracker.senderId).toBe('81')
    expect(tracker.getSlot('sistem')).toBe('email_dinas')
    expect(tracker.getSlot('tidak_ada')).toBeNull()
    expect(tracker.latestMessageText).toBe('198503152010011001')
    expect(tracker.getLatestEntityValues('nip')).toEqual(['198503152010011001'])
    expect(tracker.getLatestEntityValues('sistem')).toEqual([])
    expect(tracker.activeLoopName).toBe('lupa_password_form')
    expect(tracker.latestActionName).toBe('action_listen')
    expect(tracker.latestAction).toEqual({ action_name: 'action_listen' })
    expect(tracker.getIntentOfLatestMessage()).toBe('inform')
    expect(tracker.getLatestInputChannel()).toBe('rest')
  })

  test("When the tracker is minimal, then defaults are Rasa's empty values", () => {
    const tracker = Tracker.fromState({ sender_id: '1' })

    expect(tracker.latestMessage).toEqual({
      intent: {},
      entities: [],
      text: null,
      message_id: null,
      metadata: {}
    })
    expect(tracker.events).toEqual([])
    expect(tracker.activeLoopName).toBeNull()
    expect(tracker.latestActionName).toBeNull()
    expect(tracker.paused).toBe(false)
    expect(tracker.followupAction).toBeNull()
    expect(tracker.slotsToValidate()).toEqual({})
  })

  test('When only the legacy active_form is sent, then it is the active loop; {} means none', () => {
    expect(
      Tracker.fromState({ sender_id: '1', active_form: { name: 'lama_form' } }).activeLoopName
    ).toBe('lama_form')
    expect(Tracker.fromState({ sender_id: '1', active_loop: {} }).activeLoopName).toBeNull()
  })

  test('When entities carry roles and groups, then they filter', () => {
    const state: TrackerState = {
      sender_id: '1',
      latest_message: {
        entities: [
          { entity: 'sistem', value: 'simasn', role: 'asal' },
          { entity: 'sistem', value: 'email_dinas', role: 'tujuan', group: 'g1' }
        ]
      }
    }
    const tracker = Tracker.fromState(state)

    expect(tracker.getLatestEntityValues('sistem')).toEqual(['simasn', 'email_dinas'])
    expect(tracker.getLatestEntityValues('sistem', 'tujuan')).toEqual(['email_dinas'])
    expect(tracker.getLatestEntityValues('sistem', undefined, 'g1')).toEqual(['email_dinas'])
  })

  test('When nlu_fallback ranks first, then the next intent is reported unless asked not to skip it', () => {
    const tracker = Tracker.fromState({
      sender_id: '1',
      latest_message: {
        intent: { name: 'nlu_fallback', confidence: 0.3 },
        intent_ranking: [
          { name: 'nlu_fallback', confidence: 0.3 },
          { name: 'lupa_password', confidence: 0.25 }
        ]
      }
    })

    expect(tracker.getIntentOfLatestMessage()).toBe('lupa_password')
    expect(tracker.getIntentOfLatestMessage(false)).toBe('nlu_fallback')
  })

  test('When Rasa appends candidates after action(<form>), then slotsToValidate is exactly that trailing slot run', () => {
    const tracker = Tracker.fromState(
      formValidationCall('lupa_password_form', { identitas: '1985', konfirmasi: true }).tracker
    )

    expect(tracker.slotsToValidate()).toEqual({ identitas: '1985', konfirmasi: true })
  })

  test('When a non-slot event follows the slots, then there is nothing to validate', () => {
    const tracker = Tracker.fromState({
      sender_id: '1',
      events: [
        { event: 'slot', name: 'a', value: 1 },
        { event: 'action', name: 'x' }
      ]
    })

    expect(tracker.slotsToValidate()).toEqual({})
  })

  test('When events contain restart, undo and rewind, then appliedEvents applies them', () => {
    const tracker = Tracker.fromState({
      sender_id: '1',
      events: [
        { event: 'user', text: 'sebelum restart' },
        { event: 'restart' },
        { event: 'action', name: 'a1' },
        { event: 'user', text: 'u1' },
        { event: 'action', name: 'a2' },
        { event: 'undo' },
        { event: 'user', text: 'u2' },
        { event: 'rewind' }
      ]
    })

    expect(tracker.appliedEvents()).toEqual([
      { event: 'action', name: 'a1' },
      { event: 'user', text: 'u1' }
    ])
  })

  test('When slots are added locally, then getSlot sees them and the wire state is untouched', () => {
    const state: TrackerState = { sender_id: '1', slots: { a: 1 }, events: [] }
    const tracker = Tracker.fromState(state)

    tracker.addSlots([
      { event: 'slot', name: 'a', value: 2 },
      { event: 'slot', name: '__proto__', value: { polluted: true } }
    ])

    expect(tracker.getSlot('a')).toBe(2)
    expect(tracker.slotsToValidate()).toEqual({ a: 2 })
    expect(state.slots).toEqual({ a: 1 })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
