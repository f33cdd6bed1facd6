/**
 * Registration of console routes with their permission. Every /api/admin route goes through
 * `guarded()`, which attaches the `authorize` middleware with the (resource, action) it needs
 * and records it; a test walks the router and fails on any /api/admin route that is neither
 * guarded nor one of the few public auth routes.
 */
import type { Route } from '@adonisjs/core/http'
import { middleware } from './kernel.js'

export type AdminRoute = { methods: string[]; pattern: string; resource: string; action: string }
const guardedRoutes: Array<{ route: Route; resource: string; action: string }> = []

/** Console routes that need a session but no permission: signing in and out, and "who am I". */
export const PUBLIC_ADMIN_ROUTES = ['/api/admin/auth/login', '/api/admin/auth/logout', '/api/admin/auth/me']

/** Permission for "any active staff member" (the meta description, filtered per caller). */
export const SIGNED_IN = { resource: '*', action: 'signed_in' }

export function guarded(route: Route, resource: string, action: string) {
  guardedRoutes.push({ route, resource, action })
  if (resource === SIGNED_IN.resource) return route
  return route.use(middleware.authorize({ resource, action }))
}

/** The console routes with the permission each requires (read after the router is committed). */
export function adminRouteTable(): AdminRoute[] {
  return guardedRoutes.map(({ route, resource, action }) => {
    const json = route.toJSON()
    return { methods: json.methods, pattern: json.pattern, resource, action }
  })
}
