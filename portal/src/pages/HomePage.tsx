import { LaptopOutlined, SafetyCertificateOutlined, UserOutlined, WalletOutlined } from '@ant-design/icons'
import { Button, Card, Col, Row, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAuth } from '../auth/AuthContext'
import { PRODUCT_NAME } from '../config'
import { useDocumentTitle } from '../hooks'

export function HomePage() {
  const { t } = useTranslation()
  const { user, status } = useAuth()
  useDocumentTitle()

  const features = [
    { icon: <WalletOutlined />, title: t('home.features.walletTitle'), text: t('home.features.walletText') },
    { icon: <UserOutlined />, title: t('home.features.profileTitle'), text: t('home.features.profileText') },
    { icon: <SafetyCertificateOutlined />, title: t('home.features.securityTitle'), text: t('home.features.securityText') },
    { icon: <LaptopOutlined />, title: t('home.features.sessionsTitle'), text: t('home.features.sessionsText') },
  ]

  return (
    <div className="cd-home">
      <section className="cd-hero">
        <Typography.Title className="cd-hero-title">
          {user ? t('home.welcomeBack', { name: user.nickname?.trim() || user.email }) : t('home.title', { product: PRODUCT_NAME })}
        </Typography.Title>
        <Typography.Paragraph className="cd-hero-text">{t('home.subtitle')}</Typography.Paragraph>
        {status !== 'loading' && (
          <Space size="middle" wrap style={{ justifyContent: 'center' }}>
            {user ? (
              <Link to="/account">
                <Button type="primary" size="large">
                  {t('nav.goToAccount')}
                </Button>
              </Link>
            ) : (
              <>
                <Link to="/register">
                  <Button type="primary" size="large">
                    {t('home.getStarted')}
                  </Button>
                </Link>
                <Link to="/login">
                  <Button size="large">{t('home.haveAccount')}</Button>
                </Link>
              </>
            )}
          </Space>
        )}
      </section>
      <Row gutter={[24, 24]} className="cd-features">
        {features.map((f) => (
          <Col xs={24} md={12} lg={6} key={f.title}>
            <Card variant="borderless" className="cd-feature">
              <div className="cd-feature-icon">{f.icon}</div>
              <Typography.Title level={5}>{f.title}</Typography.Title>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {f.text}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  )
}
