// The console's texts in Japanese and English, and the switch between them.
// Static texts in index.html carry data-i18n="key" (and data-i18n-attr="attr:key,...");
// screens call t() for what they draw. Category labels and remediation texts are not here:
// they come from the rules' message files through the API, in the language chosen.

const TEXTS = {
  en: {
    'app.title': 'Bounce classifier console',
    'app.name': 'Bounce classifier',
    'app.skip': 'Skip to content',
    'app.rulesVersion': 'Rules {version}',
    'nav.label': 'Screens',
    'nav.try': 'Try a bounce',
    'nav.rules': 'Rules',
    'nav.categories': 'Categories',
    'nav.traffic': 'Traffic',
    'nav.ledger': 'Ledger',
    'lang.switch': '日本語',
    'lang.switchLabel': 'Switch the console to Japanese',

    'common.refresh': 'Refresh',
    'common.cancel': 'Cancel',
    'common.none': '—',
    'common.error': 'The service answered {status}: {message}',
    'common.offline': 'The service cannot be reached: {message}',

    'admin.title': 'Admin token',
    'admin.explain': 'Actions that change the service (reloading rules, releasing a suppression) need the token the service was started with (BOUNCE_ADMIN_TOKEN). It is kept in this browser tab only.',
    'admin.token': 'Admin token',
    'admin.save': 'Use this token',
    'admin.readOnly': 'Read-only',
    'admin.active': 'Admin',
    'admin.enter': 'Enter admin token',
    'admin.forget': 'Forget admin token',
    'admin.rejected': 'The service refused the admin token: {message}',

    'try.title': 'Try a bounce',
    'try.lead': 'Paste what the receiving mail server said, or drop a bounce e-mail: see what the service decides, and why.',
    'try.formTitle': 'Diagnostic text and codes',
    'try.sample': 'Start from a sample',
    'try.sampleNone': '(choose a sample)',
    'try.diagnostic': 'Diagnostic text',
    'try.diagnosticHelp': 'As the receiving server wrote it: from your MTA\'s log, or the Diagnostic-Code of a bounce.',
    'try.smtpCode': 'SMTP reply code',
    'try.smtpCodeHelp': '200 to 599. Read from the text when empty.',
    'try.enhancedStatus': 'Enhanced status code',
    'try.enhancedStatusHelp': 'class.subject.detail, such as 5.1.1. Read from the text when empty.',
    'try.moreFacts': 'More facts (optional)',
    'try.recipient': 'Recipient address',
    'try.remoteMta': 'Reporting MTA',
    'try.dsnAction': 'DSN Action field',
    'try.dsnActionNone': '(not given)',
    'try.softBounces': 'Soft bounces in a row before this one',
    'try.classify': 'Classify',
    'try.clear': 'Clear',
    'try.emlTitle': 'A whole bounce e-mail',
    'try.emlDrop': 'Drop a .eml file here, or',
    'try.emlChoose': 'Choose a .eml file',
    'try.emlHelp': 'The message as it arrived at the return path, headers included. It is sent to this service only.',
    'try.resultsTitle': 'Result',
    'try.noResult': 'Nothing classified yet.',
    'try.working': 'Classifying…',
    'try.needEvidence': 'Give a diagnostic text, an SMTP reply code or an enhanced status code.',
    'try.badCode': 'The SMTP reply code must be a whole number from 200 to 599.',
    'try.badStatus': 'The enhanced status code must look like 5.1.1 (class 2, 4 or 5).',
    'try.badSoftBounces': 'Soft bounces in a row must be a whole number, 0 or more.',
    'try.emlFile': 'E-mail file: {name} ({size} bytes)',
    'try.emlEmpty': 'The file {name} is empty.',
    'try.messageKind': 'Message kind',
    'try.layout': 'Read as',
    'try.noRecipients': 'No failed recipient was found in this message.',
    'try.recipientCount': '{n} recipient(s)',

    'sample.userUnknown': 'Mailbox does not exist (Postfix)',
    'sample.mailboxFull': 'Mailbox over quota',
    'sample.blocklist': 'Sending IP on a block list',
    'sample.dmarc': 'DMARC check failed',
    'sample.recipientFilter': "The recipient's own refusal setting (docomo)",
    'sample.tlsRequired': 'The receiver requires TLS',
    'sample.delivered': 'Accepted (2xx): not a bounce',
    'sample.unknown': 'A wording no rule knows yet',

    'kind.dsn': 'Delivery status notification (RFC 3464)',
    'kind.non_standard_bounce': 'Bounce in a non-standard layout',
    'kind.auto_reply': 'Automatic reply',
    'kind.feedback_report': 'Spam complaint (feedback report)',
    'kind.not_a_bounce': 'Not a bounce',

    'result.recipient': 'Recipient',
    'result.category': 'Category',
    'result.type': 'Bounce type',
    'result.action': 'Action',
    'result.retry': 'Retry',
    'result.noRetry': 'no retry',
    'result.remediation': 'What to do',
    'result.why': 'Why: the rules that decided',
    'result.whyHelp': 'Strongest evidence first. Open a rule on the rules screen to see its file, line and how often it fired.',
    'near.title': 'Near misses',
    'near.help': 'Rules that almost decided: where to add or fix a rule.',
    'near.weaker': 'lost: weaker evidence ({strength})',
    'near.equal': 'lost: equal evidence, the decision preferred the answer',
    'near.outranked': 'lost: a decision rule chose otherwise',
    'near.aside': 'names “{phrase}”, which is in the text, yet did not fire (an unless phrase or another condition)',
    'near.closest': 'almost matched “{phrase}”; missing: {missing}',
    'near.code': '{code} has no rule of its own (only its class spoke)',
    'result.noRules': 'No rule recognized anything: this is a text to write a rule for.',
    'result.evidence': 'Evidence the service extracted',
    'result.rulesVersion': 'Rules version {version}',

    'type.hard': 'hard',
    'type.soft': 'soft',
    'type.none': 'not a failure',
    'action.suppress': 'suppress',
    'action.retry': 'retry',
    'action.fix_sender': 'fix the sender',
    'action.contact_recipient': 'contact the recipient',
    'action.none': 'nothing to do',

    'ev.smtpCode': 'SMTP reply code',
    'ev.enhancedStatus': 'Enhanced status',
    'ev.reportingMta': 'Reporting MTA',
    'ev.remoteMta': 'Remote MTA',
    'ev.recipientDomain': 'Recipient domain',
    'ev.senderDomain': 'Sender domain',
    'ev.dsnAction': 'DSN action',
    'ev.softBounces': 'Soft bounces in a row before',
    'ev.diagnostic': 'Diagnostic text',
    'ev.text': 'Text as the rules matched it',

    'rules.title': 'Rules',
    'rules.lead': 'What is loaded, how often each rule fired since the service started, and how the last reload went. This page updates by itself when the rules reload.',
    'rules.loaded': 'Loaded rule set',
    'rules.version': 'Version',
    'rules.loadedAt': 'Loaded at',
    'rules.ruleCount': 'Rules',
    'rules.fileCount': 'Files',
    'rules.neverFiredCount': 'Never fired since start',
    'rules.attempt': 'Last reload attempt',
    'rules.noAttempt': 'No reload attempt yet.',
    'rules.status.ok': 'accepted',
    'rules.status.failed': 'rejected',
    'rules.trigger': 'Started by',
    'rules.trigger.startup': 'service start',
    'rules.trigger.watch': 'a file change',
    'rules.trigger.api': 'the reload button or API',
    'rules.at': 'At',
    'rules.duration': 'Took',
    'rules.durationMs': '{n} ms',
    'rules.stillServing': 'Still serving the previous rules, version {version}.',
    'rules.errors': 'Compiler errors',
    'rules.errFile': 'File',
    'rules.errLine': 'Line',
    'rules.errMessage': 'Message',
    'rules.failedChecks': 'Failing cases and examples',
    'rules.failedChecksHelp': 'Each with what it expected and what it got.',
    'rules.filter': 'Find a rule (name, file or source)',
    'rules.neverOnly': 'Only rules that never fired',
    'rules.expandAll': 'Open all files',
    'rules.collapseAll': 'Close all files',
    'rules.reload': 'Reload rules now',
    'rules.shown': '{shown} of {total} rules shown',
    'rules.fileSummary': '{rules} rules, {fired} fired',
    'rules.line': 'Line',
    'rules.name': 'Rule',
    'rules.phase': 'Phase',
    'rules.source': 'Source',
    'rules.firings': 'Fired',
    'rules.examples': 'Examples',
    'rules.never': 'never',
    'rules.phase.evidence': 'evidence',
    'rules.phase.decide': 'decide',
    'rules.phase.remediate': 'remediate',
    'rules.reloaded': 'Rules reloaded ({trigger}): version {version}.',
    'rules.rejected': 'Rules rejected ({trigger}): {errors} error(s), {checks} failing check(s). Still serving the previous rules.',
    'rules.noMatch': 'No rule matches.',
    'rules.notFound': 'No rule named “{name}” is loaded.',

    'categories.title': 'Categories',
    'categories.lead': 'The taxonomy: each category\'s default bounce type and action, and the texts a person reads, in Japanese and English side by side.',
    'categories.defaults': 'Default',
    'categories.ja': '日本語',
    'categories.en': 'English',

    'traffic.title': 'Traffic',
    'traffic.lead': 'Classifications per minute over the last hour, and the texts that ended in unknown: the rules to write next.',
    'traffic.chart': 'Classifications per minute, last {minutes} minutes',
    'traffic.chartDesc': '{total} classifications in the last {minutes} minutes, stacked by category.',
    'traffic.summary': 'Last hour',
    'traffic.total': 'Classifications',
    'traffic.unknownShare': 'Answered unknown',
    'traffic.unknownOf': '{unknown} of {total}',
    'traffic.noTraffic': 'No classification in the last hour.',
    'traffic.byCategory': 'By category',
    'traffic.bySource': 'By way in',
    'traffic.source': 'Source',
    'traffic.count': 'Count',
    'traffic.other': 'other',
    'traffic.minutesAgo': '-{n} min',
    'traffic.now': 'now',
    'traffic.updated': 'Updated {time}',
    'traffic.unknownTitle': 'Texts that ended in unknown',
    'traffic.unknownLead': 'The most frequent since {since}, addresses masked. Texts that differ only in addresses or numbers count as one.',
    'traffic.text': 'Text',
    'traffic.codes': 'Codes',
    'traffic.times': 'Times',
    'traffic.atLeast': 'at least {n}',
    'traffic.lastSeen': 'Last seen',
    'traffic.noText': '(codes only, no text)',
    'traffic.noUnknown': 'Nothing ended in unknown since the service started.',
    'traffic.tryIt': 'Try it',

    'ledger.title': 'Ledger',
    'ledger.lead': 'What the service recorded per recipient: events, state, and the suppression list.',
    'ledger.notEnabled': 'The ledger is not enabled in this version of the service.',
    'ledger.searchTitle': 'Find a recipient',
    'ledger.address': 'E-mail address',
    'ledger.search': 'Search',
    'ledger.state': 'State',
    'ledger.state.active': 'active',
    'ledger.state.soft_bouncing': 'soft bouncing',
    'ledger.state.suppressed': 'suppressed',
    'ledger.state.released': 'released',
    'ledger.softBounces': 'Soft bounces in a row',
    'ledger.suppressedAt': 'Suppressed at',
    'ledger.releasedAt': 'Released at',
    'ledger.updatedAt': 'Updated at',
    'ledger.events': 'Events',
    'ledger.noEvents': 'No events.',
    'ledger.audit': 'Audit trail',
    'ledger.recordedAt': 'Recorded at',
    'ledger.kind': 'Kind',
    'ledger.effect': 'Effect',
    'ledger.codes': 'Codes',
    'ledger.rules': 'Rules',
    'ledger.actor': 'By',
    'ledger.reason': 'Reason',
    'ledger.suppressionsTitle': 'Suppressions',
    'ledger.domain': 'Domain',
    'ledger.category': 'Category',
    'ledger.anyCategory': '(any)',
    'ledger.since': 'Suppressed since',
    'ledger.apply': 'Show',
    'ledger.total': '{total} suppressed',
    'ledger.none': 'No suppression matches.',
    'ledger.more': 'Show more',
    'ledger.release': 'Release',
    'ledger.releaseLabel': 'Release {address}',
    'ledger.released': '{address} released.',
    'ledger.kind.bounce': 'bounce',
    'ledger.kind.delivery': 'delivery',
    'ledger.effect.suppressed': 'suppressed',
    'ledger.effect.counted': 'soft bounce counted',
    'ledger.effect.reset': 'run reset',
    'ledger.effect.unchanged': 'no change',
    'ledger.audit.release': 'released',

    'release.title': 'Release a suppression',
    'release.reason': 'Reason (kept in the audit trail)',
    'release.by': 'Your name (optional)',
    'release.confirm': 'Release',
    'release.needReason': 'Say why this address may receive mail again.',
  },

  ja: {
    'app.title': 'バウンス分類コンソール',
    'app.name': 'バウンス分類',
    'app.skip': '本文へ移動',
    'app.rulesVersion': 'ルール {version}',
    'nav.label': '画面',
    'nav.try': 'バウンスを試す',
    'nav.rules': 'ルール',
    'nav.categories': 'カテゴリ',
    'nav.traffic': 'トラフィック',
    'nav.ledger': '台帳',
    'lang.switch': 'English',
    'lang.switchLabel': 'コンソールを英語に切り替える',

    'common.refresh': '再読み込み',
    'common.cancel': 'キャンセル',
    'common.none': '—',
    'common.error': 'サービスの応答 {status}: {message}',
    'common.offline': 'サービスに接続できません: {message}',

    'admin.title': '管理トークン',
    'admin.explain': 'サービスを変更する操作（ルールの再読み込み、配信停止の解除）には、サービス起動時に設定したトークン（BOUNCE_ADMIN_TOKEN）が必要です。トークンはこのタブの中だけに保持されます。',
    'admin.token': '管理トークン',
    'admin.save': 'このトークンを使う',
    'admin.readOnly': '閲覧のみ',
    'admin.active': '管理者',
    'admin.enter': '管理トークンを入力',
    'admin.forget': '管理トークンを破棄',
    'admin.rejected': '管理トークンが拒否されました: {message}',

    'try.title': 'バウンスを試す',
    'try.lead': '受信側のメールサーバーの応答を貼り付けるか、バウンスメールをドロップしてください。サービスの判定とその根拠を表示します。',
    'try.formTitle': '診断テキストとコード',
    'try.sample': 'サンプルから始める',
    'try.sampleNone': '（サンプルを選択）',
    'try.diagnostic': '診断テキスト',
    'try.diagnosticHelp': '受信側サーバーが返した文面そのまま（MTA のログ、またはバウンスの Diagnostic-Code）。',
    'try.smtpCode': 'SMTP 応答コード',
    'try.smtpCodeHelp': '200〜599。空欄の場合はテキストから読み取ります。',
    'try.enhancedStatus': '拡張ステータスコード',
    'try.enhancedStatusHelp': 'クラス.サブジェクト.詳細（例: 5.1.1）。空欄の場合はテキストから読み取ります。',
    'try.moreFacts': 'その他の情報（任意）',
    'try.recipient': '宛先アドレス',
    'try.remoteMta': '報告元 MTA',
    'try.dsnAction': 'DSN の Action フィールド',
    'try.dsnActionNone': '（指定なし）',
    'try.softBounces': 'これまでに連続したソフトバウンスの回数',
    'try.classify': '分類する',
    'try.clear': 'クリア',
    'try.emlTitle': 'バウンスメール全体',
    'try.emlDrop': '.eml ファイルをここにドロップ、または',
    'try.emlChoose': '.eml ファイルを選択',
    'try.emlHelp': 'リターンパスに届いたままのメッセージ（ヘッダーを含む）。このサービスにだけ送信されます。',
    'try.resultsTitle': '結果',
    'try.noResult': 'まだ何も分類していません。',
    'try.working': '分類中…',
    'try.needEvidence': '診断テキスト、SMTP 応答コード、拡張ステータスコードのいずれかを入力してください。',
    'try.badCode': 'SMTP 応答コードは 200〜599 の整数で入力してください。',
    'try.badStatus': '拡張ステータスコードは 5.1.1 の形式で入力してください（クラスは 2、4、5）。',
    'try.badSoftBounces': '連続ソフトバウンス回数は 0 以上の整数で入力してください。',
    'try.emlFile': 'メールファイル: {name}（{size} バイト）',
    'try.emlEmpty': 'ファイル {name} は空です。',
    'try.messageKind': 'メッセージの種類',
    'try.layout': '読み取り形式',
    'try.noRecipients': 'このメッセージには配信に失敗した宛先が見つかりませんでした。',
    'try.recipientCount': '宛先 {n} 件',

    'sample.userUnknown': 'メールボックスが存在しない（Postfix）',
    'sample.mailboxFull': 'メールボックスの容量超過',
    'sample.blocklist': '送信 IP がブロックリストに登録',
    'sample.dmarc': 'DMARC 認証の失敗',
    'sample.recipientFilter': '受信者の受信拒否設定（docomo）',
    'sample.tlsRequired': '受信側が TLS を要求',
    'sample.delivered': '受け付け済み（2xx）：不達ではない',
    'sample.unknown': 'どのルールも知らない文面',

    'kind.dsn': '配信状態通知（RFC 3464）',
    'kind.non_standard_bounce': '非標準形式のバウンス',
    'kind.auto_reply': '自動応答',
    'kind.feedback_report': '迷惑メール通報（フィードバックレポート）',
    'kind.not_a_bounce': 'バウンスではない',

    'result.recipient': '宛先',
    'result.category': 'カテゴリ',
    'result.type': 'バウンス種別',
    'result.action': '対応',
    'result.retry': '再送',
    'result.noRetry': '再送しない',
    'result.remediation': '対処方法',
    'result.why': '根拠: 判定したルール',
    'result.whyHelp': '強い根拠から順に表示します。ルール画面で各ルールのファイル、行、発火回数を確認できます。',
    'near.title': '惜しかったルール',
    'near.help': 'あと一歩で判定に使われたルールです。ルールを追加・修正する場所の目安になります。',
    'near.weaker': '不採用: 根拠が弱い（{strength}）',
    'near.equal': '不採用: 根拠は同等で、判定はこの回答を優先',
    'near.outranked': '不採用: 判定ルールが別の回答を選択',
    'near.aside': '本文にある「{phrase}」を含むが発火せず（除外フレーズまたは他の条件）',
    'near.closest': '「{phrase}」にほぼ一致。不足した語: {missing}',
    'near.code': '{code} には専用のルールがありません（分類ルールのみ）',
    'result.noRules': 'どのルールにも該当しませんでした。ルールを書くべきテキストです。',
    'result.evidence': 'サービスが抽出した根拠',
    'result.rulesVersion': 'ルールのバージョン {version}',

    'type.hard': 'ハード',
    'type.soft': 'ソフト',
    'type.none': '配信失敗ではない',
    'action.suppress': '配信停止',
    'action.retry': '再送',
    'action.fix_sender': '送信側を修正',
    'action.contact_recipient': '受信者に連絡',
    'action.none': '対応不要',

    'ev.smtpCode': 'SMTP 応答コード',
    'ev.enhancedStatus': '拡張ステータス',
    'ev.reportingMta': '報告元 MTA',
    'ev.remoteMta': '相手先 MTA',
    'ev.recipientDomain': '宛先ドメイン',
    'ev.senderDomain': '送信者ドメイン',
    'ev.dsnAction': 'DSN の Action',
    'ev.softBounces': 'それまでの連続ソフトバウンス',
    'ev.diagnostic': '診断テキスト',
    'ev.text': 'ルールが照合したテキスト',

    'rules.title': 'ルール',
    'rules.lead': '読み込まれているルール、サービス起動以降の各ルールの発火回数、前回の再読み込みの結果。ルールが再読み込みされるとこの画面は自動で更新されます。',
    'rules.loaded': '読み込み済みのルールセット',
    'rules.version': 'バージョン',
    'rules.loadedAt': '読み込み日時',
    'rules.ruleCount': 'ルール数',
    'rules.fileCount': 'ファイル数',
    'rules.neverFiredCount': '起動以降一度も発火していない',
    'rules.attempt': '前回の再読み込み',
    'rules.noAttempt': 'まだ再読み込みはありません。',
    'rules.status.ok': '採用',
    'rules.status.failed': '不採用',
    'rules.trigger': 'きっかけ',
    'rules.trigger.startup': 'サービスの起動',
    'rules.trigger.watch': 'ファイルの変更',
    'rules.trigger.api': '再読み込みボタンまたは API',
    'rules.at': '日時',
    'rules.duration': '所要時間',
    'rules.durationMs': '{n} ミリ秒',
    'rules.stillServing': '以前のルール（バージョン {version}）で稼働を続けています。',
    'rules.errors': 'コンパイルエラー',
    'rules.errFile': 'ファイル',
    'rules.errLine': '行',
    'rules.errMessage': 'メッセージ',
    'rules.failedChecks': '失敗したケースと例文',
    'rules.failedChecksHelp': 'それぞれの期待値と実際の結果です。',
    'rules.filter': 'ルールを検索（名前、ファイル、出典）',
    'rules.neverOnly': '一度も発火していないルールのみ',
    'rules.expandAll': 'すべてのファイルを開く',
    'rules.collapseAll': 'すべてのファイルを閉じる',
    'rules.reload': '今すぐルールを再読み込み',
    'rules.shown': '{total} 件中 {shown} 件のルールを表示',
    'rules.fileSummary': 'ルール {rules} 件、発火 {fired} 件',
    'rules.line': '行',
    'rules.name': 'ルール',
    'rules.phase': 'フェーズ',
    'rules.source': '出典',
    'rules.firings': '発火回数',
    'rules.examples': '例文',
    'rules.never': 'なし',
    'rules.phase.evidence': '根拠',
    'rules.phase.decide': '判定',
    'rules.phase.remediate': '対処',
    'rules.reloaded': 'ルールを再読み込みしました（{trigger}）: バージョン {version}。',
    'rules.rejected': 'ルールは採用されませんでした（{trigger}）: エラー {errors} 件、失敗したチェック {checks} 件。以前のルールで稼働を続けています。',
    'rules.noMatch': '該当するルールはありません。',
    'rules.notFound': '「{name}」という名前のルールは読み込まれていません。',

    'categories.title': 'カテゴリ',
    'categories.lead': '分類体系: 各カテゴリの既定のバウンス種別と対応、そして利用者が読む説明文を日本語と英語で並べて表示します。',
    'categories.defaults': '既定',
    'categories.ja': '日本語',
    'categories.en': 'English',

    'traffic.title': 'トラフィック',
    'traffic.lead': '直近 1 時間の 1 分ごとの分類数と、unknown（原因不明）になったテキスト。次に書くべきルールの一覧です。',
    'traffic.chart': '1 分ごとの分類数（直近 {minutes} 分）',
    'traffic.chartDesc': '直近 {minutes} 分の分類 {total} 件をカテゴリ別に積み上げ表示しています。',
    'traffic.summary': '直近 1 時間',
    'traffic.total': '分類数',
    'traffic.unknownShare': 'unknown の割合',
    'traffic.unknownOf': '{total} 件中 {unknown} 件',
    'traffic.noTraffic': '直近 1 時間の分類はありません。',
    'traffic.byCategory': 'カテゴリ別',
    'traffic.bySource': '受信経路別',
    'traffic.source': '経路',
    'traffic.count': '件数',
    'traffic.other': 'その他',
    'traffic.minutesAgo': '{n} 分前',
    'traffic.now': '現在',
    'traffic.updated': '{time} に更新',
    'traffic.unknownTitle': 'unknown になったテキスト',
    'traffic.unknownLead': '{since} 以降で多いもの（アドレスは伏せ字）。アドレスや数字だけが異なるテキストは同じものとして数えます。',
    'traffic.text': 'テキスト',
    'traffic.codes': 'コード',
    'traffic.times': '回数',
    'traffic.atLeast': '少なくとも {n}',
    'traffic.lastSeen': '最終',
    'traffic.noText': '（コードのみ、テキストなし）',
    'traffic.noUnknown': 'サービス起動以降、unknown になったものはありません。',
    'traffic.tryIt': '試す',

    'ledger.title': '台帳',
    'ledger.lead': '宛先ごとにサービスが記録した内容: イベント、状態、配信停止リスト。',
    'ledger.notEnabled': 'このバージョンのサービスでは台帳が有効になっていません。',
    'ledger.searchTitle': '宛先を検索',
    'ledger.address': 'メールアドレス',
    'ledger.search': '検索',
    'ledger.state': '状態',
    'ledger.state.active': '有効',
    'ledger.state.soft_bouncing': 'ソフトバウンス中',
    'ledger.state.suppressed': '配信停止',
    'ledger.state.released': '解除済み',
    'ledger.softBounces': '連続ソフトバウンス',
    'ledger.suppressedAt': '配信停止日時',
    'ledger.releasedAt': '解除日時',
    'ledger.updatedAt': '更新日時',
    'ledger.events': 'イベント',
    'ledger.noEvents': 'イベントはありません。',
    'ledger.audit': '監査記録',
    'ledger.recordedAt': '記録日時',
    'ledger.kind': '種類',
    'ledger.effect': '効果',
    'ledger.codes': 'コード',
    'ledger.rules': 'ルール',
    'ledger.actor': '実施者',
    'ledger.reason': '理由',
    'ledger.suppressionsTitle': '配信停止リスト',
    'ledger.domain': 'ドメイン',
    'ledger.category': 'カテゴリ',
    'ledger.anyCategory': '（すべて）',
    'ledger.since': '配信停止の開始日',
    'ledger.apply': '表示',
    'ledger.total': '配信停止 {total} 件',
    'ledger.none': '該当する配信停止はありません。',
    'ledger.more': 'さらに表示',
    'ledger.release': '解除',
    'ledger.releaseLabel': '{address} の配信停止を解除',
    'ledger.released': '{address} の配信停止を解除しました。',
    'ledger.kind.bounce': 'バウンス',
    'ledger.kind.delivery': '配信成功',
    'ledger.effect.suppressed': '配信停止',
    'ledger.effect.counted': 'ソフトバウンスを計上',
    'ledger.effect.reset': '連続回数をリセット',
    'ledger.effect.unchanged': '変化なし',
    'ledger.audit.release': '解除',

    'release.title': '配信停止の解除',
    'release.reason': '理由（監査記録に残ります）',
    'release.by': 'お名前（任意）',
    'release.confirm': '解除する',
    'release.needReason': 'このアドレスに再び配信してよい理由を入力してください。',
  },
};

export const LANGUAGES = Object.keys(TEXTS);
const STORAGE_KEY = 'bounce-console.lang';
let current = initialLanguage();

function initialLanguage() {
  const saved = safeStorage(() => localStorage.getItem(STORAGE_KEY));
  if (saved && TEXTS[saved]) {
    return saved;
  }
  const browser = (navigator.language || 'ja').slice(0, 2).toLowerCase();
  return TEXTS[browser] ? browser : 'ja';
}

function safeStorage(fn) {
  try {
    return fn();
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

export function lang() {
  return current;
}

/** The text for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** The text for an id the service sends (prefix.id), or the id itself when the console has none for it. */
export function tId(prefix, id) {
  const key = `${prefix}.${id}`;
  return TEXTS[current][key] ?? TEXTS.en[key] ?? id;
}

/** Switches language, redraws the static texts and tells the screens (event "langchange"). */
export function setLang(next) {
  if (!TEXTS[next]) {
    return;
  }
  current = next;
  safeStorage(() => localStorage.setItem(STORAGE_KEY, next));
  applyStatic();
  document.dispatchEvent(new CustomEvent('langchange', { detail: next }));
}

/** Fills every data-i18n element and data-i18n-attr attribute under root. */
export function applyStatic(root = document) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr.trim(), t(key.trim()));
    }
  });
}

/** A date and time in the reader's time zone and language. */
export function formatTime(iso) {
  if (!iso) {
    return t('common.none');
  }
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** A number with the language's grouping. */
export function formatNumber(n, options = {}) {
  return new Intl.NumberFormat(current, options).format(n);
}

/** A retry delay as people say it ("in 6 hours", "6 時間後"). */
export function formatDelay(seconds) {
  const units = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  const relative = new Intl.RelativeTimeFormat(current, { numeric: 'always' });
  for (const [unit, size] of units) {
    if (seconds >= size && seconds % size === 0) {
      return relative.format(seconds / size, unit);
    }
  }
  return relative.format(seconds, 'second');
}
