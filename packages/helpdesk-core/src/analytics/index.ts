export * from './wib-period'
export * from './sender-key'
export * from './turn-timings'
