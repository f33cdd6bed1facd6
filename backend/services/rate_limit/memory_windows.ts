/**
 * Sliding windows in this process (the embedded default: one instance serves every verify).
 * Each subject is a ring of 60 one-second buckets (slot = second mod 60, stamped with its
 * second), so a check sums 60 numbers and allocates nothing. Node runs one call at a time, so
 * check-then-add is atomic without a lock. Subjects idle for a whole window are swept once a
 * minute, so a million keys that called once do not stay in memory.
 */
import { BUCKETS, WINDOW_MS, bucketOf, retryAfter, slowest, type Admission, type SlidingWindows, type WindowAmount, type WindowCheck } from './windows.js'

class Ring {
  seconds = new Float64Array(BUCKETS).fill(-Infinity)
  amounts = new Float64Array(BUCKETS)
  last = -Infinity

  total(second: number) {
    let sum = 0
    for (let i = 0; i < BUCKETS; i++) if (this.seconds[i] > second - BUCKETS) sum += this.amounts[i]
    return sum
  }

  add(second: number, amount: number) {
    const slot = second % BUCKETS
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second
      this.amounts[slot] = 0
    }
    this.amounts[slot] += amount
    if (second > this.last) this.last = second
  }

  /** Live buckets, oldest first: slot (second + 1) mod 60 holds the oldest second still in the window. */
  live(second: number): Array<[number, number]> {
    const out: Array<[number, number]> = []
    for (let k = 1; k <= BUCKETS; k++) {
      const slot = (second + k) % BUCKETS
      if (this.seconds[slot] > second - BUCKETS && this.amounts[slot] > 0) out.push([this.seconds[slot], this.amounts[slot]])
    }
    return out
  }
}

export class MemoryWindows implements SlidingWindows {
  #rings = new Map<string, Ring>()
  #sweptAt = 0

  async admit(checks: WindowCheck[], now: number): Promise<Admission> {
    const second = bucketOf(now)
    this.#sweep(now)
    let failures: Array<{ index: number; retryAfterMs: number }> | null = null
    for (let index = 0; index < checks.length; index++) {
      const { subject, limit } = checks[index]
      const ring = this.#rings.get(subject)
      const total = ring ? ring.total(second) : 0
      if (total + 1 <= limit) continue
      ;(failures ??= []).push({ index, retryAfterMs: retryAfter(ring ? ring.live(second) : [], total, limit, now) })
    }
    if (failures) return slowest(failures)
    for (const { subject, add } of checks) if (add > 0) this.#ring(subject).add(second, add)
    return { ok: true }
  }

  async add(amounts: WindowAmount[], now: number) {
    const second = bucketOf(now)
    this.#sweep(now)
    for (const { subject, amount } of amounts) if (amount > 0) this.#ring(subject).add(second, amount)
  }

  async count(subject: string, now: number) {
    return this.#rings.get(subject)?.total(bucketOf(now)) ?? 0
  }

  get size() {
    return this.#rings.size
  }

  #ring(subject: string) {
    let ring = this.#rings.get(subject)
    if (!ring) this.#rings.set(subject, (ring = new Ring()))
    return ring
  }

  #sweep(now: number) {
    if (now - this.#sweptAt < WINDOW_MS) return
    this.#sweptAt = now
    const oldest = bucketOf(now) - BUCKETS
    for (const [subject, ring] of this.#rings) if (ring.last <= oldest) this.#rings.delete(subject)
  }
}
