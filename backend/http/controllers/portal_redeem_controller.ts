import type { HttpContext } from '@adonisjs/core/http'
import { SimpleMessagesProvider } from '@vinejs/vine'
import creditdesk from '#config/creditdesk'
import { acting } from '#services/portal/acting'
import { displayUnits, fromUnits } from '#services/ledger/amounts'
import redeemCode from '#actions/codes/redeem_code'
import { runUseCase } from '#http/use_cases'
import { maskedCode } from '#services/codes/code_format'
import { codeMessages, redeemValidator, refuseUnknownFields } from '#validators/codes'

/** POST /api/portal/wallet/redeem { code }: a code redeemed into the account acted in (recharge). */
export default class PortalRedeemController {
  async store(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'recharge')
    refuseUnknownFields(ctx.request.body(), ['code'])
    const { code } = await ctx.request.validateUsing(redeemValidator, { messagesProvider: new SimpleMessagesProvider(codeMessages) })
    // a refusal commits (its audit row and its count), then is the answer
    const outcome = await runUseCase(ctx, redeemCode, { customerId, code })
    if (outcome.refused) throw outcome.refused
    const amount = fromUnits(outcome.code.amount)
    if (outcome.replayed) ctx.response.header('Idempotency-Replayed', 'true')
    ctx.response.status(outcome.replayed ? 200 : 201)
    const giftExpiresAt = outcome.giftExpiresAt?.toISOString() ?? null
    return {
      message: `Code redeemed: ${displayUnits(outcome.code.amount)} ${creditdesk.asset} added to your ${outcome.code.bucket === 'gift' ? 'gift balance' : 'balance'}`,
      credited: { bucket: outcome.code.bucket, amount, asset: creditdesk.asset, expires_at: giftExpiresAt },
      redemption: {
        code: maskedCode(outcome.code),
        amount,
        asset: creditdesk.asset,
        bucket: outcome.code.bucket,
        package: outcome.code.package,
        gift_expires_at: giftExpiresAt,
        redeemed_at: new Date(outcome.code.redeemed_at!).toISOString(),
        transaction_id: Number(outcome.posted.transaction.id),
      },
    }
  }
}
