import vine from '@vinejs/vine'
import { wellFormed } from './well_formed.js'

/** Email as typed at sign-in or registration: well-formed text, trimmed, lower-cased, a real address. */
export const email = () => vine.string().use(wellFormed()).trim().toLowerCase().email().maxLength(254)

/**
 * The password policy for both identities: 10–128 characters with at least one letter and
 * one digit, and not the account's own email.
 */
export const password = () =>
  vine
    .string()
    .minLength(10)
    .maxLength(128)
    .regex(/[A-Za-z]/)
    .regex(/[0-9]/)

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
