import type { AxiosInstance } from 'axios'
import { createAxiosInstance } from '../outbound/lazy-axios'
import { createAjv } from '../data-files/ajv'
import { employeeSchema } from './employee-schema'
import { DirectoryUnavailableError, type Employee, type EmployeeDirectory } from './types'
import { attemptTimeoutMs } from '../outbound/deadline'
import { describeHttpError, withRetry, type RetryPolicy } from '../outbound/retry'

export interface DirectoryApiOptions {
  baseUrl: string
  token?: string
  timeoutMs: number
  retry: RetryPolicy
  /** Injected for tests; defaults to a new axios instance. */
  http?: AxiosInstance
}

const validateEmployee = createAjv().compile(employeeSchema)

/**
 * Employee directory backed by the agency's HR API (wire format in actions-server/README.md):
 * `POST {baseUrl}/pegawai/cari` with `{"nip": "…"}` or `{"nik": "…"}` and a bearer token;
 * 200 `{"pegawai": {…record…}}` = found, 404 = not found. Identity numbers travel in the body,
 * never in the URL, so they stay out of access logs.
 */
export function createDirectoryApi(options: DirectoryApiOptions): EmployeeDirectory {
  const http = options.http ?? createAxiosInstance()
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json'
  }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  const url = `${options.baseUrl.replace(/\/+$/, '')}/pegawai/cari`

  async function find(query: { nip: string } | { nik: string }): Promise<Employee | undefined> {
    let response
    try {
      response = await withRetry(
        () =>
          http.post<unknown>(url, query, {
            headers,
            timeout: attemptTimeoutMs(options.timeoutMs),
            validateStatus: (status) => status === 200 || status === 404
          }),
        options.retry
      )
    } catch (err) {
      throw new DirectoryUnavailableError(`directory API failed: ${describeHttpError(err)}`)
    }
    if (response.status === 404) return undefined
    const body = response.data as { pegawai?: unknown } | null
    const record = body?.pegawai
    if (record === null || record === undefined) return undefined
    if (!validateEmployee(record))
      throw new DirectoryUnavailableError(
        'directory API answered with a record that breaks the directory schema'
      )
    return record as unknown as Employee
  }

  return {
    kind: 'http',
    findByNip: async (nip) => await find({ nip }),
    findByNik: async (nik) => await find({ nik })
  }
}
