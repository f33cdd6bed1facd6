/**
 * The `usage-anomalies` job (backend/start/jobs.ts, every 5 minutes): runs the anomaly check as
 * the system in one transaction. Safe to run twice for the same moment (see detect_anomalies.ts).
 */
import { SYSTEM_ACTOR, type Actor } from '#services/audit'
import { transaction } from '#services/transaction'
import { NO_REQUEST } from '#services/use_case'
import detectAnomalies from '#actions/risk/detect_anomalies'

export const ANOMALY_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'usage-anomalies' }

export function runAnomalyDetection(now = new Date()) {
  return transaction((trx) => detectAnomalies.handle({ now }, { trx, actor: ANOMALY_ACTOR, facts: NO_REQUEST }))
}
