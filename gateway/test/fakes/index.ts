/** Reusable loopback fakes: the Telegram Bot API, Rasa's REST channel, and update builders. */
export * from './fake-bot-api'
export * from './fake-rasa'
export * from './updates'
export { parseMultipart, type UploadedFile } from './multipart'
