import type { HttpContext } from '@adonisjs/core/http'
import type Customer from '#models/customer'
import { signInWithSession, signOutOfSession } from '../sign_in_session.js'
import registerCustomer from '#actions/auth/register_customer'
import { registerValidator, signInValidator, passwordMessages, passwordResetValidator } from '#validators/auth'
import completePasswordReset, { RefusedLink } from '#actions/auth/complete_password_reset'
import { auditRefusal } from '#middleware/audited_refusal'
import { runUseCase } from '#http/use_cases'
import db from '@adonisjs/lucid/services/db'
import { describeCustomerTier } from '#services/tiers/describe'
import { presentCustomer } from '../presenters.js'
import { SimpleMessagesProvider } from '@vinejs/vine'
import { assertOnlyKeys } from '#validators/strict'
import { acting, type Acting } from '#services/portal/acting'
import { personOrgs } from '#services/orgs/members'
import { ROLE_CAPABILITIES } from '#contract/orgs'
import { DomainError } from '#exceptions/domain_errors'

/** Portal registration, sign-in, sign-out and "who am I". */
export default class CustomerAuthController {
  async register(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['email', 'password', 'nickname'])
    const input = await ctx.request.validateUsing(registerValidator, { messagesProvider: new SimpleMessagesProvider(passwordMessages) })
    // the same answer whether or not the address already had an account (no enumeration);
    // the owner learns which by email, and a new customer signs in next
    const reply = await runUseCase(ctx, registerCustomer, input)
    ctx.response.status(202)
    return reply
  }

  async login(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['email', 'password'])
    const { email, password } = await ctx.request.validateUsing(signInValidator)
    const customer = (await signInWithSession(ctx, 'customer', email, password)) as Customer
    return { user: presentCustomer(customer) }
  }

  /** Sets a new password from a one-time reset link issued by support. */
  async resetPassword(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['token', 'password'])
    const { token, password } = await ctx.request.validateUsing(passwordResetValidator, { messagesProvider: new SimpleMessagesProvider(passwordMessages) })
    try {
      await runUseCase(ctx, completePasswordReset, { token, password })
    } catch (error) {
      if (error instanceof RefusedLink) {
        await auditRefusal(ctx, 'password_reset', { action: 'password.reset_refused', resource: 'users', recordId: error.customerId, metadata: { why: error.why } })
      }
      throw error
    }
    return ctx.response.noContent()
  }

  async logout(ctx: HttpContext) {
    await signOutOfSession(ctx, 'customer')
    return ctx.response.noContent()
  }

  /**
   * `{ user, tier, orgs, acting }`: the tier of the account acted in with its source, effective
   * limits, max keys and the next tier (contract CustomerTierWire); the organizations the person
   * belongs to; and the account this request acts in (`X-Creditdesk-Org`) with the role's portal
   * capabilities. An organization the person no longer belongs to falls back to their own account
   * (`acting.orgId` null), so the portal drops the stale choice.
   */
  async me(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as any
    const personId = Number(customer.id)
    let current: Acting
    try {
      current = await acting(ctx)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      current = { customerId: personId, personId, orgId: null, role: 'owner', memberId: null }
    }
    return {
      user: presentCustomer(customer),
      tier: await describeCustomerTier(db.connection(), current.customerId),
      orgs: await personOrgs(db.connection(), personId),
      acting: { customerId: current.customerId, orgId: current.orgId, role: current.role, capabilities: ROLE_CAPABILITIES[current.role] },
    }
  }
}
