import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router'
import { useAuth } from './AuthContext'
import { loginPath, safeRedirect } from '../lib/redirect'
import { FullPageSpin, BootError } from '../components/Feedback'

/** Signed-out visitors of a guarded route go to /login?to=<where they wanted to go>. */
export function RequireAuth() {
  const { status, user, access, endReason } = useAuth()
  const location = useLocation()
  // Right after sign-in the organizations are still on their way: the menu depends on them.
  if (status === 'loading' || (user && !access)) return <FullPageSpin />
  if (status === 'error') return <BootError />
  if (!user) {
    const target = endReason === 'logout' ? '/login' : loginPath(location.pathname + location.search + location.hash)
    return <Navigate to={target} replace />
  }
  return <Outlet />
}

/** Login/register: a signed-in user is sent on to `to` (or the account). */
export function GuestOnly() {
  const { status, user } = useAuth()
  const [params] = useSearchParams()
  if (status === 'loading') return <FullPageSpin />
  if (user) return <Navigate to={safeRedirect(params.get('to'))} replace />
  return <Outlet />
}
