/*
|--------------------------------------------------------------------------
| Payment routes: plans, orders, Stripe checkout and webhooks, refunds,
| reconciliation
|--------------------------------------------------------------------------
|
| Console routes go through guarded(); portal routes need a customer session;
| the Stripe webhook authenticates by signature (and is exempt from CSRF).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'

const StripeWebhookController = () => import('#controllers/stripe_webhook_controller')
const PortalOrdersController = () => import('#controllers/portal_orders_controller')
const PlansController = () => import('#controllers/plans_controller')

/*
 * Console: plans, plan versions and orders are declared resources (backend/resources/), so
 * their REST routes, actions (confirm, backfill, close, lock, unlock, sync) and exports are
 * registered with guarded() by routes.ts. Console-only payment routes added here must go
 * through guarded() (./route_guard.js), and must not start with a resource's own paths
 * (orders/:id is registered first and would match).
 */

/* Portal: the catalog (public, a pricing page), buying a plan and the customer's own orders */
router.get('/api/portal/plans', [PlansController, 'index']).as('portal.plans')
router
  .group(() => {
    router.post('orders', [PortalOrdersController, 'store']).as('portal.orders.store')
    router.get('orders', [PortalOrdersController, 'index']).as('portal.orders.index')
    router.get('orders/:number', [PortalOrdersController, 'show']).as('portal.orders.show')
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())

/* Webhooks: authenticated by signature only */
router.post('/api/webhooks/stripe', [StripeWebhookController, 'handle']).as('webhooks.stripe')

/*
 * Reconciliation admin API (the seeds' POST /api/admin/fix-credits), authenticated by the
 * X-Admin-Api-Key header, no staff session. Mounted under /api/internal/ rather than
 * /api/admin/: every /api/admin route must carry a staff-session permission (permissions.spec.ts),
 * and /api/internal/* is the cookie-less, CSRF-exempt prefix for machine callers (config/shield.ts).
 */
const FixCreditsController = () => import('#controllers/fix_credits_controller')
router
  .post('/api/internal/fix-credits', [FixCreditsController, 'handle'])
  .use(async (ctx, next) => {
    const { default: AdminApiKeyMiddleware } = await import('#middleware/admin_api_key_middleware')
    return new AdminApiKeyMiddleware().handle(ctx, next)
  })
  .as('internal.fix_credits')
