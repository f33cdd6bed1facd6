import type { Label } from '@creditdesk/contract/meta'
import type { Order, Plan } from '../../api/types'

const chinese = (language: string) => language === 'zh-CN'

/** A contract label in the UI language. */
export function localized(label: Label, language: string): string {
  return chinese(language) ? label['zh-CN'] : label.en
}

/** A plan's name and description in the UI language; the zh-CN texts fall back to the English ones when staff left them empty. */
export function planTexts(plan: Pick<Plan, 'name' | 'description' | 'name_zh' | 'description_zh'>, language: string) {
  return chinese(language)
    ? { name: plan.name_zh || plan.name, description: plan.description_zh || plan.description }
    : { name: plan.name, description: plan.description }
}

/** The name of the plan an order bought (its version's name) in the UI language. */
export function orderPlanName(order: Pick<Order, 'plan_name' | 'plan_name_zh'>, language: string): string | null {
  return (chinese(language) && order.plan_name_zh) || order.plan_name || null
}
