import { GiftOutlined, WalletOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Form, Result, Row, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { toApiError } from '../api/client'
import * as api from '../api/portal'
import type { RedeemResult } from '../api/types'
import { CodeInput } from '../components/CodeInput'
import { formatMoney } from '../components/Money'
import { PageHeader } from '../components/PageHeader'
import { useCountdown } from '../components/useCountdown'
import { useWallet } from '../components/useWallet'
import { BalanceCards } from '../components/wallet/BalanceCards'
import { CODE_PREFIX } from '../config'
import { useDocumentTitle } from '../hooks'
import { describeError, handleFormError } from '../lib/formErrors'
import { formatDate, formatWait } from '../lib/format'
import { CODE_BODY_CHARS, compactCode, formatCodeInput } from '../lib/redeemCode'

interface RedeemValues {
  code: string
}

const EXAMPLE = `${CODE_PREFIX}-XXXX-XXXX`

export function RedeemPage() {
  const { t } = useTranslation()
  const [form] = Form.useForm<RedeemValues>()
  const { wallet, error: walletError, reload } = useWallet()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<RedeemResult | null>(null)
  const throttle = useCountdown()
  useDocumentTitle(t('redeem.title'))

  const onFinish = async (values: RedeemValues) => {
    setSubmitting(true)
    setError(null)
    throttle.clear()
    try {
      const outcome = await api.redeemCode(formatCodeInput(values.code))
      setResult(outcome)
      form.resetFields()
      void reload() // the balances on this page (and the wallet page on its next visit) show the new value
    } catch (err) {
      const e = toApiError(err)
      if (e.status === 429 && e.retryAfter) {
        throttle.start(e.retryAfter)
      } else if (e.status === 429) {
        setError(describeError(e, t))
      } else {
        setError(handleFormError(form, e, ['code'], t))
      }
    } finally {
      setSubmitting(false)
    }
  }

  const throttled = throttle.secondsLeft > 0
  const asset = result?.asset ?? wallet?.asset ?? null

  const successText = (r: RedeemResult) => {
    if (r.amount && r.bucket) {
      const parts = [t(`redeem.credited.${r.bucket}`, { amount: formatMoney(t, r.amount, asset, '+') })]
      if (r.bucket === 'gift' && r.expiresAt) parts.push(t('redeem.giftExpires', { date: formatDate(r.expiresAt) }))
      return parts.join(' ')
    }
    // the server's message is English only: the page words the outcome itself
    return t('redeem.successGeneric')
  }

  const form$ = (
    <>
      {throttled && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="cd-form-alert"
          data-testid="redeem-throttled"
          message={t('redeem.tooMany', { wait: formatWait(throttle.secondsLeft, t) })}
        />
      )}
      {!throttled && error && <Alert type="error" showIcon role="alert" className="cd-form-alert" message={error} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting} size="large">
        <Form.Item
          name="code"
          label={t('redeem.code')}
          extra={t('redeem.codeHelp', { example: EXAMPLE })}
          // Checked on submit only (no "too short" while typing); any change clears a server error.
          rules={[
            { required: true, whitespace: true, message: t('redeem.codeRequired'), validateTrigger: 'onSubmit' },
            {
              validateTrigger: 'onSubmit',
              validator(_, value: string | undefined) {
                if (!value || compactCode(value).length >= CODE_BODY_CHARS) return Promise.resolve()
                return Promise.reject(new Error(t('redeem.codeTooShort', { example: EXAMPLE })))
              },
            },
          ]}
        >
          <CodeInput placeholder={EXAMPLE} prefix={<GiftOutlined />} autoFocus className="cd-mono" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} disabled={throttled}>
          {t('redeem.submit')}
        </Button>
      </Form>
    </>
  )

  return (
    <>
      <PageHeader title={t('redeem.title')} description={t('redeem.description')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" className="cd-card" title={result ? undefined : t('redeem.formTitle')}>
            {result ? (
              <div role="status" aria-live="polite">
                <Result
                  status={result.replayed ? 'info' : 'success'}
                  title={result.replayed ? t('redeem.replayedTitle') : t('redeem.successTitle')}
                  subTitle={result.replayed ? t('redeem.replayedText') : successText(result)}
                  extra={[
                    <Button type="primary" key="again" onClick={() => setResult(null)}>
                      {t('redeem.another')}
                    </Button>,
                    <Link to="/account/wallet" key="wallet">
                      <Button icon={<WalletOutlined />}>{t('redeem.viewWallet')}</Button>
                    </Link>,
                  ]}
                />
              </div>
            ) : (
              form$
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <BalanceCards wallet={wallet} failed={walletError !== null} compact />
          <Card variant="borderless" className="cd-card cd-section" title={t('redeem.tipsTitle')}>
            <ul className="cd-tips">
              <li>{t('redeem.tipFormat', { example: EXAMPLE })}</li>
              <li>{t('redeem.tipBuckets')}</li>
              <li>{t('redeem.tipAttempts')}</li>
            </ul>
            <Typography.Paragraph style={{ margin: '12px 0 0' }}>
              <Link to="/account/wallet">{t('redeem.viewWallet')}</Link>
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  )
}
