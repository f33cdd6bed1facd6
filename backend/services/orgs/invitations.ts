/**
 * Invitation links: a random token mailed once, stored only as its SHA-256; valid
 * INVITATION_VALID_DAYS; accepted once. Issuing (console or portal) goes through `issueInvitation`,
 * which mails the link after the commit, so a rolled-back invitation never mails.
 */
import { createHash, randomBytes } from 'node:crypto'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import vine from '@vinejs/vine'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { INVITATION_VALID_DAYS, MEMBER_ROLES, type MemberRole } from '#contract/orgs'
import { Conflict, DomainError, InvalidInput } from '#exceptions/domain_errors'
import type { RequestFacts } from '#services/audit'
import { sqlBindings } from '#services/sql_bindings'

/** An invitation link that can no longer be used (expired, accepted, revoked). */
export class InvitationGone extends DomainError {
  status = 410
  code = 'E_GONE'
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

const emailCheck = vine.compile(vine.object({ email: vine.string().trim().email().maxLength(254) }))

/** A normalised email address, or a field error. */
export async function inviteeEmail(raw: unknown) {
  try {
    const { email } = await emailCheck.validate({ email: raw })
    return email.toLowerCase()
  } catch {
    throw new InvalidInput([{ field: 'email', message: 'Enter a valid email address', rule: 'email' }])
  }
}

type Issue = { orgId: number; orgName: string; email: string; role: MemberRole; staffId?: number | null; customerId?: number | null }

/** Inserts a pending invitation and mails its link after the commit; one pending invitation per address and organization (409). */
export async function issueInvitation(trx: TransactionClientContract, input: Issue, facts: RequestFacts) {
  const member = await trx
    .from('organization_members as m')
    .join('customers as c', 'c.id', 'm.customer_id')
    .where({ 'm.org_id': input.orgId, 'm.status': 'active' })
    .whereRaw('lower(c.email) = ?', [input.email])
    .first()
  if (member) throw new Conflict('This person is already a member of the organization')
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + INVITATION_VALID_DAYS * 86_400_000)
  const { rows } = await trx.rawQuery(
    `INSERT INTO organization_invitations (org_id, email, role, token_hash, expires_at, invited_by_staff_id, invited_by_customer_id)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *`,
    sqlBindings([input.orgId, input.email, input.role, hashToken(token), expiresAt, input.staffId ?? null, input.customerId ?? null])
  )
  if (!rows[0]) throw new Conflict('This address already has a pending invitation to the organization (revoke or resend it)')
  mailInvitation(trx, { email: input.email, orgName: input.orgName, role: input.role, token, expiresAt }, facts)
  return rows[0] as Record<string, any>
}

/** A new token for a pending invitation (resend): the old link stops working; the expiry starts again. */
export async function renewInvitation(trx: TransactionClientContract, row: Record<string, any>, orgName: string, facts: RequestFacts) {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + INVITATION_VALID_DAYS * 86_400_000)
  await trx.from('organization_invitations').where('id', row.id).update({ token_hash: hashToken(token), expires_at: expiresAt, updated_at: new Date() })
  mailInvitation(trx, { email: row.email, orgName, role: row.role, token, expiresAt }, facts)
  return expiresAt
}

function mailInvitation(trx: TransactionClientContract, m: { email: string; orgName: string; role: MemberRole; token: string; expiresAt: Date }, facts: RequestFacts) {
  const origin = env.get('APP_URL') ?? facts.origin ?? ''
  const link = `${origin}/invitations/accept?token=${m.token}`
  const role = MEMBER_ROLES.find((r) => r.value === m.role)!.label
  const subject = `You are invited to ${m.orgName} on Creditdesk / 邀请您加入 ${m.orgName}`
  const text =
    `You are invited to join ${m.orgName} as ${role.en}.\n\nAccept the invitation (sign in or register with this address first):\n${link}\n\n` +
    `The link is valid until ${m.expiresAt.toISOString()} and works once.\n\n` +
    `您受邀以「${role['zh-CN']}」身份加入 ${m.orgName}。请先使用本邮箱登录或注册，再打开以下链接接受邀请：\n${link}\n\n链接有效期至 ${m.expiresAt.toISOString()}，仅可使用一次。`
  trx.after('commit', () =>
    mail
      .sendLater((message) => {
        message.to(m.email).subject(subject).text(text)
      })
      .catch((error) => logger.error({ err: error }, 'could not queue an invitation email'))
  )
}

/** The state an invitation row reads as now (a pending one past its expiry is expired). */
export const invitationState = (row: Record<string, any>, now = Date.now()) =>
  row.status === 'pending' && new Date(row.expires_at).getTime() <= now ? 'expired' : (row.status as string)
