/**
 * Names in the bot's Rasa project (rasa-project/data/rules.yml, domain.yml) that tell what
 * happened in a conversation. One list, used by the transcript (marks) and the review list (filters).
 */

/** Intent the FallbackClassifier predicts when no intent is confident enough. */
export const FALLBACK_INTENTS: readonly string[] = ['nlu_fallback']
/** Actions the bot runs when it did not understand (ours, and Rasa's default one). */
export const FALLBACK_ACTIONS: readonly string[] = ['action_fallback', 'action_default_fallback']
/** Actions that hand the conversation to a person (the handoff opens a ticket). */
export const HANDOFF_ACTIONS: readonly string[] = ['action_hubungi_petugas']
/** Metadata keys of a `bot` event written on behalf of a staff member (the takeover branch). */
export const STAFF_METADATA_KEYS: readonly string[] = ['petugas', 'staff']
/**
 * How a staff reply is signed in the user's chat ("rina (petugas): …"), and so in the tracker's
 * `agent` event. The takeover writes it (takeover/user-messages.ts); the transcript, which names
 * the staff member itself, reads the text without it.
 */
export const staffSignature = (staff: string): string => `${staff} (petugas): `
