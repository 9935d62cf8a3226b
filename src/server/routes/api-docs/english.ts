/**
 * The English of every summary and description in the OpenAPI document, keyed by the Japanese the
 * routes are written with (the document is generated from them; this catalog follows). The API page
 * and /api/v1/openapi.json?lang=en use it; a test fails when a Japanese text has no English here.
 * Quoted words ("(ア)") are the organizations' own Japanese, kept as they are.
 */
export const API_TEXT_EN: Readonly<Record<string, string>> = {
  // info, servers, tags, security
  "行政改革アクションプランの進行管理 (計画・年度・取組項目・進捗状況) を読み出す API です。エラーは application/problem+json (RFC 9457) で返します。":
    "Reads the progress management of administrative-reform action plans (plans, fiscal years, initiatives, progress). Errors are application/problem+json (RFC 9457).",
  "この Shinchoku のサーバー": "This Shinchoku server",
  自治体: "Organizations (municipalities)",
  計画: "Plans",
  年度ごとの進行管理: "Progress management by fiscal year",
  取組項目: "Initiatives",
  書き出し: "Downloads",
  "個人用 API トークン（アカウント画面で作成）。公表済みのデータの読み出しには不要です。":
    "A personal API token (made on the account page). Reading published data needs none.",
  "報告（ログインが必要）": "Reports (sign-in required)",
  "利用者（ログインが必要）": "Accounts (sign-in required)",

  // the write API
  認証されている利用者: "The authenticated account",
  "認証されている利用者 (トークンの確認)": "The authenticated account (check a token)",
  利用者: "The account",
  ログインが必要: "Authentication required",
  読み込んだときの報告の版: "The report's version when it was read",
  "(D) 取組内容": "(D) What was done this fiscal year",
  "(H) 次年度の目標": "(H) Next fiscal year's goal",
  "現状値（書いたとおり）": "Current value, exactly as written",
  "読み込んだときの版（なければ null）": "Its version when it was read (null when it had none)",
  所管課が入力する報告の下書き: "A draft of a report, as a department enters it",
  "報告の下書きを保存する (所管課・事務局)": "Save a report's draft (departments, secretariat)",
  "セッション（Cookie と X-CSRF-Token）または個人用 API トークン（Authorization: Bearer）が必要です。読み込んだときの版を expectedVersion に送ります。その後にほかの人が保存していれば 409と現在の内容を返し、何も保存しません。":
    "Needs a session (cookie and X-CSRF-Token) or a personal API token (Authorization: Bearer). Send the version you read as expectedVersion: if someone saved after that, the answer is 409 with the current report, and nothing is saved.",
  保存した報告: "The saved report",
  内容が正しくない: "The content is not valid",
  "権限がない・送信元が正しくない": "Not allowed, or not sent from this site",
  "計画・年度・取組項目がない": "No such plan, fiscal year or initiative",
  "ほかの人が先に保存した（current に現在の内容）": "Saved by someone else first (`current` holds it)",

  // schemas
  "検証エラーのとき、問題のある項目ごとに一つ": "On a validation error, one per field at fault",
  "自治体の URL 名": "The organization's URL name",
  "報告のある年度 (古い順)": "Fiscal years with a report (oldest first)",
  "基準日 (ISO 8601)": "The date the table describes (ISO 8601)",
  "進行管理の一年度分 (ReportingRound)": "One fiscal year of progress management (ReportingRound)",
  "本部会評価: 進捗状況ごとの取組項目数": "Committee grades: the number of initiatives per grade",
  "本部会評価: 進捗状況ごとの取組項目数（評価段階の記号ごと、段階の順）":
    "Committee grades: the number of initiatives per grade code, in the scale's order",
  "進捗状況: 計画の評価段階の記号（既定は A 順調 / B ほぼ順調 / C やや遅れ / D 停滞）":
    "Progress grade: a code of the plan's grade scale (by default A on track / B mostly on track / C slightly behind / D stalled)",
  "評価段階の一つ: 記号と名称": "One level of a grade scale: its code and label",
  "計画の評価段階（3～6段階、良い順）": "The plan's grade scale (3 to 6 levels, best first)",
  評価対象項目の数: "Initiatives assessed this year",
  "対象外項目の数（今年度は評価しない取組項目）": "Initiatives not assessed this year",
  "対象外: 今年度は評価しない（grade は null）": "Not assessed this year (grade is null)",
  計画期間のうち経過した年数と割合: "Years of the plan period elapsed, and their share",
  "進捗状況 A 順調 / B ほぼ順調 / C やや遅れ / D 停滞":
    "Progress grade: A on track / B mostly on track / C slightly behind / D stalled",
  記載どおりの値: "The value exactly as written",
  "KPI の値: 記載どおりの text と、その読み取り結果":
    "A KPI value: `text` as written, and what it was read as",
  "達成状況: met 達成 / onTrack 順調 / behind 遅れ / regressed 後退 / notComputable 算出不可":
    "Achievement status: met / onTrack / behind / regressed (worse than the baseline) / notComputable",
  "達成率 (%、小数1桁): 当初から目標までのうち進んだ割合。100で目標どおり、負は当初より悪化。達成したかどうかだけを見る目標と算出不可は null":
    "Achievement in percent with one decimal: the share of the way from baseline to target. 100 = target reached, negative = worse than the baseline; null for targets that are only met or not, and when not computable",
  当初より悪化した: "Worse than the baseline",
  "達成したかどうかだけを見る目標 (percent は null)": "A target that is only met or not (percent is null)",
  "計画期間の経過率 (%、小数1桁)": "Share of the plan period elapsed, in percent with one decimal",
  "達成率と計画期間の経過率の比較 (±10ポイント)。percent が null なら null":
    "The achievement against the share of the plan period elapsed (±10 points); null when percent is null",
  算出できない理由の識別子: "Identifier of the reason why achievement cannot be computed",
  "算出できない理由 (算出できるときは空)": "Why achievement cannot be computed (empty when it can)",
  "達成状況と達成率 (docs/ACHIEVEMENT.md)": "Achievement status and percentage (docs/ACHIEVEMENT.md)",
  "計画データ (shinchoku.plan/v2): 取り込み・書き出しの共通形式":
    "Plan document (shinchoku.plan/v2): the format shared by imports and exports",
  "主担当 (関係課の先頭)": "The lead department (the first of the departments)",
  "市の書き方の No.（1-2、(1)-①、No.R1-1 など。ないときは number のとおり）":
    "The No. as the city writes it (1-2, (1)-①, No.R1-1 …); absent when it is `number` itself",
  "市の書き方の No.（1-2、(1)-①、No.R1-1 など。ないときは番号のとおり）":
    "The No. as the city writes it (1-2, (1)-①, No.R1-1 …); absent when it is `number` itself",

  // operations
  自治体の一覧: "List organizations",
  自治体の情報: "Get an organization",
  "自治体の名前と URL 名": "The organization's name and URL name",
  計画の情報: "Get a plan",
  登録されている自治体: "The registered organizations",
  "クライアントの誤り (GET と HEAD 以外のメソッドなど)":
    "A client error (a method other than GET and HEAD, …)",
  パラメーターが正しくない: "Invalid parameters",
  自治体がない: "No such organization",
  自治体の計画の一覧: "List an organization's plans",
  計画と最新の年度: "Plans with their latest fiscal year",
  計画番号: "The plan's id",
  計画と報告のある年度: "The plan and its fiscal years with a report",
  計画または年度がない: "No such plan or fiscal year",
  "ファイルの作成を待つ要求が多すぎる (Retry-After 秒後にもう一度)":
    "Too many files waiting to be made (ask again after Retry-After seconds)",
  "計画の年度 (進行管理) の一覧": "List a plan's fiscal years (progress reports)",
  古い年度から: "Oldest first",
  一年度の進行管理と進捗状況の集計: "One fiscal year's progress report and grade summary",
  "年度 (西暦の開始年: 令和元年度 → 2019)":
    'Fiscal year, as the Western year it starts in ("令和元年度" → 2019)',
  "年度の概要、全体と基本方針別の集計": "The fiscal year, with grade counts overall and per basic policy",
  "一年度の取組項目 (絞り込み可)": "One fiscal year's initiatives (filterable)",
  "基本方針の記号 (例: (ア))、記号がなければ名称":
    'The basic policy\'s code (e.g. "(ア)"), or its title when it has none',
  関係課の名称: "A department's name",
  "進捗状況: 計画の評価の区分の記号 (A、S、◎など) または 対象外 (繰り返し可: grade=A&grade=B)":
    "Progress grade: a code of the plan's grade scale (A, S, ◎…), or the value for not assessed this year (repeatable: grade=A&grade=B)",
  "取組項目の名称・内容に含まれる語": "Words in the initiative's title or content",
  "条件に合う取組項目 (番号順)": "The matching initiatives (by number)",
  年度の取組項目数: "Initiatives in the fiscal year",
  条件に合う数: "How many match",
  "進捗状況の集計 (本部会評価)": "Grade summary (committee grades)",
  全体と基本方針別の件数: "Counts overall and per basic policy",
  "進行管理集計表 (Excel) のダウンロード": "Download the progress table (Excel)",
  "集計表のシートと、取組項目×数値目標の分析用シート。A3 横で印刷できます。":
    "The progress table sheet and an analysis sheet of initiatives × KPIs; prints on A3 landscape.",
  "xlsx ファイル (Content-Disposition: attachment)": "An xlsx file (Content-Disposition: attachment)",
  "進行管理集計表 (PDF) のダウンロード": "Download the progress table (PDF)",
  "A3 横。各ページに見出し行・基準日・ページ番号。文字は検索・選択できます。":
    "A3 landscape; header rows, the as-of date and page numbers on every page; the text can be searched and selected.",
  "PDF ファイル (Content-Disposition: attachment)": "A PDF file (Content-Disposition: attachment)",
  "オープンデータ (CSV) のダウンロード": "Download the open data (CSV)",
  "取組項目×数値目標ごとに1行。列名は集計表の見出しのとおり (年度入り)。列の説明は docs/open-data.md。ファイル名に文字コードが入ります。数式として解釈される文字で始まるセルは無害化。":
    "One row per initiative × KPI. Columns are named as the table's headers (with the round's years) and described in docs/open-data.md; the file name says the encoding. Cells a spreadsheet would run as a formula are neutralized.",
  "文字コード。utf-8 は BOM 付き (Excel で文字化けしない)":
    "Character encoding; utf-8 comes with a BOM (so Excel reads it right)",
  "CSV ファイル (Content-Disposition: attachment)": "A CSV file (Content-Disposition: attachment)",
  "計画データ（JSON形式） のダウンロード": "Download the plan document (JSON)",
  "shinchoku.plan/v2 形式。shinchoku import でそのまま取り込み直せます。":
    "The shinchoku.plan/v2 format; shinchoku import reads it back as it is.",
  "計画データ (Content-Disposition: attachment)": "The plan document (Content-Disposition: attachment)",
  "取組項目の経過 (全年度の 数値目標の値、達成率、報告)":
    "An initiative's history (KPI values, achievement and reports of every year)",
  "取組項目の No.": "The initiative's No.",
  計画または取組項目がない: "No such plan or initiative",
};
