import vine from '@vinejs/vine'
import { checkPassword, passwordLength, PASSWORD_MAX, PASSWORD_MIN } from '#contract/password'
import { wellFormed } from './well_formed.js'

/** Email as typed at sign-in or registration: well-formed text, trimmed, lower-cased, a real address. */
export const email = () => vine.string().use(wellFormed()).trim().toLowerCase().email().maxLength(254)

/**
 * The password policy for both identities, from the contract (backend/contract/password.ts):
 * 10–128 characters, at least one letter (any script) and one digit, and not the account's own
 * email (`notSameAs('email')` where the email is in the same form). Reports the same rule names
 * as vine's own length and regex rules, so `passwordMessages` words them.
 */
const passwordPolicy = vine.createRule(
  (value, _options, field) => {
    if (typeof value !== 'string') return
    const length = passwordLength(value)
    if (length < PASSWORD_MIN) field.report('The {{ field }} field must have at least {{ min }} characters', 'minLength', field, { min: PASSWORD_MIN })
    else if (length > PASSWORD_MAX) field.report('The {{ field }} field must not be greater than {{ max }} characters', 'maxLength', field, { max: PASSWORD_MAX })
    else if (!checkPassword(value).letterDigit) field.report('The {{ field }} field format is invalid', 'regex', field)
  },
  { name: 'passwordPolicy' }
)

export const password = () => vine.string().use(passwordPolicy())

export const passwordMessages = {
  'password.minLength': 'The password must be at least 10 characters long',
  'password.maxLength': 'The password must be at most 128 characters long',
  'password.regex': 'The password must contain at least one letter and one digit',
  'password.notSameAs': 'The password must not be your email address',
  'email.email': 'Enter a valid email address',
  'email.wellFormed': 'Enter a valid email address',
  'email.required': 'Enter your email address',
  'password.required': 'Enter a password',
  'current_password.required': 'Enter your current password',
}

export const signInValidator = vine.create(
  vine.object({
    email: email(),
    password: vine.string().minLength(1).maxLength(128),
  })
)

export const registerValidator = vine.create(
  vine.object({
    email: email(),
    password: password().notSameAs('email'),
    nickname: vine.string().use(wellFormed()).trim().minLength(1).maxLength(80).optional(),
  })
)

export const changePasswordValidator = vine.create(
  vine.object({
    current_password: vine.string().minLength(1).maxLength(128),
    password: password(),
  })
)

export const profileValidator = vine.create(
  vine.object({
    nickname: vine.string().trim().minLength(1).maxLength(80).nullable().optional(),
    phone: vine
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 \-]{5,30}$/)
      .nullable()
      .optional(),
  })
)

export const passwordResetValidator = vine.create(
  vine.object({
    token: vine.string().trim().minLength(20).maxLength(200),
    password: password(),
  })
)
