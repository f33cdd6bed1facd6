export interface PortalUser {
  id: number | string
  email: string
  nickname: string | null
  phone: string | null
  type: string | null
  tier: string | null
  verification_status: string | null
  created_at: string | null
  last_login_at: string | null
}

export interface PortalSession {
  id: number | string
  ip: string | null
  user_agent: string | null
  created_at: string | null
  last_seen_at: string | null
  current: boolean
}

export interface FieldError {
  field: string
  message: string
  rule?: string
}
