import { Authenticated } from '@refinedev/core'
import { ErrorComponent, ThemedLayout } from '@refinedev/antd'
import { CatchAllNavigate } from '@refinedev/react-router'
import { Outlet, Route, Routes } from 'react-router'
import { AppHeader } from '../layout/AppHeader'
import { AppSider } from '../layout/AppSider'
import { MetaGate } from '../layout/MetaGate'
import { ResourcePage } from '../engine/ResourcePage'
import { LoginPage } from '../pages/login/LoginPage'
import { DashboardPage } from '../pages/dashboard/DashboardPage'
import { RolesPoliciesPage } from '../pages/roles/RolesPoliciesPage'
import { REPORTS_PATH, ROLES_PAGE_PATH, USAGE_GROUPED_PATH } from '../meta/toRefineResources'
import { ReportsPage } from '../pages/reports/ReportsPage'
import { UsageGroupedPage } from '../pages/usage/UsageGroupedPage'
import '../pages/registerCustomPages'


/** Route table: /login outside the layout; everything else needs a session and loaded meta. */
export function ConsoleRoutes() {
  return (
    <Routes>
      <Route
        element={
          <Authenticated key="console" fallback={<CatchAllNavigate to="/login" />}>
            <MetaGate>
              <ThemedLayout Header={AppHeader} Sider={AppSider}>
                <Outlet />
              </ThemedLayout>
            </MetaGate>
          </Authenticated>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route path="r/:resource" element={<ResourcePage screen="list" />} />
        <Route path="r/:resource/create" element={<ResourcePage screen="create" />} />
        <Route path="r/:resource/edit/:id" element={<ResourcePage screen="edit" />} />
        <Route path="r/:resource/show/:id" element={<ResourcePage screen="show" />} />
        <Route path={ROLES_PAGE_PATH.slice(1)} element={<RolesPoliciesPage />} />
        <Route path={USAGE_GROUPED_PATH.slice(1)} element={<UsageGroupedPage />} />
        <Route path={REPORTS_PATH.slice(1)} element={<ReportsPage />} />
        <Route path={`${REPORTS_PATH.slice(1)}/:id`} element={<ReportsPage />} />
        <Route path="*" element={<ErrorComponent />} />
      </Route>
      <Route path="/login" element={<LoginPage />} />
    </Routes>
  )
}
