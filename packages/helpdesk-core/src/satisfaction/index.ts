export * from './survey-message'
export * from './satisfaction-repository'
