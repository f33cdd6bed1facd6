import { Card, Typography } from 'antd'
import type { ReactNode } from 'react'
import { BrandMark } from './Brand'

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="cd-auth">
      <Card className="cd-auth-card" variant="borderless">
        <div className="cd-auth-head">
          <BrandMark size={40} />
          <Typography.Title level={3} style={{ margin: '16px 0 4px' }}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        {children}
        {footer && <div className="cd-auth-footer">{footer}</div>}
      </Card>
    </div>
  )
}
