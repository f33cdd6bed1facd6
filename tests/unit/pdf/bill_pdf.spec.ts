/**
 * Bill PDFs read back as text (pdf.js through unpdf): the Chinese customer shows, the totals are the
 * document's figures in the contract's money format, dates are in the reader's zone, and every
 * page is numbered.
 */
import { test } from '@japa/runner'
import { renderBillPdf } from '#services/pdf/bill_pdf'
import { chineseBill, longBill, statement } from './sample_documents.js'
import { pdfText, squeeze } from './pdf_text.js'

async function read(...args: Parameters<typeof renderBillPdf>) {
  const bytes = await renderBillPdf(...args)
  const { pages, text } = await pdfText(bytes)
  return { bytes, pages, text, all: squeeze(text.join('\n')) }
}

test.group('Bill PDF', () => {
  test('a Chinese organization’s bill in zh-CN shows its name, address and every total', async ({ assert }) => {
    const { bytes, all } = await read(chineseBill(), 'zh-CN')
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
    for (const text of ['深圳市喆堃智能科技有限公司', '广东省深圳市南山区科技园科苑路15号8栋1203室', '91440300MA5F0XYZ12', 'B202611-000042', '账单', '部分支付']) {
      assert.include(all, text)
    }
    // subtotal, discount, tax, total, vouchers, prepaid, amount due, paid, credited, outstanding
    for (const [label, amount] of [['小计', 'US$1,250.00'], ['折扣(5%)', '−US$62.50'], ['税额(6%)', 'US$71.25'], ['合计', 'US$1,258.75'], ['代金券抵扣', '−US$8.75'], ['预付余额抵扣', '−US$50.00'], ['应付金额', 'US$1,200.00'], ['已付金额', 'US$500.00'], ['已冲正', 'US$100.00'], ['待付金额', 'US$600.00']]) {
      assert.include(all, `${label}${amount}`, label)
    }
    // lines keep every digit; the payment and the credit note are listed
    assert.include(all, 'US$234.5678')
    assert.include(all, '1,250,000tokens')
    assert.include(all, 'ICBC-20261203-7781')
    assert.include(all, '银行转账')
    assert.include(all, 'CN202612-000003')
    assert.include(all, '重复计费的请求')
  }).timeout(30000)

  test('English, in the reader’s zone: dates move with the zone, the period keeps its own', async ({ assert }) => {
    const shanghai = await read(chineseBill(), 'en')
    assert.include(shanghai.all, 'Period2026-11-01–2026-11-30')
    assert.include(shanghai.all, 'Issued2026-12-01')
    assert.include(shanghai.all, 'Due2026-12-16')
    assert.include(shanghai.all, 'Outstanding$600.00')
    assert.include(shanghai.all, 'Total$1,258.75')
    assert.include(shanghai.all, '深圳市喆堃智能科技有限公司')
    const newYork = await read(chineseBill(), 'en', { zone: 'America/New_York' })
    assert.include(newYork.all, '2026-11-01–2026-11-30(Asia/Shanghai)')
    assert.include(newYork.all, 'Issued2026-11-30')
    assert.include(newYork.all, 'Due2026-12-15')
    assert.include(newYork.all, 'TimesinAmerica/New_York')
    // an unknown zone falls back to the bill's own
    const unknown = await read(chineseBill(), 'en', { zone: 'Mars/Olympus' })
    assert.include(unknown.all, 'TimesinAsia/Shanghai')
  }).timeout(30000)

  test('a long bill runs over pages, each numbered and with the table header again', async ({ assert }) => {
    const { pages, text, all } = await read(longBill(120), 'en')
    assert.isAbove(pages, 2)
    text.forEach((page, i) => {
      assert.include(squeeze(page), `Page${i + 1}of${pages}`)
      if (i < pages - 1) assert.include(squeeze(page), 'DescriptionQuantityRequestsAmount')
    })
    assert.include(all, 'model-1usage')
    assert.include(all, 'model-120usage')
    assert.include(all, 'Subtotal$1,250.00')
  }).timeout(30000)

  test('a prepaid statement is not a request for payment: no status, due date or outstanding row', async ({ assert }) => {
    const zh = await read(statement(), 'zh-CN')
    assert.include(zh.all, '对账单')
    assert.include(zh.all, '王小明')
    assert.include(zh.all, '无需支付')
    assert.include(zh.all, '合计US$12.34')
    assert.include(zh.all, '代金券抵扣−US$2.00')
    assert.notInclude(zh.all, '待付金额')
    assert.notInclude(zh.all, '到期日')
    const en = await read(statement(), 'en')
    assert.include(en.all, 'Statement')
    assert.notInclude(en.all, 'Outstanding')
    assert.include(en.all, 'Page1of1')
  }).timeout(30000)
})
