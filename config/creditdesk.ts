import env from '#start/env'
import { LEDGER_SCALE } from '#contract/money'

/**
 * Product settings. The balance unit is one asset for the whole platform: USD (a dollar
 * balance) or CREDIT (a credits balance). Amounts are stored as integers of 10^-scale units:
 * millionths of a dollar keep per-token charges exact.
 */
const creditdesk = {
  asset: (env.get('LEDGER_ASSET') ?? 'USD') as 'USD' | 'CREDIT',
  scale: LEDGER_SCALE,
  /** Which bucket a debit takes first. */
  deductionOrder: (env.get('LEDGER_DEDUCTION_ORDER') ?? 'gift_first') as 'gift_first' | 'cash_first',
  codes: {
    prefix: env.get('CODE_PREFIX') ?? 'VEO',
    defaultValidityDays: 30,
    maxPerRequest: 1000,
  },
  /** Uploads (backend/services/files): the largest file accepted and the kinds accepted (FILES_TYPES, comma-separated). */
  files: {
    maxBytes: maxUploadBytes(),
    types: (env.get('FILES_TYPES') ?? 'pdf,png,jpeg,docx')
      .split(',')
      .map((type) => type.trim().toLowerCase())
      .filter(Boolean),
  },
}

function maxUploadBytes() {
  const configured = env.get('FILES_MAX_BYTES')
  return configured && configured > 0 ? Math.floor(configured) : 20 * 1024 * 1024
}

export default creditdesk
