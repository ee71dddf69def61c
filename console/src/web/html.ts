import escapeHtml from 'escape-html'

/** Markup that is already escaped (or written by us); everything else is escaped when interpolated. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === undefined || value === null || value === false) return ''
  return escapeHtml(String(value))
}

/**
 * Tagged template for HTML: every interpolated value is escaped unless it is a SafeHtml (the result
 * of another `html` call). So nothing a user typed can reach the page unescaped by accident.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new SafeHtml(out)
}

/** Trusted markup from a constant (never from input). */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup)
