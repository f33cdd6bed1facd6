/**
 * Demo data for a fresh development database: one staff account per role, ~300 customers
 * of varied types, statuses, tiers, tags and creation dates over the past year, and some
 * audit history. Deterministic (seeded PRNG), so screenshots and tests see the same data.
 */
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { ensureDefaultRoles } from './default_roles.js'
import { ensureDemoPlans } from '#services/plans/demo_plans'
import { seedDemoUsage } from './demo_usage.js'
import { seedDemoTiers } from './demo_tiers.js'
import { seedDemoRiskSpike } from './demo_risk.js'
import { seedDemoQuotas } from './demo_quotas.js'
import { seedDemoOrg } from './demo_orgs.js'

export const DEMO_STAFF = [
  { email: 'superadmin@demo.local', name: 'Sam Super', role: 'super_admin' },
  { email: 'ops@demo.local', name: 'Olivia Ops', role: 'operations' },
  { email: 'finance@demo.local', name: 'Fei Finance', role: 'finance' },
  // a second finance member: cash adjustments and large offline payments need a different approver
  { email: 'finance2@demo.local', name: 'Fang Finance', role: 'finance' },
  { email: 'support@demo.local', name: 'Sunny Support', role: 'support' },
  { email: 'auditor@demo.local', name: 'Avery Auditor', role: 'auditor' },
]

const FIRST = ['li', 'wang', 'zhang', 'liu', 'chen', 'yang', 'zhao', 'huang', 'alex', 'maria', 'john', 'emma', 'noah', 'mia', 'lucas', 'sofia', 'kenji', 'yuki', 'omar', 'lea']
const LAST = ['wei', 'fang', 'na', 'jie', 'tao', 'smith', 'garcia', 'kim', 'tanaka', 'muller', 'rossi', 'dubois', 'silva', 'ng', 'patel']
const DOMAINS = ['example.com', 'mail.test', 'studio.test', 'labs.test', 'corp.test']
const TAGS = ['vip', 'beta', 'reseller', 'high-usage', 'churn-risk', 'edu', 'partner', 'trial']

function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 4294967296
  }
}

export async function seedDemo(password: string, customers = 300) {
  const random = prng(20261122)
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  const staffHash = await hash.make(password)

  await db.transaction(async (trx) => {
    await ensureDefaultRoles(trx)
    await ensureDemoPlans(trx)
    const roles = Object.fromEntries((await trx.from('roles').select('id', 'name')).map((r) => [r.name, r.id]))
    for (const staff of DEMO_STAFF) {
      await trx.insertQuery().table('staff').insert({ email: staff.email, name: staff.name, password: staffHash, role_id: roles[staff.role] })
    }

    const now = Date.now()
    const rows = []
    for (let i = 0; i < customers; i++) {
      const first = pick(FIRST)
      const last = pick(LAST)
      const organization = random() < 0.2
      const created = new Date(now - Math.floor(Math.pow(random(), 1.6) * 365 * 86400_000))
      const frozen = random() < 0.06
      const tags = TAGS.filter(() => random() < 0.12)
      rows.push({
        email: `${first}.${last}${i}@${pick(DOMAINS)}`,
        nickname: organization ? `${last.toUpperCase()} ${pick(['Studio', 'Labs', 'AI', 'Media', 'Tech'])}` : `${first} ${last}`,
        phone: random() < 0.7 ? `+1 555 ${String(1000000 + i).slice(1)}` : null,
        password: staffHash,
        type: organization ? 'organization' : 'individual',
        org_type: organization ? pick(['enterprise', 'dev_org', 'individual_dev']) : null,
        is_developer: random() < 0.35,
        verification_status: pick(['unverified', 'unverified', 'pending', 'verified', 'verified', 'rejected']),
        tier: organization ? pick(['pro', 'enterprise']) : pick(['free', 'free', 'free', 'basic', 'pro']),
        frozen,
        frozen_reason: frozen ? pick(['Chargeback under review', 'Abusive usage', 'Requested by customer']) : null,
        frozen_at: frozen ? new Date(created.getTime() + 86400_000) : null,
        remark: random() < 0.15 ? pick(['Met at GTC', 'Asked for invoice monthly', 'Pays by bank transfer']) : null,
        tags: `{${tags.join(',')}}`,
        last_login_at: random() < 0.8 ? new Date(Math.min(now, created.getTime() + Math.floor(random() * 60 * 86400_000))) : null,
        created_at: created,
        updated_at: created,
      })
    }
    const inserted = await trx.insertQuery().table('customers').multiInsert(rows).returning(['id', 'email', 'frozen', 'frozen_reason', 'frozen_at'])

    const ops = await trx.from('staff').where('email', 'ops@demo.local').first()
    const history = inserted
      .filter((c) => c.frozen)
      .map((c) => ({
        occurred_at: c.frozen_at,
        actor_type: 'staff',
        actor_id: ops.id,
        actor_label: ops.email,
        actor_role: 'operations',
        action: 'freeze',
        resource: 'users',
        record_id: String(c.id),
        changes: JSON.stringify({ before: { frozen: false }, after: { frozen: true } }),
        reason: c.frozen_reason,
        ip: '10.0.0.12',
        user_agent: 'Mozilla/5.0 (demo seed)',
        request_id: 'seed',
      }))
    history.push({
      occurred_at: new Date(now - 3 * 86400_000),
      actor_type: 'system',
      actor_id: null,
      actor_label: 'system',
      actor_role: null,
      action: 'seed',
      resource: null,
      record_id: null,
      changes: null,
      reason: 'Demo data created',
      ip: null,
      user_agent: null,
      request_id: 'seed',
    } as any)
    await trx.insertQuery().table('audit_logs').multiInsert(history)
  })
  // plan quotas: two plans with quotas, one customer above 80 % of one (its portal shows the alert)
  await seedDemoQuotas()
  // API usage: catalog, keys, recharges and 60 days of billed traffic (not in test runs: ~200k rows),
  // then one spike in the hour in progress so the risk alerts list has something to show
  if (process.env.NODE_ENV !== 'test' && process.env.SEED_DEMO_USAGE !== 'false') {
    const usage = await seedDemoUsage()
    await seedDemoRiskSpike()
    // tiers last: negotiated terms for organisations, one API customer just below its next threshold
    await seedDemoTiers()
    // the demo organization: members, a signed contract, two months of bills (after the tiers: its terms are its own)
    await seedDemoOrg(password)
    return usage
  }
  await seedDemoTiers()
}
