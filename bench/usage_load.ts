/**
 * The load generator of bench/usage.ts (verify as a gateway calls it), in a process of its own.
 * Reads BENCH_LOAD (JSON: url, headers, bodies, connections, seconds): POSTs the bodies in turn
 * (one per key, so the server looks up many keys, not one) and prints one JSON line of results.
 */
import autocannon from 'autocannon'

const cell: { url: string; headers: Record<string, string>; bodies: string[]; connections: number; seconds: number } = JSON.parse(process.env.BENCH_LOAD!)

const result = await autocannon({
  url: cell.url,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...cell.headers },
  requests: cell.bodies.map((body) => ({ method: 'POST', body })),
  connections: cell.connections,
  duration: cell.seconds,
  pipelining: 1,
})

process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.total / cell.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    statuses: { '2xx': result['2xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
  }) + '\n'
)
