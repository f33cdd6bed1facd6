import { Navigate, Route, Routes } from 'react-router'
import { AccessGate } from './auth/AccessGate'
import { useAccess } from './auth/access'
import { GuestOnly, RequireAuth } from './auth/guards'
import { NotFound } from './components/Feedback'
import { AccountLayout } from './layouts/AccountLayout'
import { PublicLayout } from './layouts/PublicLayout'
import { BillDetailPage } from './pages/BillDetailPage'
import { BillingResultPage } from './pages/BillingResultPage'
import { BillsPage } from './pages/BillsPage'
import { BuyCreditsPage } from './pages/BuyCreditsPage'
import { ApiKeysPage } from './pages/ApiKeysPage'
import { ContractsPage } from './pages/ContractsPage'
import { HomePage } from './pages/HomePage'
import { InvitationAcceptPage } from './pages/InvitationAcceptPage'
import { InvoicesPage } from './pages/InvoicesPage'
import { LoginPage } from './pages/LoginPage'
import { MembersPage } from './pages/MembersPage'
import { OrdersPage } from './pages/OrdersPage'
import { OverviewPage } from './pages/OverviewPage'
import { ProfilePage } from './pages/ProfilePage'
import { QuotasPage } from './pages/QuotasPage'
import { RedeemPage } from './pages/RedeemPage'
import { RegisterPage } from './pages/RegisterPage'
import { ResetPasswordPage } from './pages/ResetPasswordPage'
import { SecurityPage } from './pages/SecurityPage'
import { SessionsPage } from './pages/SessionsPage'
import { StatementsPage } from './pages/StatementsPage'
import { UsagePage } from './pages/UsagePage'
import { WalletPage } from './pages/WalletPage'
import { homePath } from './navigation'

/** /account: the wallet, or the first page the acting role may open. */
function AccountHome() {
  return <Navigate to={homePath(useAccess())} replace />
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route index element={<HomePage />} />
        <Route element={<GuestOnly />}>
          <Route path="login" element={<LoginPage />} />
          <Route path="register" element={<RegisterPage />} />
        </Route>
        {/* The one-time link from support: usable signed in or out. */}
        <Route path="reset-password" element={<ResetPasswordPage />} />
        {/* The link of an invitation mail: shown signed out too (sign in or register, then back here). */}
        <Route path="invitations/accept" element={<InvitationAcceptPage />} />
      </Route>
      <Route path="account" element={<RequireAuth />}>
        <Route element={<AccountLayout />}>
          <Route index element={<AccountHome />} />
          <Route element={<AccessGate />}>
            <Route path="overview" element={<OverviewPage />} />
            <Route path="wallet" element={<WalletPage />} />
            <Route path="redeem" element={<RedeemPage />} />
            <Route path="buy" element={<BuyCreditsPage />} />
            <Route path="orders" element={<OrdersPage />} />
            <Route path="keys" element={<ApiKeysPage />} />
            <Route path="usage" element={<UsagePage />} />
            <Route path="quotas" element={<QuotasPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="sessions" element={<SessionsPage />} />
            <Route path="bills" element={<BillsPage />} />
            <Route path="bills/:id" element={<BillDetailPage />} />
            <Route path="statements" element={<StatementsPage />} />
            <Route path="invoices" element={<InvoicesPage />} />
            <Route path="members" element={<MembersPage />} />
            <Route path="contracts" element={<ContractsPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
      {/* Stripe Checkout sends the customer back here: /billing/result?order=R…&outcome=success|cancel */}
      <Route path="billing" element={<RequireAuth />}>
        <Route element={<AccountLayout />}>
          <Route path="result" element={<BillingResultPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
      <Route element={<PublicLayout />}>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  )
}
