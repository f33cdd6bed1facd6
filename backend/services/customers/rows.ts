/** A row of `customers` as the pg driver returns it (the bigint id as a string; database/migrations/0003). */
export type CustomerRow = {
  id: string
  email: string
  nickname: string | null
  phone: string | null
  password: string
  type: string
  org_type: string | null
  is_developer: boolean
  verification_status: string
  tier: string
  frozen: boolean
  frozen_reason: string | null
  frozen_at: Date | null
  remark: string | null
  tags: string[]
  password_reset_hash: string | null
  password_reset_expires_at: Date | null
  last_login_at: Date | null
  created_at: Date
  updated_at: Date
}
