/**
 * The organization this browser tab acts in. Every portal request names it in the
 * `X-Creditdesk-Org` header (api/client.ts), and links the browser opens by itself (CSV and PDF
 * downloads) carry it as `_org=`; no organization means the person's own account.
 *
 * The choice lives in sessionStorage, so two tabs can act in two organizations side by side; the
 * last choice is also written to localStorage and is where a new tab starts.
 */
import { ACTING_ORG_HEADER, ACTING_ORG_PARAM } from '@creditdesk/contract/orgs'

export { ACTING_ORG_HEADER, ACTING_ORG_PARAM }

export const ACTING_ORG_STORAGE_KEY = 'creditdesk.portal.org'

const VALID = /^[1-9]\d{0,17}$/

function read(storage: () => Storage): string | null {
  try {
    const value = storage().getItem(ACTING_ORG_STORAGE_KEY)
    return value && VALID.test(value) ? value : null
  } catch {
    return null
  }
}

function write(storage: () => Storage, value: string | null) {
  try {
    if (value) storage().setItem(ACTING_ORG_STORAGE_KEY, value)
    else storage().removeItem(ACTING_ORG_STORAGE_KEY)
  } catch {
    /* storage unavailable: the choice lasts until the page reloads */
  }
}

let current: string | null | undefined

/** The organization id acted in, or null for the person's own account. */
export function actingOrgId(): string | null {
  if (current === undefined) current = read(() => sessionStorage) ?? read(() => localStorage)
  return current
}

/** Acts in `orgId` from now on (null: the person's own account), in this tab and in new ones. */
export function setActingOrgId(orgId: string | number | null) {
  const value = orgId === null ? null : String(orgId)
  current = value && VALID.test(value) ? value : null
  write(() => sessionStorage, current)
  write(() => localStorage, current)
}

/** Forgets the remembered choice (sign-out): the next person starts in their own account. */
export function clearActingOrg() {
  setActingOrgId(null)
}

/** Forgets the in-memory value so the next read comes from storage (tests start each case afresh). */
export function resetActingOrgMemory() {
  current = undefined
}

/** A same-origin link the browser opens itself, naming the acting organization (`_org=`) when there is one. */
export function withActingOrg(url: string): string {
  const orgId = actingOrgId()
  if (!orgId) return url
  const [path, hash] = url.split('#')
  const joiner = path.includes('?') ? '&' : '?'
  return `${path}${joiner}${ACTING_ORG_PARAM}=${encodeURIComponent(orgId)}${hash !== undefined ? `#${hash}` : ''}`
}
