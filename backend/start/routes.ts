/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| /api/admin   console API: staff session + a policy check on every route
| /api/portal  customer API
| /admin/*     console SPA, /* portal SPA
|
| Every console route is registered through `guarded()` (route_guard.ts),
| which attaches the policy check. Money routes live in routes_money.ts.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { loadResources } from '#engine/registry'
import ResourcesController, { assertAction } from '#controllers/resources_controller'
import { throttle } from './limiter.js'
import { guarded, SIGNED_IN } from './route_guard.js'

export { adminRouteTable, PUBLIC_ADMIN_ROUTES, SIGNED_IN, type AdminRoute } from './route_guard.js'

const StaffAuthController = () => import('#controllers/staff_auth_controller')
const CustomerAuthController = () => import('#controllers/customer_auth_controller')
const PortalAccountController = () => import('#controllers/portal_account_controller')
const MetaController = () => import('#controllers/meta_controller')
const PermissionsController = () => import('#controllers/permissions_controller')
const DashboardController = () => import('#controllers/dashboard_controller')
const SpaController = () => import('#controllers/spa_controller')
const InternalChargesController = () => import('#controllers/internal_charges_controller')
const PortalWalletController = () => import('#controllers/portal_wallet_controller')
const LedgerController = () => import('#controllers/ledger_controller')
const AuditIntegrityController = () => import('#controllers/audit_integrity_controller')
const SavedViewsController = () => import('#controllers/saved_views_controller')

const resources = await loadResources()
const engine = new ResourcesController()

/* Console: auth */
router
  .group(() => {
    router.post('login', [StaffAuthController, 'login']).use(throttle)
    router.post('logout', [StaffAuthController, 'logout'])
    router.get('me', [StaffAuthController, 'me']).use(middleware.staffAuth())
  })
  .prefix('/api/admin/auth')

/* Console: everything else */
router
  .group(() => {
    guarded(router.get('meta', [MetaController, 'show']), SIGNED_IN.resource, SIGNED_IN.action)
    guarded(router.get('dashboard/summary', [DashboardController, 'summary']), 'users', 'view')
    guarded(router.get('dashboard/trend', [DashboardController, 'trend']), 'users', 'view')
    guarded(router.get('permissions/matrix', [PermissionsController, 'matrix']), 'roles', 'view')
    guarded(router.put('permissions/matrix/:role', [PermissionsController, 'update']), 'roles', 'edit')
    guarded(router.get('ledger/invariants', [LedgerController, 'invariants']), 'accounts', 'view')
    guarded(router.get('audit-integrity', [AuditIntegrityController, 'verify']), 'audit-logs', 'verify_integrity')
    // every signed-in staff member keeps their own list views (not in the permission matrix)
    guarded(router.get('saved-views', [SavedViewsController, 'index']), SIGNED_IN.resource, SIGNED_IN.action)
    guarded(router.post('saved-views', [SavedViewsController, 'store']), SIGNED_IN.resource, SIGNED_IN.action)
    guarded(router.delete('saved-views/:id', [SavedViewsController, 'destroy']), SIGNED_IN.resource, SIGNED_IN.action)

    for (const resource of resources.values()) {
      const base = resource.name
      const ops = resource.operations ?? {}
      if (ops.export !== false) guarded(router.get(`${base}/export`, (ctx) => engine.export(ctx, resource)), base, 'export')
      guarded(router.get(`${base}/summary`, (ctx) => engine.summary(ctx, resource)), base, 'view')
      guarded(router.get(base, (ctx) => engine.index(ctx, resource)), base, 'view')
      guarded(router.get(`${base}/:id`, (ctx) => engine.show(ctx, resource)), base, 'view')
      if (ops.create) guarded(router.post(base, (ctx) => engine.store(ctx, resource)), base, 'create')
      if (ops.edit) guarded(router.patch(`${base}/:id`, (ctx) => engine.update(ctx, resource)), base, 'edit')
      if (ops.delete) guarded(router.delete(`${base}/:id`, (ctx) => engine.destroy(ctx, resource)), base, 'delete')
      if (Object.values(resource.fields).some((f) => f.sensitive)) {
        guarded(router.post(`${base}/:id/reveal`, (ctx) => engine.reveal(ctx, resource)), base, 'view_sensitive')
      }
      for (const [name, action] of Object.entries(resource.actions ?? {})) {
        assertAction(resource, name)
        const path = action.scope === 'record' ? `${base}/:id/actions/${name}` : `${base}/actions/${name}`
        guarded(router.post(path, (ctx) => engine.action(ctx, resource, name)), base, name)
      }
    }
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())

/* Portal */
router
  .group(() => {
    router.post('auth/register', [CustomerAuthController, 'register']).use(throttle)
    router.post('auth/login', [CustomerAuthController, 'login']).use(throttle)
    router.post('auth/logout', [CustomerAuthController, 'logout'])
    router.post('auth/reset-password', [CustomerAuthController, 'resetPassword']).use(throttle)
    router
      .group(() => {
        router.get('auth/me', [CustomerAuthController, 'me'])
        router.patch('profile', [PortalAccountController, 'updateProfile'])
        router.put('password', [PortalAccountController, 'changePassword'])
        router.get('sessions', [PortalAccountController, 'sessions'])
        router.post('sessions/revoke-others', [PortalAccountController, 'revokeOthers'])
        router.get('wallet', [PortalWalletController, 'show'])
        router.get('wallet/transactions', [PortalWalletController, 'transactions'])
      })
      .use(middleware.customerAuth())
  })
  .prefix('/api/portal')

/* Internal service API (service token, no cookies, no CSRF) */
router
  .group(() => {
    router.post('charges', [InternalChargesController, 'store'])
  })
  .prefix('/api/internal')
  .use(middleware.serviceToken())

await import('./routes_money.js')
await import('./routes_payments.js')
await import('./routes_holds.js')
await import('./routes_portal_usage.js')
await import('./routes_usage_reports.js')
await import('./routes_reports.js')
await import('./routes_keys.js')
await import('./routes_usage.js')
await import('./routes_quotas.js')
await import('./routes_tiers.js')
await import('./routes_bills.js')
await import('./routes_orgs.js')
await import('./routes_files.js')
await import('./routes_invoices.js')

/* Unknown API paths are JSON 404s, never the SPA */
router.any('/api/*', ({ response }) => response.status(404).send({ message: 'Not found' }))

/* The two single-page apps */
router.get('/admin', [SpaController, 'admin']).as('spa.admin.root')
router.get('/admin/*', [SpaController, 'admin']).as('spa.admin')
router.get('/*', [SpaController, 'portal']).as('spa.portal')
