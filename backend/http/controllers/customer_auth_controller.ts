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

  /** `{ user, tier }`: the tier with its source, effective limits, max keys and the next tier (contract CustomerTierWire). */
  async me({ auth }: HttpContext) {
    const customer = auth.use('customer').user as any
    return { user: presentCustomer(customer), tier: await describeCustomerTier(db.connection(), Number(customer.id)) }
  }
}
