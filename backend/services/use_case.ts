/**
 * The one call shape of a use case: `handle(input, { trx, actor, facts })`, default-exported from
 * its file under backend/actions/<domain>/. The same call works from an HTTP controller, the
 * resource engine, an ace command, a job and a test, because nothing in a use case reads the
 * request: who acts (`actor`) and where the request came from (`facts`) are passed in, and the
 * caller owns the transaction (`trx`, opened with `transaction()` from services/transaction).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor, RequestFacts } from '#services/audit'
import type { FieldType, Label } from '#engine/types'

export type { Actor, RequestFacts }

export type UseCaseDeps = {
  trx: TransactionClientContract
  actor: Actor
  facts: RequestFacts
}

export interface UseCase<I, O> {
  handle(input: I, deps: UseCaseDeps): Promise<O>
}

/** What the resource engine passes to an action declared on a resource. */
export type EngineActionInput<F = Record<string, any>, R = Record<string, any>> = {
  /** The row, locked FOR UPDATE, for record actions. */
  record?: R
  /** The selected ids for bulk actions. */
  ids?: Array<number | string>
  /** The action's validated form fields. */
  fields: F
  /** The reason typed by the operator, when the action asks for one. */
  reason?: string
}

/** What an engine action answers; the console shows `message` and formats `result` by `resultTypes`. */
export type ActionResponse = {
  message: string
  /** Values shown to the caller (never audited). */
  result?: Record<string, unknown>
  /** True only for real one-time secrets (codes, reset links, keys): "copy this now". */
  once?: boolean
  resultTypes?: Record<string, { type: FieldType; label: Label; currency?: string }>
  /** Extra facts for the engine's audit row. */
  auditMetadata?: Record<string, unknown>
}

/** A use case run by the resource engine. */
export type EngineAction<F = Record<string, any>, R = Record<string, any>> = UseCase<EngineActionInput<F, R>, ActionResponse>

/** Facts for work that does not come from a request (commands, jobs, tests). */
export const NO_REQUEST: RequestFacts = { ip: null, userAgent: null, requestId: null }
