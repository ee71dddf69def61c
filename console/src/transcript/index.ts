/** Conversation transcripts from Rasa events (tracker store or HTTP tracker), for any console page. */
export * from './rasa-events'
export * from './conversation-signals'
export * from './transcript'
export * from './transcript-view'
export * from './audited-transcript'
