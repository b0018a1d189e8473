// End-to-end tests of the web console: the packaged service, started as the README says, and
// Debian's Chromium, headless, as a deliverability expert would use them. Each test opens a fresh
// browser context (no stored language or token) and saves a screenshot under
// target/console-screenshots/.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launch, newPage, screenshot } from './browser.js';
import { ADMIN_TOKEN, startService } from './service.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
/** Reloads compile every rule and run every rule case: seconds, more on a busy machine. */
const RELOAD_TIMEOUT = 90_000;
const UI_TIMEOUT = 20_000;
const TEST_TIMEOUT = 180_000;

const USER_UNKNOWN = '550 5.1.1 <sato.k@example.jp>: Recipient address rejected: User unknown in virtual mailbox table';

let service;
let browser;

before(async () => {
  service = await startService();
  browser = await launch();
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await service?.stop();
});

/** Script errors and Content-Security-Policy violations fail a test; a failed request the page shows does not. */
function assertNoScriptErrors(page) {
  const errors = page.errors.filter((e) => !e.includes('Failed to load resource'));
  assert.deepEqual(errors, [], 'the page logged errors');
}

async function open(hash = '', locale = 'ja-JP') {
  const page = await newPage(browser, service.baseUrl, locale);
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(`/${hash}`);
  return page;
}

async function classifyText(page, diagnostic) {
  await page.getByLabel('診断テキスト', { exact: true }).fill(diagnostic);
  await page.getByRole('button', { name: '分類する' }).click();
  await page.locator('#try-results article.result').first().waitFor();
}

describe('web console', () => {
  test('opens at / with the rules version, every field labelled, and screens reachable by keyboard', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open();
    const health = await (await fetch(`${service.baseUrl}/health`)).json();
    await page.getByRole('heading', { level: 1, name: 'バウンスを試す' }).waitFor();
    await page.locator('#rules-version', { hasText: health.rulesVersion }).waitFor();
    assert.equal(await page.locator('#admin-state').textContent(), '閲覧のみ', 'read-only without the admin token');

    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((f) => f.type !== 'hidden' && f.labels.length === 0 && !f.getAttribute('aria-label'))
      .map((f) => f.id || f.outerHTML));
    assert.deepEqual(unlabelled, [], 'every form field has a label');

    let focused = '';
    for (let i = 0; i < 12 && focused !== 'ルール'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    }
    assert.equal(focused, 'ルール', 'the rules screen link is reached with Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'ルール' }).waitFor();
    await page.locator('details.rule-file').first().waitFor();
    await screenshot(page, '01-console-opens');
    assertNoScriptErrors(page);
  });

  test('classifies a sample text: category, hard or soft, action, and the deciding rules by name and file', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#try');
    await page.getByLabel('サンプルから始める').selectOption({ label: 'メールボックスが存在しない（Postfix）' });
    assert.equal(await page.getByLabel('SMTP 応答コード').inputValue(), '550');
    await page.getByRole('button', { name: '分類する' }).click();
    const card = page.locator('#try-results article.result');
    await card.waitFor();
    assert.equal(await card.locator('.category-id').textContent(), 'bad_mailbox');
    const badges = await card.locator('.badges').textContent();
    assert.match(badges, /ハード/);
    assert.match(badges, /配信停止/);
    assert.match(badges, /再送しない/);
    assert.match(await card.locator('.remediation').textContent(), /アドレス/);
    const rules = card.locator('.rules-decided li');
    assert.ok(await rules.count() >= 3);
    const decided = await rules.allTextContents();
    assert.ok(decided.some((r) => r.includes('bad mailbox: user unknown') && r.includes('text/bad-mailbox.drl')), decided.join('\n'));
    assert.ok(decided.some((r) => r.includes('status X.1.1') && r.includes('enhanced-status.drl')), decided.join('\n'));
    const evidence = await card.locator('dl.evidence').textContent();
    assert.match(evidence, /5\.1\.1/);
    assert.match(evidence, /recipient address rejected: user unknown/, 'the text as the rules matched it');
    await screenshot(page, '02-classify-text');
    assertNoScriptErrors(page);
  });

  test('the new categories: a carrier refusal setting asks the recipient, a 2xx is not a failure', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#try');
    await page.getByLabel('サンプルから始める').selectOption({ label: '受信者の受信拒否設定（docomo）' });
    await page.getByRole('button', { name: '分類する' }).click();
    const card = page.locator('#try-results article.result');
    await card.waitFor();
    assert.equal(await card.locator('.category-id').textContent(), 'recipient_filter');
    const badges = await card.locator('.badges').textContent();
    assert.match(badges, /ソフト/);
    assert.match(badges, /受信者に連絡/);
    await page.getByLabel('サンプルから始める').selectOption({ label: '受け付け済み（2xx）：不達ではない' });
    await page.getByRole('button', { name: '分類する' }).click();
    await page.locator('#try-results article.result .category-id', { hasText: 'delivered' }).waitFor();
    const delivered = await page.locator('#try-results article.result .badges').textContent();
    assert.match(delivered, /配信失敗ではない/);
    assert.match(delivered, /対応不要/);
    await screenshot(page, '02b-new-categories');
    assertNoScriptErrors(page);
  });

  test('near misses: an unknown answer shows the rules it came closest to, in Japanese and English', { timeout: TEST_TIMEOUT }, async () => {
    const parked = 'delivery to kenji.w@example.jp is parked by the gateway operator until further notice';
    const page = await open('#try');
    await classifyText(page, parked);
    const near = page.locator('#try-results .near-misses');
    await near.waitFor();
    assert.equal(await near.locator('h4').textContent(), '惜しかったルール');
    assert.match(await near.locator('li.near-closest').first().textContent(), /不足した語: /);
    await screenshot(page, '02c-near-misses');
    assertNoScriptErrors(page);
    const english = await open('#try', 'en-US');
    await english.getByLabel('Diagnostic text', { exact: true }).fill(parked);
    await english.getByRole('button', { name: 'Classify' }).click();
    const nearEn = english.locator('#try-results .near-misses');
    await nearEn.waitFor();
    assert.equal(await nearEn.locator('h4').textContent(), 'Near misses');
    assert.match(await nearEn.locator('li.near-closest').first().textContent(), /almost matched “.+”; missing: /);
    assertNoScriptErrors(english);
  });

  test('a rule named in a result opens highlighted on the rules screen, with its firings', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#try');
    await classifyText(page, USER_UNKNOWN);
    await page.locator('#try-results').getByRole('link', { name: 'bad mailbox: user unknown', exact: true }).click();
    const row = page.locator('tr.highlight');
    await row.waitFor();
    assert.equal(await row.locator('th').textContent(), 'bad mailbox: user unknown');
    const firings = Number((await row.locator('td.num').nth(1).textContent()).replace(/\D/g, ''));
    assert.ok(firings >= 1, `the rule fired at least once since start, shown ${firings}`);
    await page.getByLabel('一度も発火していないルールのみ').check();
    assert.ok(await page.locator('tr.highlight').isHidden(), 'a rule that fired is not among the never-fired ones');
    assert.ok(await page.locator('tr.never-fired:visible').count() > 0);
    await page.getByLabel('一度も発火していないルールのみ').uncheck();
    await page.locator('tr.highlight').scrollIntoViewIfNeeded();
    await screenshot(page, '03-rule-from-result');
    assertNoScriptErrors(page);
  });

  test('classifies a bounce e-mail (.eml): its kind and one card per failed recipient', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#try');
    await page.getByLabel('.eml ファイルを選択').setInputFiles(join(FIXTURES, 'user-unknown-dsn.eml'));
    const result = page.locator('#try-results');
    await result.locator('.message-result, .notice.error').first().waitFor();
    await screenshot(page, '04-classify-eml');
    const error = result.locator('.notice.error');
    assert.equal(await error.count(), 0, `the service classified the message: ${await error.allTextContents()}`);
    assert.match(await result.locator('.message-facts').textContent(), /dsn/);
    const card = result.locator('article.result');
    assert.equal(await card.count(), 1);
    assert.match(await card.locator('.recipient').textContent(), /hanako\.y@example\.jp/);
    assert.equal(await card.locator('.category-id').textContent(), 'bad_mailbox');
    assert.ok(await card.locator('.rules-decided li').count() >= 1);
    assert.match(await card.locator('dl.evidence').textContent(), /mx\.example\.jp|mail\.shop\.example/, 'the reporting or remote MTA');
    assertNoScriptErrors(page);
  });

  test('switches between Japanese and English, texts from the service included', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#try');
    await classifyText(page, USER_UNKNOWN);
    const label = page.locator('#try-results .category-label');
    assert.match(await label.textContent(), /ユーザーが見つからない/);
    await page.getByRole('button', { name: 'コンソールを英語に切り替える' }).click();
    await page.getByRole('heading', { level: 1, name: 'Try a bounce' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.locator('#try-results .category-label', { hasText: 'Mailbox does not exist' }).waitFor();
    assert.match(await page.locator('#try-results .badges').textContent(), /hard/);
    assert.equal(await page.getByRole('link', { name: 'Categories' }).count(), 1);
    await screenshot(page, '05-english');
    await page.getByRole('button', { name: 'Switch the console to Japanese' }).click();
    await page.getByRole('heading', { level: 1, name: 'バウンスを試す' }).waitFor();
    assertNoScriptErrors(page);
  });

  test('shows a broken rule file\'s error at its line, and a failing case with expected and got, after reloads', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#rules');
    await page.locator('#rules-attempt .badge.status-ok').waitFor();
    const broken = join(service.rulesDir, 'text', 'zz-console-test-broken.drl');
    const lines = ['package bounce;', '', 'import org.bounceclassifier.engine.Evidence;', '',
      '// the value after == is missing', 'rule "console test: broken on purpose"', 'when',
      '    Evidence( smtpCode == )', 'then', 'end', ''];
    const brokenLine = lines.findIndex((l) => l.includes('smtpCode == )')) + 1;
    writeFileSync(broken, lines.join('\n'));
    try {
      // the file watcher reloads by itself; the page hears of it (server-sent event) and redraws
      const attempt = page.locator('#rules-attempt');
      await attempt.locator('.badge.status-failed').waitFor({ timeout: RELOAD_TIMEOUT });
      assert.match(await page.locator('#toast').textContent(), /採用されませんでした/);
      const errorRow = attempt.locator('table.compile-errors tbody tr', { hasText: 'zz-console-test-broken.drl' }).first();
      await errorRow.waitFor();
      assert.equal(await errorRow.locator('td').nth(1).textContent(), String(brokenLine));
      assert.match(await attempt.textContent(), /ファイルの変更/);
      assert.match(await attempt.textContent(), /以前のルール/, 'says the previous rules still serve');
      await screenshot(page, '06-broken-rule-error');

      // read-only until the admin token is given: the reload button asks for it
      await page.getByRole('button', { name: '今すぐルールを再読み込み' }).click();
      const dialog = page.getByRole('dialog', { name: '管理トークン' });
      await dialog.waitFor();
      await dialog.getByLabel('管理トークン').fill(ADMIN_TOKEN);
      await dialog.getByRole('button', { name: 'このトークンを使う' }).click();
      await attempt.locator('dd', { hasText: '再読み込みボタンまたは API' }).waitFor({ timeout: RELOAD_TIMEOUT });
      assert.equal(await attempt.locator('table.compile-errors tbody tr', { hasText: 'zz-console-test-broken.drl' })
        .first().locator('td').nth(1).textContent(), String(brokenLine));
      assert.equal(await page.locator('#admin-state').textContent(), '管理者');
    } finally {
      rmSync(broken, { force: true });
    }
    const attempt = page.locator('#rules-attempt');
    await attempt.locator('.badge.status-ok').waitFor({ timeout: RELOAD_TIMEOUT });

    // a case whose expectation the rules do not meet: the gate rejects the set and says expected and got
    const wrongCase = join(service.casesDir, 'zz-console-test.yaml');
    writeFileSync(wrongCase, ['- name: console test, an expectation the rules do not meet',
      '  input:', '    diagnostic: "452 4.2.2 mailbox full"', '  expect:', '    category: bad_domain', ''].join('\n'));
    try {
      const check = attempt.locator('.failed-checks li', { hasText: 'console test, an expectation the rules do not meet' });
      await check.waitFor({ timeout: RELOAD_TIMEOUT });
      assert.match(await check.textContent(), /expected bad_domain, got mailbox_full/);
      await check.scrollIntoViewIfNeeded();
      await screenshot(page, '06b-failing-case');
    } finally {
      rmSync(wrongCase, { force: true });
    }
    await attempt.locator('.badge.status-ok').waitFor({ timeout: RELOAD_TIMEOUT });
    assertNoScriptErrors(page);
  });

  test('a rule edit shows its impact on recent traffic (the traffic sample), in Japanese and English', { timeout: TEST_TIMEOUT }, async () => {
    // real traffic first: three people's full mailboxes, one input once addresses are masked
    for (const who of ['mika.t', 'ren.k', 'sora.n']) {
      const answer = await fetch(`${service.baseUrl}/v1/classify`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ diagnostic: `452 4.2.2 <${who}@example.jp>: Mailbox full`, recipient: `${who}@example.jp` }),
      });
      assert.equal(answer.status, 200);
    }
    const page = await open('#rules');
    const attempt = page.locator('#rules-attempt');
    await attempt.locator('.badge.status-ok').waitFor();
    // the edit: full mailboxes are given up at once instead of retried in six hours
    const remediation = join(service.rulesDir, 'remediation.drl');
    const original = readFileSync(remediation, 'utf8');
    const edited = original.replace(
      '    $d : Decision( category == Category.MAILBOX_FULL )\nthen\n    $d.remediate(kcontext, Action.RETRY, hours(6));',
      '    $d : Decision( category == Category.MAILBOX_FULL )\nthen\n    $d.remediate(kcontext, Action.SUPPRESS, null);');
    assert.notEqual(edited, original, 'the edit applies to the bundled rules');
    writeFileSync(remediation, edited);
    try {
      const impact = page.locator('#rules-impact');
      const row = impact.locator('table.impact-transitions tbody tr', { hasText: 'mailbox_full / soft / suppress' });
      await row.waitFor({ timeout: RELOAD_TIMEOUT });
      assert.equal(await row.locator('td').nth(0).textContent(), 'mailbox_full / soft / retry');
      assert.ok(Number((await row.locator('td').nth(2).textContent()).replace(/[^0-9]/g, '')) >= 3,
        'the three bounces of the sample count');
      const examples = await row.locator('.impact-examples').textContent();
      assert.match(examples, /3 × 452 4\.2\.2 <\*\*\*@example\.jp>: Mailbox full/);
      assert.doesNotMatch(examples, /mika|ren\.k|sora/, 'no address is shown whole');
      assert.match(await impact.locator('h3').textContent(), /最近のトラフィックへの影響/);
      assert.match(await impact.locator('.impact-summary').textContent(), /判定が変わります/);
      assert.match(await impact.locator('.impact-ledger').textContent(), /台帳/);
      await impact.scrollIntoViewIfNeeded();
      await screenshot(page, '06c-impact-ja');

      await page.getByRole('button', { name: 'コンソールを英語に切り替える' }).click();
      await impact.locator('h3', { hasText: 'Impact on recent traffic' }).waitFor();
      assert.match(await impact.locator('.impact-summary').textContent(), /sampled bounces \(.+%\) would get another answer/);
      await impact.locator('th', { hasText: 'With the new rules' }).waitFor();
      assert.match(await impact.locator('.impact-ledger').textContent(), /^Ledger: of \d+ recipients/);
      await impact.scrollIntoViewIfNeeded();
      await screenshot(page, '06d-impact-en');
    } finally {
      writeFileSync(remediation, original);
    }
    await attempt.locator('.badge.status-ok').waitFor({ timeout: RELOAD_TIMEOUT });
    assertNoScriptErrors(page);
  });

  test('categories: labels, default type and action, remediation in Japanese and English side by side', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#categories');
    const card = page.locator('#category-bad_mailbox');
    await card.waitFor();
    assert.match(await card.locator('section[lang="ja"] .category-label').textContent(), /ユーザーが見つからない/);
    assert.equal(await card.locator('section[lang="en"] .category-label').textContent(), 'Mailbox does not exist');
    assert.match(await card.locator('section[lang="en"]').textContent(), /typos/);
    assert.match(await card.locator('.badges').textContent(), /ハード.*配信停止/s);
    assert.equal(await page.locator('article.category').count(), 30);
    await screenshot(page, '07-categories');
    assertNoScriptErrors(page);
  });

  test('traffic: the last hour as a chart, the share of unknown, and unknown texts with addresses masked', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open('#try');
    await classifyText(page, 'delivery to kenji.w@example.jp is parked by the gateway operator until further notice');
    assert.equal(await page.locator('#try-results .category-id').textContent(), 'unknown');
    await page.getByRole('link', { name: 'トラフィック' }).click();
    await page.locator('svg.chart rect').first().waitFor();
    assert.match(await page.locator('.unknown-share').textContent(), /%/);
    const text = page.locator('table.unknown-texts td', { hasText: 'is parked by the gateway operator' });
    await text.waitFor();
    assert.match(await text.textContent(), /k\*\*\*@example\.jp/);
    assert.doesNotMatch(await page.locator('#traffic-unknown').textContent(), /kenji/);
    await screenshot(page, '08-traffic');
    assertNoScriptErrors(page);
  });

  test('ledger: find a recipient, see its events and state, release its suppression with the admin token', { timeout: TEST_TIMEOUT }, async () => {
    const address = 'miho.t@example.jp';
    const recorded = await fetch(`${service.baseUrl}/v1/bounces`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ recipient: address, eventId: 'console-test-1', smtpCode: 550, enhancedStatus: '5.1.1',
        diagnostic: `550 5.1.1 <${address}>: Recipient address rejected: User unknown in virtual mailbox table` }),
    });
    assert.equal(recorded.status, 200, `POST /v1/bounces records a bounce: ${await recorded.text()}`);
    const page = await open('#ledger');
    await page.locator('#ledger-suppressions table, #ledger-unavailable .notice').first().waitFor();
    assert.ok(await page.locator('#ledger-unavailable').isHidden(), await page.locator('#ledger-unavailable').textContent());
    await page.locator('#ledger-suppressions td', { hasText: address }).waitFor();
    await page.getByLabel('メールアドレス').fill(address);
    await page.getByRole('button', { name: '検索' }).click();
    const view = page.locator('#ledger-recipient .recipient-view');
    await view.waitFor();
    assert.match(await view.locator('.badge').first().textContent(), /配信停止/);
    assert.match(await view.textContent(), /bad_mailbox/);
    await view.getByRole('button', { name: `${address} の配信停止を解除` }).click();
    const tokenDialog = page.getByRole('dialog', { name: '管理トークン' });
    await tokenDialog.getByLabel('管理トークン').fill(ADMIN_TOKEN);
    await tokenDialog.getByRole('button', { name: 'このトークンを使う' }).click();
    const release = page.getByRole('dialog', { name: '配信停止の解除' });
    await release.getByLabel('理由（監査記録に残ります）').fill('the customer fixed the mailbox and asked by phone');
    await release.getByRole('button', { name: '解除する' }).click();
    await page.locator('#toast', { hasText: `${address} の配信停止を解除しました` }).waitFor();
    await page.locator('#ledger-recipient .badge', { hasText: '解除済み' }).waitFor();
    await screenshot(page, '09-ledger');
    assertNoScriptErrors(page);
  });
});
