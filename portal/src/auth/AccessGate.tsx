import { Outlet, useLocation } from 'react-router'
import { NoAccess } from '../components/NoAccess'
import { navItemFor, navRefusal } from '../navigation'
import { useAccess } from './access'
import { useAuth } from './AuthContext'

/**
 * The account pages as the acting role may see them: a page its role cannot use shows why instead
 * of loading (the menu does not offer it either). Switching the acting account remounts the page,
 * so everything on it is loaded again for the new account.
 */
export function AccessGate() {
  const { scopeKey } = useAuth()
  const access = useAccess()
  const { pathname } = useLocation()
  const item = navItemFor(pathname)
  const refusal = item ? navRefusal(item, access) : null
  if (refusal) return <NoAccess key={scopeKey} reason={refusal} />
  return <Outlet key={scopeKey} />
}
