import type { RasaTracker } from '../rasa/rasa-api'

/**
 * Whether the user restarted the conversation after a takeover began (`/reset`: Rasa's restart
 * also unpauses it), read from the tracker itself, which every console process sees alike. The
 * tracker holds the events after the latest restart, so a restart after `startedAt` leaves no
 * event older than it. A tracker that is not paused yet because a console process (this one or
 * another replica) is still starting the takeover still shows the older events: not a restart.
 */
export function restartedSince(tracker: RasaTracker, startedAt: string): boolean {
  const first = tracker.events[0]?.timestamp
  return first === undefined || first * 1000 > Date.parse(startedAt)
}
