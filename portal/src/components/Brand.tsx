import { Link } from 'react-router'
import { PRODUCT_NAME } from '../config'

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <path d="M21.5 11.2A7 7 0 1 0 21.5 20.8" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
      <circle cx="22" cy="16" r="2" fill="#a5b4fc" />
    </svg>
  )
}

export function Brand({ to = '/', light = false }: { to?: string; light?: boolean }) {
  return (
    <Link to={to} className={`cd-brand${light ? ' cd-brand-light' : ''}`} aria-label={PRODUCT_NAME}>
      <BrandMark />
      <span>{PRODUCT_NAME}</span>
    </Link>
  )
}
