/** The Creditdesk mark: a "C" arc on the brand blue. */
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <rect width="24" height="24" rx="6" fill="#1677ff" />
      <path d="M16.5 8.2A5 5 0 1 0 16.5 15.8" stroke="#fff" strokeWidth="2.4" fill="none" strokeLinecap="round" />
    </svg>
  )
}
