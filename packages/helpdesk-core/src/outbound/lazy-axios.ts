/**
 * axios, loaded only when an HTTP provider (directory, reset, WhatsApp Cloud API) is built: it
 * costs about 19 MiB of resident memory and 0.4 s at start in every process that imports
 * @helpdesk/core, also in deployments that configure none of them (issue 18.1).
 */
import type { AxiosError, AxiosInstance, AxiosStatic } from 'axios'

export function createAxiosInstance(): AxiosInstance {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  const axios = require('axios') as { default: AxiosStatic }
  return axios.default.create()
}

/** axios's own test (`isAxiosError`), without loading axios to run it. */
export function isAxiosError(err: unknown): err is AxiosError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { isAxiosError?: unknown }).isAxiosError === true
  )
}
