/*
|--------------------------------------------------------------------------
| Tier routes: the customer page's tier panel (the tier table and history are resources)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'

const CustomerTierController = () => import('#controllers/customer_tier_controller')

router
  .group(() => {
    guarded(router.get('users/:id/tier', [CustomerTierController, 'show']), 'users', 'view')
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())
