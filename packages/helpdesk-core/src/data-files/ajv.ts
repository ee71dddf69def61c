import Ajv, { type ErrorObject } from 'ajv'
import addFormats from 'ajv-formats'

/** One ajv instance for the data-file schemas: all errors, formats, no coercion. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true })
  addFormats(ajv)
  return ajv
}

/** Human description of an ajv error without the offending value (it may be personal data). */
export function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `missing required field "${String(params.missingProperty)}"`
    case 'additionalProperties':
      return `unknown field "${String(params.additionalProperty)}"`
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`
    case 'pattern':
      return `must match ${String(params.pattern)}`
    default:
      return error.message ?? error.keyword
  }
}
