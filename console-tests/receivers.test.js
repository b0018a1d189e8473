// End-to-end tests of the traffic screen's breakdown by receiver and of the suppression list's CSV
// download, in Japanese and English. Traffic for several providers (a Yahoo TSS04 burst among it)
// goes to the packaged service; the service is restarted on the same data directory before the
// browser opens, so what the screen shows is what the ledger's database kept.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launch, newPage, screenshot } from './browser.js';
import { startService } from './service.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const UI_TIMEOUT = 20_000;
const TEST_TIMEOUT = 180_000;
/** Yahoo deferring a sender for volume or complaints: the case the spike mark is for. */
const TSS04 = '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user'
  + ' complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes';
/** More than the bundled rule's minimum of 20 in one hour. */
const TSS04_BURST = 25;
const GMAIL_UNKNOWN = 6;
const DOCOMO_FULL = 3;

let service;
let browser;
let categories;

async function post(path, body, contentType = 'application/json') {
  const r = await fetch(`${service.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  assert.equal(r.status, 200, `${path}: ${await r.text()}`);
}

before(async () => {
  service = await startService();
  for (let i = 0; i < TSS04_BURST; i++) {
    await post('/v1/bounces', JSON.stringify({ recipient: `member${i}@yahoo.com`, remoteMta: 'mta5.am0.yahoodns.net',
      diagnostic: TSS04 }));
  }
  for (let i = 0; i < GMAIL_UNKNOWN; i++) {
    await post('/v1/bounces', JSON.stringify({ recipient: `gone${i}@gmail.com`, smtpCode: 550, enhancedStatus: '5.1.1',
      diagnostic: `550-5.1.1 The email account that you tried to reach does not exist. gone${i}@gmail.com` }));
  }
  for (let i = 0; i < DOCOMO_FULL; i++) {
    await post('/v1/bounces', JSON.stringify({ recipient: `full${i}@docomo.ne.jp`, diagnostic: '452 4.2.2 Mailbox full' }));
  }
  // a bounce e-mail as it arrived: its recipient's domain names no listed provider
  await post('/v1/bounces', readFileSync(join(FIXTURES, 'user-unknown-dsn.eml')), 'message/rfc822');
  // a restart: the counts must come back from the ledger's database, not from memory
  await service.stop({ keep: true });
  service = await startService({ dir: service.dir });
  categories = (await (await fetch(`${service.baseUrl}/v1/categories`)).json()).categories;
  browser = await launch();
}, { timeout: 420_000 });

after(async () => {
  await browser?.close();
  await service?.stop();
});

function assertNoScriptErrors(page) {
  const errors = page.errors.filter((e) => !e.includes('Failed to load resource'));
  assert.deepEqual(errors, [], 'the page logged errors');
}

async function open(hash, locale) {
  const page = await newPage(browser, service.baseUrl, locale);
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(`/${hash}`);
  return page;
}

const label = (id, lang) => categories.find((c) => c.id === id).labels[lang];

/** The table row of one provider, by the name the service gives it. */
const row = (page, name) => page.locator('table.receivers tbody tr', { has: page.locator('.provider', { hasText: name }) });

describe('traffic by receiver and the suppression CSV', () => {
  test('traffic by receiver in Japanese: the history after a restart, by provider, with the Yahoo spike marked', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#traffic', 'ja-JP');
    await page.getByRole('heading', { level: 2, name: '受信側プロバイダ別' }).waitFor();
    const alert = page.locator('#receivers-body .spike-alert');
    await alert.waitFor();
    assert.equal(await alert.count(), 1, 'one provider is marked');
    assert.match(await alert.textContent(), /急増/);
    assert.match(await alert.textContent(), new RegExp(`Yahoo / AOL：.*${TSS04_BURST} 件中 ${TSS04_BURST} 件がブロック・遅延`));
    assert.match(await page.locator('#receivers-body').textContent(), /再起動後も/, 'kept in the ledger');

    const yahoo = row(page, 'Yahoo / AOL');
    assert.match(await yahoo.textContent(), /⚠ 急増/);
    assert.match(await yahoo.textContent(), new RegExp(label('reputation_block', 'ja')), 'category labels in Japanese');
    const gmail = row(page, 'Gmail / Google Workspace');
    assert.doesNotMatch(await gmail.textContent(), /急増/, 'user unknown is not a block');
    assert.match(await gmail.locator('td').nth(1).textContent(), new RegExp(`^${GMAIL_UNKNOWN}$`));
    assert.match(await row(page, 'docomo').locator('td').nth(1).textContent(), new RegExp(`^${DOCOMO_FULL}$`));
    assert.match(await row(page, 'その他のプロバイダ').locator('td').nth(1).textContent(), /^1$/);
    // the first row is the marked one, and the chart has a bar
    assert.match(await page.locator('table.receivers tbody tr').first().textContent(), /Yahoo/);
    await page.locator('#traffic-receivers svg.chart rect').first().waitFor();
    assert.match(await page.locator('#receivers-body .rule').textContent(), /20 件以上/);
    await page.locator('#traffic-receivers').scrollIntoViewIfNeeded();
    await screenshot(page, '10-receivers-ja');

    // a longer period: the same counts, more hours in the chart
    await page.getByLabel('期間').selectOption('168');
    await page.locator('#receivers-chart-title', { hasText: '168' }).waitFor({ state: 'attached' });
    assert.match(await row(page, 'Yahoo / AOL').textContent(), /⚠ 急増/);
    assertNoScriptErrors(page);
  });

  test('traffic by receiver in English: the same spike, the rule and the labels in English', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#traffic', 'en-US');
    await page.getByRole('heading', { level: 2, name: 'By receiver' }).waitFor();
    const alert = page.locator('#receivers-body .spike-alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), new RegExp(`Spike Yahoo / AOL: ${TSS04_BURST} of ${TSS04_BURST} blocked or deferred`));
    const headers = await page.locator('table.receivers thead th').allTextContents();
    assert.deepEqual(headers, ['Receiver', 'Classifications', 'Blocked or deferred, recent hour',
      'Blocked or deferred, 24 h before', 'Most frequent categories', 'Mark']);
    const yahoo = row(page, 'Yahoo / AOL');
    assert.match(await yahoo.textContent(), /⚠ Spike/);
    assert.match(await yahoo.textContent(), new RegExp(label('reputation_block', 'en')));
    assert.match(await row(page, 'Other providers').textContent(), /—/);
    assert.match(await page.locator('#receivers-body .rule').textContent(), /at least 20 blocks or deferrals/);
    await page.locator('#traffic-receivers').scrollIntoViewIfNeeded();
    await screenshot(page, '11-receivers-en');
    assertNoScriptErrors(page);
  });

  for (const [locale, button, file] of [['ja-JP', 'CSV をダウンロード', '12-suppressions-csv-ja'],
    ['en-US', 'Download CSV', '13-suppressions-csv-en']]) {
    test(`downloads the suppression list as CSV, filtered as shown (${locale})`, { timeout: TEST_TIMEOUT }, async () => {
      const page = await open('#ledger', locale);
      await page.locator('#ledger-suppressions table').waitFor();
      await page.locator('#ledger-domain').fill('gmail.com');
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: button }).click();
      const csv = readFileSync(await (await download).path(), 'utf8').trim().split(/\r?\n/);
      assert.equal(csv[0], 'address,domain,category,suppressed_at,event_id,matched_rules');
      const listed = await (await fetch(`${service.baseUrl}/v1/suppressions?domain=gmail.com&limit=1000`)).json();
      assert.equal(listed.total, GMAIL_UNKNOWN, 'every gmail.com recipient was suppressed');
      assert.deepEqual(csv.slice(1).map((line) => line.split(',')[0]).sort(),
        listed.suppressions.map((s) => s.address).sort(), 'the CSV holds what the list holds, and only gmail.com');
      assert.ok(csv.slice(1).every((line) => line.split(',')[2] === 'bad_mailbox'));
      await screenshot(page, file);
      assertNoScriptErrors(page);
    });
  }
});
