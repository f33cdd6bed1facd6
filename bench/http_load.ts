/**
 * The load generator of the HTTP benchmarks (bench/http.ts, bench/usage.ts), in a process of its
 * own so that it never shares an event loop with a server it measures. Reads one cell from
 * BENCH_LOAD (JSON: url, headers, connections, seconds, and optionally `bodies` — POSTed in
 * turn, e.g. one per key so a server looks up many keys, not one), runs autocannon for that long
 * and prints one JSON line of results.
 */
import autocannon from 'autocannon'

const cell: { url: string; headers: Record<string, string>; connections: number; seconds: number; bodies?: string[] } = JSON.parse(process.env.BENCH_LOAD!)

const result = await autocannon({
  url: cell.url,
  ...(cell.bodies
    ? { method: 'POST', headers: { 'content-type': 'application/json', ...cell.headers }, requests: cell.bodies.map((body) => ({ method: 'POST', body })) }
    : { headers: cell.headers }),
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
    statuses: { '1xx': result['1xx'], '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
  }) + '\n'
)
