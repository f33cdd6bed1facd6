/** A row of `staff` as the pg driver returns it (database/migrations/0002). */
export type StaffRow = {
  id: number
  email: string
  name: string
  password: string
  role_id: number
  status: 'active' | 'frozen'
  frozen_reason: string | null
  frozen_at: Date | null
  locale: string
  last_login_at: Date | null
  created_at: Date
  updated_at: Date
}
