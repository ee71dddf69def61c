/** The shared store's connection and time source come from the core package. */
export { systemClock, type Clock, type Db } from '@helpdesk/core'
