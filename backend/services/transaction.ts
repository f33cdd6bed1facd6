/**
 * The one place write transactions are opened.
 *
 * PostgreSQL aborts one side of a deadlock (40P01) and, under REPEATABLE READ or SERIALIZABLE,
 * transactions that lost a race (40001). Both are safe to run again from the start: the whole
 * transaction was rolled back. `transaction()` does so transparently, a bounded number of
 * times with jittered backoff, so concurrent requests that collide succeed instead of answering
 * 500. Callbacks must therefore be re-runnable: everything they do in the database is undone
 * by the rollback, and calls to providers carry idempotency keys.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export const RETRYABLE_SQLSTATES = new Set(['40P01', '40001'])
export const MAX_ATTEMPTS = 6

type Options = { isolationLevel?: 'read committed' | 'repeatable read' | 'serializable' }

export function isRetryable(error: unknown): boolean {
  let current: any = error
  for (let depth = 0; current && depth < 4; depth++) {
    if (RETRYABLE_SQLSTATES.has(current.code)) return true
    current = current.cause
  }
  return false
}

function pause(attempt: number) {
  // 5, 10, 20, 40, 80 ms ceilings, full jitter
  const ceiling = 5 * 2 ** attempt
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling))
}

/**
 * One attempt. Not Lucid's `db.transaction(callback)`: knex swallows an error of the COMMIT itself
 * (a deferred constraint, a serialization failure detected at commit, a connection that dies
 * mid-commit) and reports it only on the transaction's execution promise, so the callback form
 * returns success for work that was never committed. Awaiting that promise makes it an error.
 */
async function attemptOnce<T>(work: (trx: TransactionClientContract) => Promise<T>, options: Options): Promise<T> {
  const trx = await begin(options)
  let result: T
  try {
    result = await work(trx)
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback().catch(() => {})
    throw error
  }
  if (!trx.isCompleted) {
    await trx.commit()
    await (trx.knexClient as unknown as { executionPromise: Promise<unknown> }).executionPromise
  }
  return result
}

async function begin(options: Options): Promise<TransactionClientContract> {
  const client = db.connection()
  // a savepoint (inside a test's global transaction) keeps the enclosing isolation level
  if (client.isTransaction || !options.isolationLevel) return client.transaction()
  // Lucid's `transaction(options)` form drops the options; they reach knex only in second place
  const open = client.transaction as unknown as (callback: undefined, options: Options) => Promise<TransactionClientContract>
  return open.call(client, undefined, options)
}

export async function transaction<T>(work: (trx: TransactionClientContract) => Promise<T>, options: Options = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(work, options)
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error
      await pause(attempt)
    }
  }
}
