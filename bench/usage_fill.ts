/**
 * Tops usage_records up to `rows` synthetic rows for the benchmarks (bench:usage, bench:dashboard):
 * 90 days of rows ending now, in time order (the indexes grow at their ends), in chunks of
 * 1,000,000; one row in ten for the heavy customer, the rest spread over `others`; the models in
 * turn; every row's charge, cost and margin consistent with the table's CHECKs. Runs as the owner
 * (a plain INSERT … SELECT, no ingestion, no ledger). Returns how many rows it inserted.
 */
type Raw = { rawQuery(sql: string, bindings?: any[]): Promise<{ rows: Array<Record<string, any>> }> }

export type UsageFill = { rows: number; heavy: number; others: number[]; modelIds: number[]; channelId: number; versionId: number }

export async function fillUsageRows(owner: Raw, fill: UsageFill) {
  const existing = Number((await owner.rawQuery('SELECT count(*) AS n FROM usage_records')).rows[0].n)
  for (let from = existing; from < fill.rows; from += 1_000_000) {
    const to = Math.min(fill.rows, from + 1_000_000) - 1
    await owner.rawQuery(
      `INSERT INTO usage_records (started_at, request_id, customer_id, api_key_id, model_id, channel_id, price_version_id, multiplier, status, latency_ms,
         input_tokens, output_tokens, input_charge, output_charge, charged, cost, margin)
       SELECT now() - ((? - g) * (7776000.0 / ?)) * interval '1 second', 'fill-' || g,
              CASE WHEN g % 10 = 0 THEN ? ELSE (?::bigint[])[1 + g % ?] END, NULL, (?::bigint[])[1 + g % ?], ?, ?, 1, CASE WHEN g % 50 = 0 THEN 'error' ELSE 'success' END, 100 + g % 3000,
              1000 + g % 3000, 100 + g % 900, 150 + g % 450, 60 + g % 540, 210 + g % 450 + g % 540, 170 + g % 400, 210 + g % 450 + g % 540 - 170 - g % 400
       FROM generate_series(?::bigint, ?::bigint) g`,
      [fill.rows, fill.rows, fill.heavy, `{${fill.others.join(',')}}`, fill.others.length, `{${fill.modelIds.join(',')}}`, fill.modelIds.length, fill.channelId, fill.versionId, from, to]
    )
  }
  return Math.max(0, fill.rows - existing)
}
