import { Navigate, Route, Routes } from 'react-router'
import { GuestOnly, RequireAuth } from './auth/guards'
import { NotFound } from './components/Feedback'
import { AccountLayout } from './layouts/AccountLayout'
import { PublicLayout } from './layouts/PublicLayout'
import { BillingResultPage } from './pages/BillingResultPage'
import { BuyCreditsPage } from './pages/BuyCreditsPage'
import { ApiKeysPage } from './pages/ApiKeysPage'
import { HomePage } from './pages/HomePage'
import { LoginPage } from './pages/LoginPage'
import { OrdersPage } from './pages/OrdersPage'
import { ProfilePage } from './pages/ProfilePage'
import { QuotasPage } from './pages/QuotasPage'
import { RedeemPage } from './pages/RedeemPage'
import { RegisterPage } from './pages/RegisterPage'
import { ResetPasswordPage } from './pages/ResetPasswordPage'
import { SecurityPage } from './pages/SecurityPage'
import { SessionsPage } from './pages/SessionsPage'
import { UsagePage } from './pages/UsagePage'
import { WalletPage } from './pages/WalletPage'

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
      </Route>
      <Route path="account" element={<RequireAuth />}>
        <Route element={<AccountLayout />}>
          <Route index element={<Navigate to="/account/wallet" replace />} />
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
