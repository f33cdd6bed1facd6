/**
 * An organisation's negotiated terms (PRD §4, 机构: 手动适配 TPM, 可选不限 TPM, 可超出最大 TPM):
 * the tier set by hand, and its TPM — the tier's, unlimited, or a custom figure that may exceed
 * the table's largest. An empty tier ends the terms (back to the tier its recharges give).
 * Individuals are refused: their tier follows their recharges (or a staff override).
 */
import { BadRequest, InvalidInput } from '#exceptions/domain_errors'
import type { EngineAction } from '#services/use_case'
import { applyTier, lockCustomerTier } from '#services/tiers/apply_tier'
import { loadTiers } from '#services/tiers/table'

export const TPM_MODES = ['tier', 'unlimited', 'custom'] as const
type Fields = { tier?: string | null; tpm_mode?: (typeof TPM_MODES)[number] | null; custom_tpm?: number | null }

/** The largest TPM a custom figure may name (a typo guard, far above any tier). */
const MAX_CUSTOM_TPM = 1_000_000_000_000

const setNegotiatedTerms: EngineAction<Fields> = {
  async handle({ record, fields, reason }, { trx, actor, facts }) {
    const customerId = Number(record!.id)
    if (record!.type !== 'organization') throw new BadRequest('Negotiated terms are for organizations; an individual’s tier follows its recharges')
    const tiers = await loadTiers(trx)
    const code = fields.tier || null
    const tier = code ? tiers.find((t) => t.code === code) : null
    if (code && !tier) throw new InvalidInput([{ field: 'tier', message: `Unknown tier "${code}"`, rule: 'enum' }])
    const mode = fields.tpm_mode ?? 'tier'
    const custom = fields.custom_tpm ?? null
    if (code && mode === 'custom' && (custom === null || !Number.isInteger(custom) || custom < 1 || custom > MAX_CUSTOM_TPM)) {
      throw new InvalidInput([{ field: 'custom_tpm', message: `A custom TPM is a whole number from 1 to ${MAX_CUSTOM_TPM}`, rule: 'range' }])
    }
    if (mode !== 'custom' && custom !== null) throw new InvalidInput([{ field: 'custom_tpm', message: 'A custom TPM goes with the "custom" TPM choice', rule: 'unexpected' }])
    const current = await lockCustomerTier(trx, customerId)
    if (!current) throw new BadRequest('The customer was not found')
    const applied = await applyTier(trx, customerId, {
      cause: 'negotiated_terms',
      current,
      tiers,
      set: code
        ? { negotiated_tier: code, unlimited_tpm: mode === 'unlimited', custom_tpm: mode === 'custom' ? String(custom) : null }
        : { negotiated_tier: null, unlimited_tpm: false, custom_tpm: null },
      reason,
      actor,
      facts,
      audit: false,
    })
    return {
      message: code ? `Negotiated terms set: ${tier!.name}, TPM ${applied.tpm ?? 'unlimited'}` : 'Negotiated terms ended',
      auditMetadata: { tier: code, tpm_mode: code ? mode : null, rpm_limit: applied.rpm, tpm_limit: applied.tpm },
    }
  },
}
export default setNegotiatedTerms
