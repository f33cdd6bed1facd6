import { Button, Layout, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation } from 'react-router'
import { useAuth } from '../auth/AuthContext'
import { Brand } from '../components/Brand'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { PRODUCT_NAME } from '../config'

export function PublicLayout() {
  const { t } = useTranslation()
  const { user, status } = useAuth()
  const { pathname, search } = useLocation()
  // Keep ?to= when hopping between the sign-in and sign-up pages.
  const keep = pathname === '/login' || pathname === '/register' ? search : ''

  return (
    <Layout className="cd-public">
      <Layout.Header className="cd-header cd-header-public">
        <Brand />
        <div className="cd-spacer" />
        <Space size={4}>
          <LanguageSwitch />
          {status !== 'loading' &&
            (user ? (
              <Link to="/account">
                <Button type="primary">{t('nav.account')}</Button>
              </Link>
            ) : (
              <>
                {pathname !== '/login' && (
                  <Link to={`/login${keep}`}>
                    <Button type="text">{t('nav.signIn')}</Button>
                  </Link>
                )}
                {pathname !== '/register' && (
                  <Link to={`/register${keep}`} className="cd-hide-xs">
                    <Button type="primary">{t('nav.signUp')}</Button>
                  </Link>
                )}
              </>
            ))}
        </Space>
      </Layout.Header>
      <Layout.Content className="cd-public-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="cd-footer">
        © {new Date().getFullYear()} {PRODUCT_NAME}
      </Layout.Footer>
    </Layout>
  )
}
