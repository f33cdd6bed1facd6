/**
 * Validation messages people can read: "Amount must be greater than zero" (金额必须大于零 in
 * zh-CN), never `"amount" must be greater than zero` or "The amount field must be defined".
 *
 * One place for every validator: the exception handler passes each field error of a 422 through
 * `humaniseErrors`, with the labels of the fields the request was about (the resource's or the
 * action's declaration) and the request's language. Validators and use cases keep writing plain
 * messages that name the field in quotes; a message that matches one of the phrases below is
 * rewritten in the caller's language with the field's label, any other message gets the label in
 * place of the quoted name. Specific messages ("The minimum refund is 10.00 USD") stay as written.
 * Refusals that name no field (REFUSALS below: maker-checker, overdraw, reversal) are given in zh-CN too.
 */
import type { Label } from '#engine/types'

export type Locale = 'en' | 'zh-CN'
export type FieldError = { field: string; message: string; rule?: string }

type Phrase = { match: string; en: string; zh: string }

/** `match` is how the message reads when written; `{field}` is the field, other `{names}` are carried over. */
const PHRASES: Phrase[] = [
  // VineJS's own wording
  { match: 'The {field} field must be defined', en: '{field} is required', zh: '请填写{field}' },
  { match: 'The {field} field must be a string', en: '{field} must be text', zh: '{field}必须是文本' },
  { match: 'The {field} field must be a valid email address', en: '{field} must be a valid email address', zh: '{field}不是有效的邮箱地址' },
  { match: 'The {field} field format is invalid', en: '{field} is not in the expected format', zh: '{field}格式不正确' },
  { match: 'The {field} field must have at least {min} characters', en: '{field} must have at least {min} characters', zh: '{field}至少需要 {min} 个字符' },
  { match: 'The {field} field must not be greater than {max} characters', en: '{field} must be at most {max} characters', zh: '{field}不能超过 {max} 个字符' },
  { match: 'The selected {field} is invalid', en: '{field}: choose one of the options', zh: '请选择有效的{field}' },
  { match: 'The {field} field must be a number', en: '{field} must be a number', zh: '{field}必须是数字' },
  { match: 'The {field} field must be at least {min}', en: '{field} must be at least {min}', zh: '{field}不能小于 {min}' },
  { match: 'The {field} field must not be greater than {max}', en: '{field} must be at most {max}', zh: '{field}不能大于 {max}' },
  { match: 'The {field} field must be positive', en: '{field} must be greater than zero', zh: '{field}必须大于零' },
  { match: 'The {field} field must be an integer', en: '{field} must be a whole number', zh: '{field}必须是整数' },
  { match: 'The {field} field must not have more than {max} items', en: '{field} can have at most {max} items', zh: '{field}最多 {max} 项' },
  { match: 'The {field} field has duplicate values', en: '{field} has duplicate values', zh: '{field}存在重复值' },
  // the resource engine and the ledger's amount rules
  { match: '"{field}" is required', en: '{field} is required', zh: '请填写{field}' },
  { match: '"{field}" cannot be empty', en: '{field} cannot be empty', zh: '{field}不能为空' },
  { match: '"{field}" cannot be changed here', en: '{field} cannot be changed here', zh: '{field}不可在此修改' },
  { match: '"{field}" must be greater than zero', en: '{field} must be greater than zero', zh: '{field}必须大于零' },
  { match: '"{field}" must be at most {max}', en: '{field} must be at most {max}', zh: '{field}不能大于 {max}' },
  { match: '"{field}" must be an ISO 8601 date', en: '{field} must be a date and time', zh: '{field}必须是有效的日期时间' },
  { match: '"{field}" must be an amount like 12.50 (more than {scale} decimal places)', en: '{field} can have at most {scale} decimal places', zh: '{field}最多保留 {scale} 位小数' },
  { match: '"{field}" must be an amount like 12.50 ({detail})', en: '{field} must be an amount like 12.50', zh: '{field}必须是金额，如 12.50' },
  { match: '"{field}" has more than {scale} decimal places', en: '{field} can have at most {scale} decimal places', zh: '{field}最多保留 {scale} 位小数' },
  {
    match: '"{field}" must be a positive decimal amount written as a string, like "12.50"',
    en: '{field} must be a positive amount written as text, like "12.50"',
    zh: '{field}必须是以文本书写的正数金额，如 "12.50"',
  },
  { match: '"{field}" must list an amount per currency, like {"USD": "9.90"}', en: '{field}: enter an amount per currency, like {"USD": "9.90"}', zh: '{field}：请按币种填写金额，如 {"USD": "9.90"}' },
  { match: 'The {currency} amount of "{field}" is not valid ({detail})', en: 'The {currency} amount of {field} is not valid ({detail})', zh: '{field}中 {currency} 的金额无效：请填写如 "9.90" 的金额，小数位不超过该币种精度' },
  // grant voucher (actions/users/grant_voucher.ts)
  { match: 'Enter either how many days the voucher is valid or its expiry date', en: 'Enter either how many days the voucher is valid or its expiry date', zh: '请填写代金券的有效天数或到期时间（二选一）' },
  { match: 'The expiry date must be in the future', en: 'The expiry date must be in the future', zh: '到期时间必须晚于当前时间' },
  { match: 'A reason is required (at least 3 characters)', en: 'A reason is required (at least 3 characters)', zh: '请填写原因（至少 3 个字符）' },
]

/** Labels of fields that are not declared on a resource (the engine's own, the portal's forms). */
const COMMON_LABELS: Record<string, Label> = {
  reason: { 'en': 'Reason', 'zh-CN': '原因' },
  email: { 'en': 'Email', 'zh-CN': '邮箱' },
  password: { 'en': 'Password', 'zh-CN': '密码' },
  current_password: { 'en': 'Current password', 'zh-CN': '当前密码' },
  nickname: { 'en': 'Nickname', 'zh-CN': '昵称' },
  phone: { 'en': 'Phone', 'zh-CN': '手机号' },
  code: { 'en': 'Code', 'zh-CN': '兑换码' },
  amount: { 'en': 'Amount', 'zh-CN': '金额' },
  token: { 'en': 'Link', 'zh-CN': '链接' },
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A written message with `{names}` → a pattern that finds it and the names of what it carries. */
function compile(match: string) {
  const names: string[] = []
  const source = match
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1]
      if (!name) return escape(part)
      names.push(name)
      return '(.+?)'
    })
    .join('')
  return { names, pattern: new RegExp(`^${source}$`) }
}

const COMPILED = PHRASES.map((phrase) => ({ phrase, ...compile(phrase.match) }))

function fill(template: string, values: Record<string, string>) {
  return template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '')
}

const capitalise = (text: string) => (text ? text[0].toLocaleUpperCase() + text.slice(1) : text)

/** "valid_days" → "Valid days": a readable name for a field no declaration labels. */
const fallbackLabel = (field: string) => capitalise(field.split('.').pop()!.replace(/_/g, ' '))

export function localeOf(acceptLanguage: string | undefined | null): Locale {
  return (acceptLanguage ?? '').trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** One field error in the caller's words. */
export function humaniseError(error: FieldError, labels: Record<string, Label>, locale: Locale): FieldError {
  // a field the form does not have is named as sent: there is no label to give
  if (error.rule === 'unknown') return error
  const known = labels[error.field] ?? COMMON_LABELS[error.field]
  const label = known ? known[locale] : fallbackLabel(error.field)
  for (const { phrase, names, pattern } of COMPILED) {
    const found = pattern.exec(error.message)
    if (!found) continue
    const values: Record<string, string> = { field: label }
    names.forEach((name, i) => name !== 'field' && (values[name] = found[i + 1]))
    return { ...error, message: capitalise(fill(locale === 'zh-CN' ? phrase.zh : phrase.en, values)) }
  }
  const quoted = `"${error.field}"`
  if (!error.message.includes(quoted)) return error
  const message = error.message.split(quoted).join(label)
  return { ...error, message: capitalise(message) }
}

export function humaniseErrors(errors: FieldError[], labels: Record<string, Label>, locale: Locale): FieldError[] {
  return errors.map((error) => humaniseError(error, labels, locale))
}

/**
 * Refusals that are not about one field (409, 403, 400), in zh-CN for a zh-CN request when the
 * message is one of these; amounts and states inside them are carried over as written.
 */
const REFUSALS: Array<{ match: string; zh: string }> = [
  { match: "The customer's cash balance is {cash}: a debit of {amount} would overdraw it", zh: '该用户现金余额为 {cash}，扣减 {amount} 将导致透支' },
  { match: 'You requested this cash adjustment, so you cannot approve it: another finance member must review it (maker-checker)', zh: '这笔余额调整由你发起，你不能批准：需由另一位财务人员复核（双人复核）' },
  { match: 'You requested this cash adjustment, so you cannot reject it: another finance member must review it (maker-checker)', zh: '这笔余额调整由你发起，你不能驳回：需由另一位财务人员复核（双人复核）' },
  { match: 'This cash adjustment is already approved; only a pending one can be {verb}', zh: '这笔余额调整已通过，只有待复核的调整可以操作' },
  { match: 'This cash adjustment is already rejected; only a pending one can be {verb}', zh: '这笔余额调整已驳回，只有待复核的调整可以操作' },
  { match: 'This session has already ended', zh: '该会话已结束' },
  { match: 'This idempotency key was already used with a different request', zh: '该请求编号已用于另一笔不同的请求，请关闭对话框后重新提交' },
  { match: 'A {type} transaction cannot be reversed by hand: {rest}', zh: '此类流水不能手工冲正：充值、退款、争议和余额调整有各自的处理流程；只有兑换、代金券发放、代金券过期和消费扣费可以冲正' },
]

const COMPILED_REFUSALS = REFUSALS.map((refusal) => ({ refusal, ...compile(refusal.match) }))

export function humaniseMessage(message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message
  for (const { refusal, names, pattern } of COMPILED_REFUSALS) {
    const found = pattern.exec(message)
    if (!found) continue
    return fill(refusal.zh, Object.fromEntries(names.map((name, i) => [name, found[i + 1]])))
  }
  return message
}
