import { useEffect, useState } from 'react'

/** Seconds left until a throttle (429 retryAfter) expires; 0 when free to retry. */
export function useCountdown() {
  const [until, setUntil] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    if (until === null) return
    const timer = setInterval(() => {
      const n = Date.now()
      setNow(n)
      if (n >= until) setUntil(null)
    }, 1000)
    return () => clearInterval(timer)
  }, [until])

  const secondsLeft = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000))
  return {
    secondsLeft,
    start(seconds: number) {
      const n = Date.now()
      setNow(n)
      setUntil(n + seconds * 1000)
    },
    clear() {
      setUntil(null)
    },
  }
}
