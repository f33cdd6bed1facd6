/** Hand-made documents for the PDF tests: a Chinese organization's bill and a prepaid statement. */
import type { BillDocument } from '#contract/bills'

export function chineseBill(overrides: Partial<BillDocument> = {}): BillDocument {
  return {
    kind: 'bill',
    number: 'B202611-000042',
    status: 'partially_paid',
    currency: 'USD',
    period: { start: '2026-10-31T16:00:00.000Z', end: '2026-11-30T16:00:00.000Z', zone: 'Asia/Shanghai' },
    issuedAt: '2026-11-30T16:05:00.000Z',
    dueAt: '2026-12-15T16:00:00.000Z',
    customer: {
      id: 7001,
      name: '深圳市喆堃智能科技有限公司',
      email: 'finance@zhekun.example.cn',
      address: '广东省深圳市南山区科技园科苑路 15 号 8 栋 1203 室',
      taxId: '91440300MA5F0XYZ12',
    },
    issuer: { name: 'Creditdesk Platform Ltd.', address: '1 Market Street, San Francisco, CA 94105' },
    lines: [
      { id: 1, kind: 'usage', description: { 'en': 'gpt-4o usage', 'zh-CN': 'gpt-4o 用量' }, quantity: '1250000.000000', unit: 'tokens', requests: '4210', amount: '1000.000000' },
      { id: 2, kind: 'usage', description: { 'en': 'claude-sonnet usage', 'zh-CN': 'claude-sonnet 用量' }, quantity: '830000.000000', unit: 'tokens', requests: '1900', amount: '234.567800' },
      { id: 3, kind: 'hold_capture', description: { 'en': 'Video generations', 'zh-CN': '视频生成任务' }, quantity: '12.000000', unit: 'generations', requests: '12', amount: '15.432200' },
    ],
    totals: {
      subtotal: '1250.000000',
      discountRate: '5.0000',
      discount: '62.500000',
      taxRate: '6.0000',
      tax: '71.250000',
      total: '1258.750000',
      coveredGift: '8.750000',
      coveredCash: '50.000000',
      amountDue: '1200.000000',
      paid: '500.000000',
      credited: '100.000000',
      outstanding: '600.000000',
    },
    payments: [{ date: '2026-12-03T02:00:00.000Z', amount: '500.000000', method: 'bank_transfer', reference: 'ICBC-20261203-7781' }],
    creditNotes: [{ number: 'CN202612-000003', date: '2026-12-05T03:00:00.000Z', amount: '100.000000', reason: '重复计费的请求', settlement: 'wallet' }],
    ...overrides,
  }
}

/** A bill with `count` lines, long enough to run over several pages. */
export function longBill(count: number): BillDocument {
  const base = chineseBill()
  const lines = Array.from({ length: count }, (_, i) => ({
    ...base.lines[0],
    id: i + 1,
    description: { 'en': `model-${i + 1} usage`, 'zh-CN': `模型-${i + 1} 用量` },
    amount: '1.000000',
  }))
  return { ...base, lines }
}

export function statement(): BillDocument {
  return {
    kind: 'statement',
    number: 'S202611-7002',
    status: null,
    currency: 'USD',
    period: { start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z', zone: 'UTC' },
    issuedAt: null,
    dueAt: null,
    customer: { id: 7002, name: '王小明', email: 'xiaoming@example.cn', address: null, taxId: null },
    issuer: { name: 'Creditdesk Platform Ltd.', address: '1 Market Street, San Francisco, CA 94105' },
    lines: [{ id: null, kind: 'usage', description: { 'en': 'gpt-4o usage', 'zh-CN': 'gpt-4o 用量' }, quantity: '1000.000000', unit: 'tokens', requests: '3', amount: '12.340000' }],
    totals: {
      subtotal: '12.340000', discountRate: '0', discount: '0.000000', taxRate: '0', tax: '0.000000', total: '12.340000',
      coveredGift: '2.000000', coveredCash: '10.340000', amountDue: '0.000000', paid: '0.000000', credited: '0.000000', outstanding: '0.000000',
    },
    payments: [],
    creditNotes: [],
  }
}
