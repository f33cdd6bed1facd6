/*
|--------------------------------------------------------------------------
| Reports (issue 11 §5): figures, CSV and background exports with expiring links
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'

const ReportsController = () => import('#controllers/reports_controller')
const ReportExportsController = () => import('#controllers/report_exports_controller')

router
  .group(() => {
    guarded(router.get('reports', [ReportsController, 'index']), 'reports', 'view')
    guarded(router.get('reports/:id', [ReportsController, 'show']), 'reports', 'view')
    guarded(router.get('reports/:id/csv', [ReportsController, 'csv']), 'reports', 'export')
    guarded(router.post('report-exports', [ReportExportsController, 'store']), 'reports', 'export')
    guarded(router.get('report-exports', [ReportExportsController, 'index']), 'reports', 'export')
    guarded(router.get('report-exports/:id', [ReportExportsController, 'show']), 'reports', 'export')
    guarded(router.get('report-exports/:id/download', [ReportExportsController, 'download']).as('report_exports.download'), 'reports', 'export')
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())
