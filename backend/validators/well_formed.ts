import vine from '@vinejs/vine'

/** A lone UTF-16 surrogate: half of a character, which no valid text contains. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Text must be well-formed Unicode. JSON may carry a lone surrogate (`"\ud800"`); the email
 * check would throw on it (URI malformed) and PostgreSQL would store a replacement character
 * in its place. Put it first in a chain: the rules after it are then skipped.
 */
export const wellFormed = vine.createRule(
  (value, _options, field) => {
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
      field.report('The {{ field }} field contains an invalid character', 'wellFormed', field)
    }
  },
  { name: 'wellFormed' }
)
