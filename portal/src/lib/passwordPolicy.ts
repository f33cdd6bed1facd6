/** The password policy is the contract's (backend/contract/password.ts): the server enforces the same rules. */
export { checkPassword, firstFailedRule, PASSWORD_MAX, PASSWORD_MIN, PASSWORD_RULES, type PasswordRule } from '@creditdesk/contract/password'
