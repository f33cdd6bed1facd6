import type { ApiError } from '../../providers/http'

export interface InlineError {
  name: string
  errors: string[]
}

/**
 * Puts a quoted field name the server may still use ("amount" must be …) in the words the form
 * shows (Amount must be …). Only names the caller knows are replaced; other quotes stay.
 */
export function withLabels(message: string, labelOf: (name: string) => string, known: readonly string[]): string {
  return message.replace(/"([A-Za-z_][\w.]*)"/g, (quoted, name: string) => (known.includes(name) ? labelOf(name) : quoted))
}

/**
 * A refusal split for a form: errors of fields the form shows go under their inputs; the rest are
 * named by their label in the summary line, after the server's message, so nothing reads as a column name.
 */
export function fieldErrorsOf(error: ApiError, shown: readonly string[], labelOf: (name: string) => string): { inline: InlineError[]; summary: string } {
  const entries = Object.entries(error.errors ?? {}).map(([name, messages]) => [name, ([] as unknown[]).concat(messages).map(String)] as const)
  const known = [...shown, ...entries.map(([name]) => name)]
  const humane = (text: string) => withLabels(text, labelOf, known)
  const inline = entries.filter(([name]) => shown.includes(name)).map(([name, messages]) => ({ name, errors: messages.map(humane) }))
  const elsewhere = entries.filter(([name]) => !shown.includes(name)).map(([name, messages]) => `${labelOf(name)}: ${messages.map(humane).join(' ')}`)
  const summary = [error.message ? humane(error.message) : '', ...elsewhere].filter(Boolean).join(' — ')
  return { inline, summary }
}
