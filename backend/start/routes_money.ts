/*
|--------------------------------------------------------------------------
| Money routes: ledger, wallet, redemption codes, campaigns
|--------------------------------------------------------------------------
|
| Console routes go through guarded(); portal routes need a customer session.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'

const CodesController = () => import('#controllers/codes_controller')
const CustomerBalancesController = () => import('#controllers/customer_balances_controller')
const PortalRedeemController = () => import('#controllers/portal_redeem_controller')

/*
 * Console: find a redemption code by typing it in full (generate and void are actions of the
 * resource). Not under redemption-codes/: the engine's redemption-codes/:id is registered
 * first and the router matches in registration order.
 */
router
  .group(() => {
    guarded(router.get('code-lookup', [CodesController, 'lookup']), 'redemption-codes', 'view')
    // the customer page's header: cash, gift, on hold, arrears
    guarded(router.get('users/:id/balances', [CustomerBalancesController, 'show']), 'users', 'view')
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())

/* Portal: redeem a code */
router
  .group(() => {
    router.post('wallet/redeem', [PortalRedeemController, 'store'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())
