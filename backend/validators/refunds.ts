/**
 * Input of the admin API POST /api/internal/fix-credits (the console and ace commands validate
 * through the resource declarations and their own flags).
 */
import vine from '@vinejs/vine'

export const fixCreditsValidator = vine.compile(
  vine.object({
    action: vine.enum(['diagnose', 'fix_orphaned_recharges', 'fix_specific_recharge', 'recalculate_balance', 'repair_safe']),
    order_id: vine.number().withoutDecimals().positive().optional().requiredWhen('action', '=', 'fix_specific_recharge'),
    customer_id: vine.number().withoutDecimals().positive().optional().requiredWhen('action', '=', 'recalculate_balance'),
  })
)
