/*
|--------------------------------------------------------------------------
| Usage reports for the console: usage grouped by model, channel, key or customer
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'

const UsageGroupsController = () => import('#controllers/usage_groups_controller')

router
  .group(() => {
    guarded(router.get('usage/grouped', [UsageGroupsController, 'index']), 'usage-records', 'view')
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())
