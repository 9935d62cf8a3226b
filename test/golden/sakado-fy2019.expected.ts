/**
 * The seed table (test/fixtures/sakado-fy2019.txt) as a plan document, written by hand from the
 * source: every KPI value is transcribed from its cell and its meaning worked out from
 * docs/KPI-NOTATION.md and the conventions in src/domain/kpi-value.ts. Never regenerate this file from
 * the importer's output — it exists to catch the importer being wrong. The long texts (C, D, G, H)
 * are the cells copied verbatim, trimmed of surrounding white space only; the source's typos are kept.
 */
import type { GradeSummary } from "../../src/domain/grade.ts";
import type { KpiValue } from "../../src/domain/kpi-value.ts";
import type { Initiative, PlanDocument, Policy } from "../../src/domain/plan-document.ts";

/** Counted by hand from the table. */
export const expectedCounts = {
  policies: 3,
  initiatives: 24,
  /** 3+3+3+3+2+2 (p.1) + 3+2+3+2+3+2+2+2+3 (p.2) + 3+2+2+3+3+2+4 (p.3) + 4+1 (p.4) */
  kpis: 62,
  relistedKpis: 5,
} as const;

// The stage words recur on many rows; one constant each keeps those rows readable.
const 検討: KpiValue = { text: "検討", kind: "stage", stage: "検討" };
const 準備: KpiValue = { text: "準備", kind: "stage", stage: "準備" };
const 一部実施: KpiValue = { text: "一部実施", kind: "stage", stage: "一部実施" };
const 実施: KpiValue = { text: "実施", kind: "stage", stage: "実施" };
const 拡大: KpiValue = { text: "拡大", kind: "direction", direction: "increase", stage: "拡大" };
const 縮小: KpiValue = { text: "縮小", kind: "direction", direction: "decrease" };

const initiatives: Initiative[] = [
  {
    number: 1,
    title: "産・学・官連携体制の推進",
    departments: ["政策企画課", "関係各課"],
    grade: "B",
    description:
      "企業や大学などと連携し、調査・研究・施策に取り組むことにより、市民の声とまちの資源を生かした活力ある魅力的なまちづくりを推進します。",
    activities:
      "大学との連携については、平成20年6月に包括協定を締結した城西大学をはじめ、女子栄養大学、明海大学、東京電機大学などの市内及び近隣の大学と審議会委員、イベント協力、健康づくり、北坂戸団地内の「にぎわいサロン」の運営など多様な取組を継続している。 また、企業との連携では、ウエルシア薬局(株)、樹セブナーイレブン・ジャパン、坂戸市内郵便局との包括連携協定により、防災、健康づくり、福祉など各分野で連携することができた。特に、台風19号による被害の際には、支援物資を提供したくなど、災害支援の面でも大きな役割を果たしている。 さらには、東武東上線及び西武線沿線の大学、自治体、企業が連携し地域課題の解決に取り組む「埼玉東上地域大学教育プラットフォーム(TJUP)」への参加や、「ここから武蔵コンソーシアム」に入会するなど、産・学・官連携体制の推進に取り組んだ。",
    committeeOpinion:
      "市内や近隣地域にある大学との連携は順調に推移している。 また、一部企業では地域貢献活動を重視する姿勢が見られることから、地域活性化に有効である官民連携について、今後も積極的に推進していく必要がある。",
    nextYearGoal:
      "知的・人的資源として大学と連携する事業が拡大していることから、市内3大学を中心に更なる連携強化に取り組む。 また、企業との連携も各々の連携の有効性が損なわれることのないよう、連携相手との緊密な連携体制を整える。",
    kpis: [
      {
        key: "1-1",
        name: "産・学・官連携協定(※)件数",
        label: "産・学・官連携協定(※)件数",
        relisted: false,
        baseline: { text: "52件", kind: "quantity", value: 52, unit: "件" },
        target: { text: "62件", kind: "quantity", value: 62, unit: "件" },
        current: { text: "66件", kind: "quantity", value: 66, unit: "件" },
      },
      {
        key: "1-2",
        name: "坂戸市産農畜産物のプラント認証件数",
        label: "坂戸市産農畜産物のプラント認証件数",
        relisted: false,
        baseline: { text: "0件", kind: "quantity", value: 0, unit: "件" },
        target: { text: "20件", kind: "quantity", value: 20, unit: "件" },
        current: { text: "24件", kind: "quantity", value: 24, unit: "件" },
      },
      {
        key: "1-3",
        name: "北坂戸にぎわいサロンの利用者数",
        label: "北坂戸にぎわいサロンの利用者数",
        relisted: false,
        baseline: { text: "11,007人", kind: "quantity", value: 11007, unit: "人" },
        target: { text: "13,000人", kind: "quantity", value: 13000, unit: "人" },
        current: { text: "9,797人", kind: "quantity", value: 9797, unit: "人" },
      },
    ],
  },
  {
    number: 2,
    title: "シティプロモーションの推進",
    departments: ["広報広聴課", "政策企画課", "関係各課"],
    grade: "C",
    description:
      "市の認知度を高め、定住志向を促すためのシティプロモーション(※)を推進し、市民・企業・行政が一体となり地域の魅力を創り出すとともに、積極的に情報発信し、若者世代に対して、住み心地の良さ、健康と自然の素晴らしさを広くアピールします。",
    activities:
      "市の魅力や公共施設の地図等を掲載した坂戸のまち散歩マップを10,000部作成し、転入世帯への配付、市内公共施設等で配布して市政情報の発信を行った。 テレビ埼玉データ放送サービスを活用し、テレビを通じて市政情報の発信を行った。データ放送サービスは、災害発生時の情報媒体としても活用しており、市民の安心・安全の確保にも役立っている。 イメージキャラクター「さかろん」のグッズ(ぬいぐるみ・Tシャツ・ポロシャツ)を作製し、窓口等で販売した。また、コミュニケーションアプリLINEのスタンプを作製し販売するなど、さかろんを活用した本市のPRを行った。 坂戸市まちづくり応援寄附金制度(ふるさと納税)では、謝礼品内容や謝礼品の返礼品率などに対する国の大幅な見直しに対応した。 令和元年度までは1社のふるさと納税ポータルサイトにより寄附を受けていたが、寄附金額の増加とPRの充実を図るため、令和2年度から1社追加し、2社のポータルサイトにより運営することとし、準備を進めた。",
    committeeOpinion:
      "上半期は順調に事業を進めていたが、下半期は台風、コロナウイルス補により、イベント等がなくなり、シティプロモーションの機会が減少してしまっ。コロナ補による新たな生活様式となる今後は、対面でのプロモーションの機会が更に減少すると考えられるのでオンラインによるシティプロモーションを積極的かつスピーディーに行い、知名度向上に努めることで、交流人口の増加と「子育て世代」に選ばれる市となるようにしていきたい。 本市では寄附件数、寄附金額ともに前年度を下回っている。ふるさと納税は謝礼品を通して本市をPRする有効なツールであり、寄附金は重要な財源であることから、制度の充実に向けた改善を要する。",
    nextYearGoal:
      "ホームページや坂戸のまち散歩マップ「いいねさかど」、テレビ埼玉データ放送サービス、SNS等の情報提供ツールに加え、視覚に訴え、訴求力の高い映像コンテンツを積極的に活用した広報、シティプロモーションを行う。 坂戸市まちづくり応援寄附金制度(ふるさと納税)の寄附件数及び寄附金額の増加を目指し、本市謝礼品の周知方法や特色ある謝礼品の充実を図る。",
    kpis: [
      {
        key: "2-1",
        name: "ホームページサイト訪問者数",
        label: "ホームページサイト訪問者数",
        relisted: false,
        baseline: { text: "649,417人", kind: "quantity", value: 649417, unit: "人" },
        target: { text: "886,000人", kind: "quantity", value: 886000, unit: "人" },
        current: { text: "1,310,189人", kind: "quantity", value: 1310189, unit: "人" },
      },
      {
        key: "2-2",
        name: "まちづくり応援寄附金件数",
        label: "まちづくり応援寄附金件数",
        relisted: false,
        baseline: { text: "2,562件", kind: "quantity", value: 2562, unit: "件" },
        target: { text: "4,000件", kind: "quantity", value: 4000, unit: "件" },
        current: { text: "1,189件", kind: "quantity", value: 1189, unit: "件" },
      },
      {
        key: "2-3",
        name: "イメージキャラクターさかろんの出演回数",
        label: "イメージキャラクターさかろんの出演回数",
        relisted: false,
        baseline: { text: "-", kind: "none" },
        target: { text: "50回/年", kind: "quantity", value: 50, unit: "回/年", perYear: true },
        current: { text: "53回", kind: "quantity", value: 53, unit: "回" },
      },
    ],
  },
  {
    number: 3,
    title: "行政の「見える化」とオープンデータ化の推進",
    departments: ["情報政策課", "関係各課"],
    grade: "A",
    description:
      "市の各部課で保有するデータを組織全体で共有することで、精度の高い政策決定や事務の効率化を図ります。また、データをパソコン等で処理可能な形式で市民に公開することにより、透明性や信頼性の高い協働によるまちづくりを目指します。",
    activities:
      "オープンデータ県HPのデータの更新を行った。 窓口業務の削減と利用者の利便性の向上のため、令和2年度の公開に向けて公開型GISの導入準備を行った。 年2回の財政状況の公表、「わかりやすい財務諸表」、「わかりやすい予算書」等の作成・公表をすることにも、引き続き、財務書類の附属明細書、当初予算及び補正予算の予算書をHPで公表した。 公共施設の維持管理費用を把握するに当たり、財務書類を作成し、各公共施設の費用を算定する方法を研究した。",
    committeeOpinion:
      "引き続き既存の公表項目データの整備に努める。また、県の動向に併せ、公表項目の拡充を図るよう調査研究を進めていく。 公開型GIS導入後、公開データを拡充し、オープンデータ化を推進していく。 引き続き、条例に定められた年2回の財政状況の公表、決算、財政健全化判断比率、財務書類4表、補正予算、当初予算等を広報やHPを通して市民への公表を行う。",
    nextYearGoal:
      "オープンデータ化を推進するため、県の動向を踏まえ、公表項目の拡充を検討する。 公開型GISの公開データを拡充し、オープンデータ化を推進していく。 引き続き、条例に定められた年2回の財政状況の公表、決算、財政健全化判断比率、財務書類4表、補正予算、当初予算等を広報やHPを通して市民への公表を行う。",
    kpis: [
      {
        key: "3-1",
        name: "オープンデータ県HP公表数",
        label: "オープンデータ県HP公表数",
        relisted: false,
        baseline: { text: "3件", kind: "quantity", value: 3, unit: "件" },
        target: { text: "30件", kind: "quantity", value: 30, unit: "件" },
        current: { text: "7件", kind: "quantity", value: 7, unit: "件" },
      },
      {
        key: "3-2",
        name: "統合型GISの活用",
        label: "統合型GISの活用",
        relisted: false,
        baseline: 検討,
        target: 実施,
        current: 検討,
      },
      {
        key: "3-3",
        name: "財政情報の公表",
        label: "財政情報の公表",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 拡大,
      },
    ],
  },
  {
    number: 4,
    title: "パートナーシップ(市民参加)の推進",
    departments: ["市民生活課", "政策企画課", "関係各課"],
    grade: "A",
    description:
      "「坂戸市市民参加条例」に基づき、市民がまちづくりの主役として積極的に市政に参加し、市民の意向が市政に反映されるよう市民コメントの実施や審議会等の公募委員を活用します。また、市民会議の設置等を通して政策形成過程からその評価・見直しまで市民の参画・協働体制の充実を図ります。",
    activities:
      "提案型協働事業については、市民参加推進会議において申請のあった3件の事業内容を審査し、予算の範囲内において、3件を採択し、市との協働による事業を実施した。また、市民活動フェアについては、参加団体から実行委員会を組織して参加市民活動団体の主体的かつ団体の意見を尊重したイベントを実施した。",
    committeeOpinion:
      "指標として設定した市民参加の手続きを実施した事業数、審議会等の公募市民割合、市民活動団体との協働事業数のいずれもが目標値に到達したかたちで推移しており、市民参加の取り組みは概ね順調に進んでいるものと考えられる。今後も、市民が主役となる自立性の高い地域社会の実現を図るため、市民と市との協働によるまちづくりを積極的に推進していく必要がある。",
    nextYearGoal:
      "市民がまちづくりの主役として市政に参加し、市民の意向が市政に反映できるよう、市民コメントの実施や審議会などへの参加機会の拡大を図る。 提案型協働事業については、4件の採択枠を維持しつつ地域課題解決に向け、より公益的な活動に対する協働を図る。 また、市民活動フェアについては、イベントの目的、あり方を再検討し、的確な市民活動団体の支援と裾野の拡大策を市民活動団体とともに協議していく。",
    kpis: [
      {
        key: "4-1",
        name: "市民参加の手続きを実施した事業数",
        label: "市民参加の手続きを実施した事業数",
        relisted: false,
        baseline: { text: "15事業", kind: "quantity", value: 15, unit: "事業" },
        target: 拡大,
        current: { text: "37事業", kind: "quantity", value: 37, unit: "事業" },
      },
      {
        key: "4-2",
        name: "審議会等の公募市民割合",
        label: "審議会等の公募市民割合",
        relisted: false,
        baseline: { text: "5.7%", kind: "quantity", value: 5.7, unit: "%" },
        target: { text: "6.0%", kind: "quantity", value: 6, unit: "%" },
        current: { text: "6.0%", kind: "quantity", value: 6, unit: "%" },
      },
      {
        key: "4-3",
        name: "市民活動団体との協働事業数",
        label: "市民活動団体との協働事業数",
        relisted: false,
        baseline: { text: "26事業", kind: "quantity", value: 26, unit: "事業" },
        target: { text: "30事業", kind: "quantity", value: 30, unit: "事業" },
        current: { text: "34事業", kind: "quantity", value: 34, unit: "事業" },
      },
    ],
  },
  {
    number: 5,
    title: "各種団体等の自立促進",
    departments: ["財政課", "関係各課"],
    grade: "C",
    description:
      "各団体の自主・自立を促進するため、市が行っている外郭団体等の事務局機能を各団体へ移行します。",
    activities: "私立幼稚園運営費補助金が、対象となる園の減少に伴い、前年度から201千円減額となった。",
    committeeOpinion:
      "各課と連携し、市民ニーズ等の社会経済情勢の変化に、公平公正で、的確かつ迅速に対応した補助金に見直す必要がある。",
    nextYearGoal:
      "所管課と連携し、補助金支出の面からも活動実態や効果などを精査し、慣例で市が事務局を担っているものなどは自主運営に向けた取組を進める。 今後も適切な補助金の執行に努める。",
    kpis: [
      {
        key: "5-1",
        name: "各種団体の自主運営",
        label: "各種団体の自主運営",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: { text: "継続実施", kind: "stage", stage: "実施", continuing: true },
      },
      {
        key: "5-2",
        name: "団体補助金額",
        label: "団体補助金額",
        relisted: false,
        baseline: { text: "76,006千円", kind: "money", value: 76006, unit: "千円", yen: 76006000 },
        target: 縮小,
        current: { text: "75,683千円", kind: "money", value: 75683, unit: "千円", yen: 75683000 },
      },
    ],
  },
  {
    number: 6,
    title: "住宅(団)地対応の推進",
    departments: ["政策企画課", "関係各課"],
    grade: "D",
    description:
      "住宅(団)地の高齢化や単身化等の様々な課題に対応するため、地域住民参加のもと団地ビジョンの作成を行い、「定住促進」や新しい住民・企業を呼び込むため、住環境及び就業・就労環境の整備、地域のイメージアップを推進します。",
    activities:
      "北坂戸団地エリアにある北坂戸にぎわいサロンを運営する城西大学及び東京電機大学に補助金を交付した。 若者の定住支援に係る取組については、第2期総合戦略の施策として位置付け、結婚新生活支援事業等も含めて研究した。",
    committeeOpinion:
      "北坂戸団地や西坂戸団地といった住宅(団)地は高齢化・人口減少が顕著となっており、早急に対処策を整理する必要がある。 北坂戸にぎわいサロンは、地域のにぎわい創出に一定の成果を果たしているが、大学と連携して運営している効果を明確に生み出すための工夫が必要である。",
    nextYearGoal:
      "住宅(団)地については、それぞれの団地の現状データを収集することで、今後の将来ビジョン策定に繋げていく。 北坂戸にぎわいサロンの利用者を若年層にまで拡大するため、大学や地元地域と協議を行い、今後の施設運営の方向性を定める。 若者の定住支援に係る取組については、第2期総合戦略の施策として位置付けており、有効な支援策を検討する。",
    kpis: [
      {
        key: "6-1",
        name: "住宅(団)地ごとの将来ビジョンの作成",
        label: "住宅(団)地ごとの将来ビジョンの作成",
        relisted: false,
        baseline: 検討,
        target: { text: "実施(31年度)", kind: "stage", stage: "実施", fiscalYear: 2019 },
        current: { text: "1団地(素案)", kind: "quantity", value: 1, unit: "団地", note: "素案" },
      },
      {
        key: "6-2",
        name: "北坂戸にぎわいサロンの利用者数",
        label: "北坂戸にぎわいサロンの利用者数(再掲)",
        relisted: true,
        relistOf: "1-3",
        baseline: { text: "11,007人", kind: "quantity", value: 11007, unit: "人" },
        target: { text: "13,000人", kind: "quantity", value: 13000, unit: "人" },
        current: { text: "9,797人", kind: "quantity", value: 9797, unit: "人" },
      },
    ],
  },
  {
    number: 7,
    title: "環境配慮施策の推進",
    departments: ["環境政策課", "関係各課"],
    grade: "C",
    description:
      "持続可能な地域社会の実現に向け、市民や事業者と協働し、4R（排出抑制、減量化、再利用、再資源化）の推進や環境保全施策を推進します。",
    activities:
      "教育委員会、幼稚園、小中学校と連携を図り、環境教育プログラム等を実施した。 環境教育プログラムの積極的な活用と推進を図るため、小・中学校の教諭を対象に研修会及びプログラム改訂のためのアンケートを実施した。 環境教育プログラム冊子の配布時期について、アンケート結果により改善を図った。 イベントやごみ減量実践モデル地区指定事業等を通じ、ごみの減量化、資源化、分別の徹底について啓発を図った。",
    committeeOpinion:
      "4Rの推進については、リサイクル率が下がっているため、更なる推進に努める。 環境教育プログラム等については、前年度より順調に進んでいないため、更なる推進に努める。",
    nextYearGoal:
      "4Rを推進するとともに環境教育プログラムを学校現場等で活用しやすい内容とするため、引き続き小・中学校等と連携を図り、環境教育プログラムへの参加を促進していく。",
    kpis: [
      {
        key: "7-1",
        name: "家庭系ごみの1人1日当たりのごみの排出量",
        label: "家庭系ごみの1人1日当たりのごみの排出量",
        relisted: false,
        baseline: { text: "617g", kind: "quantity", value: 617, unit: "g" },
        target: { text: "現状以下", kind: "relative", comparison: "atMost", reference: "baseline" },
        current: { text: "615g", kind: "quantity", value: 615, unit: "g" },
      },
      {
        key: "7-2",
        name: "リサイクル率",
        label: "リサイクル率",
        relisted: false,
        baseline: { text: "29.6%", kind: "quantity", value: 29.6, unit: "%" },
        target: { text: "30%以上", kind: "bound", value: 30, unit: "%", comparison: "atLeast" },
        current: { text: "27.0%", kind: "quantity", value: 27, unit: "%" },
      },
      {
        key: "7-3",
        name: "環境教育プログラム等環境学習関連事業の参加者数",
        label: "環境教育プログラム等環境学習関連事業の参加者数",
        relisted: false,
        baseline: { text: "5,839人", kind: "quantity", value: 5839, unit: "人" },
        target: { text: "6,000人", kind: "quantity", value: 6000, unit: "人" },
        current: { text: "4,547人", kind: "quantity", value: 4547, unit: "人" },
      },
    ],
  },
  {
    number: 8,
    title: "行政評価システムの推進",
    departments: ["政策企画課", "関係各課"],
    grade: "A",
    description:
      "行政評価システムを効果的に活用し、行政経営の適正化を図ることで、行政サービスの質の向上に努めます。また、効率的で効果的な行政運営を進めるため、市民や有識者による外部評価制度の充実を図ります。",
    activities:
      "坂戸市事務事業評価実施要領及び坂戸市事務事業外部評価委員会条例に基づき、下記のとおり実施した。 一次評価…事業所管課による評価（72事業） 二次評価…市職員で構成する庁内評価委員会による評価（12事業） 三次評価…市民等で構成する坂戸市事務事業外部評価委員会による評価（6事業） 各評価について令和2年度予算編成時期までに評価し、市長に改善提案を行った。",
    committeeOpinion:
      "行政自身による一次、二次評価及び市民目線による三次評価とする現在の体制は定着している。事務事業評価は予算編成と並び、実施事業の見直し及び改善を図る貴重な機会であり、特に市民の意見も取り入れた外部評価は、行政のマンネリ化や形骸化といった気づきにくい部分に焦点を当てたものである。今後も、評価体制や評価のスキームを見直しつつ継続的に実施していく。",
    nextYearGoal:
      "事務事業評価を実施し、内部外部両面から事務事業の見直しを図る。また、外部評価委員会からの改善提案について、施策・事業に反映する。",
    kpis: [
      {
        key: "8-1",
        name: "事務事業評価件数",
        label: "事務事業評価件数",
        relisted: false,
        baseline: { text: "101事業", kind: "quantity", value: 101, unit: "事業" },
        target: { text: "350事業(累計)", kind: "quantity", value: 350, unit: "事業", cumulative: true },
        current: { text: "72事業(累計215)", kind: "quantity", value: 72, unit: "事業", cumulativeTotal: 215 },
      },
      {
        key: "8-2",
        name: "外部評価事業件数",
        label: "外部評価事業件数",
        relisted: false,
        baseline: { text: "6事業", kind: "quantity", value: 6, unit: "事業" },
        target: { text: "30事業(累計)", kind: "quantity", value: 30, unit: "事業", cumulative: true },
        current: { text: "6事業(累計18)", kind: "quantity", value: 6, unit: "事業", cumulativeTotal: 18 },
      },
    ],
  },
  {
    number: 9,
    title: "適正な職員定数の管理等",
    departments: ["政策企画課", "関係各課"],
    grade: "B",
    description:
      "多様化する市民ニーズや新たな行政課題に柔軟に対応できる効率的な組織体制の構築を図るとともに、適正な定員管理に努めます。また、一部事務組合(※)等の効率的な運営等について検討し、事業費及び事務費の効率化を図ります。",
    activities:
      "各課の現状を把握するため、組織・定数に関し各課への照会及びヒアリングを実施し、組織の一部改正（市民健康部交通対策課）を行った。また、今後、組織の中心となる若手職員の成長を促すとともに、管理監督職のマネジメント力の強化を図るため、令和2年度から係長を中心に業務に取り組み体制の導入に向けて事務を進めた。",
    committeeOpinion:
      "業務の民間委託及び退職者と採用者の調整による定員管理については評価できるが、急速な組織の若返りによる影響も見受けられる。更なる民間委託の推進やICT等を活用した業務の効率化を図ることで、本市の規模や実情に見合った定数を堅持していく必要がある。",
    nextYearGoal:
      "各部署との意見聴取を通じて、多様化する市民ニーズや新たな行政課題に柔軟に対応できる効率的な組織体制の構築を図るとともに、適正な定員管理に努める。",
    kpis: [
      {
        key: "9-1",
        name: "定数管理計画の策定",
        label: "定数管理計画の策定",
        relisted: false,
        baseline: 検討,
        target: { text: "実施(30年度)", kind: "stage", stage: "実施", fiscalYear: 2018 },
        current: 検討,
      },
      {
        key: "9-2",
        name: "組織体制の見直し",
        label: "組織体制の見直し",
        relisted: false,
        baseline: 検討,
        target: { text: "実施(31年度)", kind: "stage", stage: "実施", fiscalYear: 2019 },
        current: 実施,
      },
      {
        key: "9-3",
        name: "一部事務組合の効率的な運営",
        label: "一部事務組合の効率的な運営",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 拡大,
      },
    ],
  },
  {
    number: 10,
    title: "民間委託（指定管理者制度を含む）の推進",
    departments: ["政策企画課", "施設管理課", "関係各課"],
    grade: "B",
    description:
      "公共性の確保に留意しながら、民間への業務委託や指定管理者制度などの導入を進めるとともに、新たな手法による民間活力の活用について検討し、市民サービスの向上とコストの削減を効果的に進めます。",
    activities:
      "福祉センター及び学童保育所について、引き続き指定管理者による管理を行うこととし、指定管理者選定委員会の答申を踏まえ、指定管理者を選定した。",
    committeeOpinion:
      "指定管理者制度は、利用者に対するサービス向上と行政コストの削減が期待できる施設管理手法である。窓口業務や事務の民間委託についても、積極的な活用策の研究・検討が必要である。",
    nextYearGoal:
      "今年度は指定管理期間の満了による指定管理者の更新事務はないので新たに本制度を導入できる施設等についての研究を進める。窓口や事務の業務委託については、各所管課の意見も踏まえながら、研究・検討を進める。",
    kpis: [
      {
        key: "10-1",
        name: "窓口業務の民間委託",
        label: "窓口業務の民間委託",
        relisted: false,
        baseline: 検討,
        target: 実施,
        current: 検討,
      },
      {
        key: "10-2",
        name: "指定管理者導入施設数",
        label: "指定管理者導入施設数",
        relisted: false,
        baseline: { text: "27施設", kind: "quantity", value: 27, unit: "施設" },
        target: 拡大,
        current: { text: "28施設", kind: "quantity", value: 28, unit: "施設" },
      },
    ],
  },
  {
    number: 11,
    title: "適切な人事・給与制度の推進",
    departments: ["職員課", "関係各課"],
    grade: "C",
    description:
      "人材育成基本方針に基づき職員の研修を充実し、職員の意識改革・意欲向上や市民ニーズの変化に対応できる柔軟かつ機動的な人材を育成するとともに、ワーク・ライフ・バランス(※)を考慮した勤務環境の創出に取り組みます。また、能力・業績による公正な人事評価を実施し、能力・意欲・業績に応じた給与体系を確立します。",
    activities:
      "8級在職者の配偶者に係る扶養手当額を国の基準と同額に引き下げた。 令和元年度人事院勧告により月別給、ボーナス等について引上げの勧告がなされたことに伴い、国家公務員の給与改定に準じて、若年層に重点を置いて給与表の改定及び勤労手当の支給月数の引上げを実施した。 特殊勤務手当を全て日額での支給とした。時間外勤務命令の上限時間を設定した。 (令和2年度から適用されるもの) 本市の給料表から国の行政職俸給表（一）を超過する給料月額（継ぎ足し）部分を削除した。高齢層の昇給抑制として、昇給抑制の対象年齢を58歳から55歳に段階的に引下げ。（令和4年までに完了） 借家等の住居手当について支給対象の家賃額の下限の引上げ、手当額の上限を引上げ。持家に係る住居手当を廃止。期末手当・勤労手当の役割加算措置における年齢加算の廃止。",
    committeeOpinion:
      "給料表及び手当の見直し等を行い、適切な給与と行政コストの削減が期待できる施設管理手法の運用・水準の適正化を推進する。 管理職に占める女性の割合については、研修の実施や昇任試験の受験機会の更なる推奨等、女性登用の拡大に努める必要がある。",
    nextYearGoal:
      "引き続き、国の公務員制度改革により示される事案等について検討し、地方公務員の給与制度の運用・水準の適正化を推進する。 職員の職務満足度が向上するように、働きやすい職場環境の整備に努めるとともに、適材適所の職員配置に努める。",
    kpis: [
      {
        key: "11-1",
        name: "人事評価制度の推進",
        label: "人事評価制度の推進",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 実施,
      },
      {
        key: "11-2",
        name: "職員の職務満足度（5点満点）",
        label: "職員の職務満足度（5点満点）",
        relisted: false,
        baseline: { text: "3.57", kind: "quantity", value: 3.57 },
        target: { text: "3.70", kind: "quantity", value: 3.7 },
        current: { text: "3.52", kind: "quantity", value: 3.52 },
      },
      {
        key: "11-3",
        name: "管理職に占める女性の割合",
        label: "管理職に占める女性の割合",
        relisted: false,
        baseline: { text: "19.1%", kind: "quantity", value: 19.1, unit: "%" },
        target: { text: "30%", kind: "quantity", value: 30, unit: "%" },
        current: { text: "21.6%", kind: "quantity", value: 21.6, unit: "%" },
      },
    ],
  },
  {
    number: 12,
    title: "統一的な基準による地方公会計の導入",
    departments: ["財政課", "施設管理課"],
    grade: "A",
    description:
      "適正な公金の管理及び市民に市の財政状況を分かりやすく透明性のある説明を行い、効率的な行政運営を行うため、統一的な基準による地方公会計(※)の導入を図ります。",
    activities:
      "固定資産台帳の年度更新を行い、統一的な基準による財務書類を作成し、ホームページを通じて市民に公表した。 図書館に対して、財務書類に基づいたセグメント分析を実施し、施設別行政コスト計算書を作成・公表した。",
    committeeOpinion:
      "統一的な基準による財務書類を作成し、ホームページを通じて、財務書類、固定資産一覧表等を公表するとともに、セグメント分析等を行ったが、今後も、財務書類を予算編成に活用できるように、セグメント分析の対象公共施設を拡大していきたい。",
    nextYearGoal:
      "統一的な基準による財務書類を作成するとともに、複数の公共施設に対してセグメント分析を実施する。",
    kpis: [
      {
        key: "12-1",
        name: "統一的な基準による地方公会計の導入",
        label: "統一的な基準による地方公会計の導入",
        relisted: false,
        baseline: 検討,
        target: { text: "実施(29年度)", kind: "stage", stage: "実施", fiscalYear: 2017 },
        current: 実施,
      },
      {
        key: "12-2",
        name: "固定資産台帳の整備",
        label: "固定資産台帳の整備",
        relisted: false,
        baseline: 検討,
        target: 実施,
        current: 実施,
      },
    ],
  },
  {
    number: 13,
    title: "公共施設等マネジメント計画の推進",
    departments: ["施設管理課", "関係各課"],
    grade: "A",
    description:
      "将来需要を予測した長期的視点から、公共施設等の更新等のコストを削減・平準化するため、長寿命化、更新及び統廃合等の具体的な計画を策定・実施します。",
    activities:
      "アクションプランが策定されていない62の箱物施設及び道路、橋梁に関する長寿命化計画を策定した。 また、平成26年度に策定した公共施設等マネジメント計画について、5年を経過していること、国の指針に基づき令和3年度までに改訂を求められていることもあり、現時点で策定されている長寿命化計画を踏まえた改訂を行った。",
    committeeOpinion: "62施設分の計画を一括して策定したこと等は、業務委託の効率性の面で効果的であった。",
    nextYearGoal: "未策定施設の長寿命化計画を策定するとともに、その後の総合調整についての研究を進める。",
    kpis: [
      {
        key: "13-1",
        name: "施設カルテの整備率",
        label: "施設カルテの整備率",
        relisted: false,
        baseline: { text: "約50%", kind: "quantity", value: 50, unit: "%", approximate: true },
        target: { text: "100%", kind: "quantity", value: 100, unit: "%" },
        current: { text: "100%", kind: "quantity", value: 100, unit: "%" },
      },
      {
        key: "13-2",
        name: "公共施設等マネジメント計画アクションプランの策定",
        label: "公共施設等マネジメント計画アクションプランの策定",
        relisted: false,
        baseline: 検討,
        target: 実施,
        current: 一部実施,
      },
    ],
  },
  {
    number: 14,
    title: "未利用地等の有効活用",
    departments: ["政策企画課", "施設管理課", "関係各課"],
    grade: "B",
    description: "健全な財政運営を図るため、未利用地等の公有財産の有効活用や不利用財産の処分を行います。",
    activities:
      "学校跡地については所管部署で活用方策について情報収集を行っている。 未利用の道路用地について表示登記を行ったうえで普通財産とし、複数年貸し付けのための協議を進めた（契約は令和2年度中の予定）。 未利用の道水路用地について払い下げ処分を実施した。",
    committeeOpinion:
      "学校の余裕教室等については、学童保育へ用途を変更するなど有効活用が図られている。未利用地等については、有効活用による財産収入の増加や、処分することによる管理負担軽減が図られることから、活用策について情報収集や研究が必要である。",
    nextYearGoal:
      "学校跡地や空き教室の有効活用方策の検討を行う。その他、道路等の未利用地についても継続的に活用方策を研究する。 未利用地の売却促進はもとより、国土交通省の公的不動産ポータルサイトなど、公共未利用地の民間活用を求める方策等についても研究を進める。",
    kpis: [
      {
        key: "14-1",
        name: "公共施設跡地等利用基本方針の策定",
        label: "公共施設跡地等利用基本方針の策定",
        relisted: false,
        baseline: 検討,
        target: { text: "実施(29年度)", kind: "stage", stage: "実施", fiscalYear: 2017 },
        current: 実施,
      },
      {
        key: "14-2",
        name: "公共施設等マネジメント計画アクションプランの策定",
        label: "公共施設等マネジメント計画アクションプランの策定（再掲）",
        relisted: true,
        relistOf: "13-2",
        baseline: 検討,
        target: 実施,
        current: 一部実施,
      },
    ],
  },
  {
    number: 15,
    title: "歳入確保の推進",
    departments: ["財政課", "関係各課"],
    grade: "B",
    description:
      "自主財源の安定的な確保及び有料広告収入の拡充、まちづくり応援寄附金の拡充等により歳入の確保を図ります。",
    activities:
      "一定の成果は得られているが、さらに収入増を図るため、掲載基準の見直し等を検討した。 坂戸市まちづくり応援寄附金制度（ふるさと納税）では、謝礼品内容や謝礼品の返礼品率などに対する国の大幅な見直しに対応した。 令和元年度までは1社のふるさと納税ポータルサイトにより寄附を受けていたが、寄附金額の増加とPRの充実を図るため、令和2年度から1社追加し、2社のポータルサイトにより運営することとし、準備を進めた。",
    committeeOpinion:
      "広告掲載可能な公共施設の追加等について、引き続き検討する。 本市では寄附件数、寄附金額ともに前年度を下回っている。ふるさと納税の寄附金は重要な財源であり、謝礼品を通じて本市をPRする有効なツールでもあるため、制度の充実に向けた改善を要する。",
    nextYearGoal:
      "広告掲載可能な公共施設の追加等について、増収を図るように引き続き検討していく。 坂戸市まちづくり応援寄附金制度（ふるさと納税）では、謝礼品の充実と効果的なPRにより寄附金額の増加を目指す。",
    kpis: [
      {
        key: "15-1",
        name: "有料広告掲載による歳入額",
        label: "有料広告掲載による歳入額",
        relisted: false,
        baseline: { text: "8,632千円", kind: "money", value: 8632, unit: "千円", yen: 8632000 },
        target: 拡大,
        current: { text: "8,902千円", kind: "money", value: 8902, unit: "千円", yen: 8902000 },
      },
      {
        key: "15-2",
        name: "公共施設利用料",
        label: "公共施設利用料",
        relisted: false,
        baseline: { text: "12,166千円", kind: "money", value: 12166, unit: "千円", yen: 12166000 },
        target: 拡大,
        current: { text: "21,053千円", kind: "money", value: 21053, unit: "千円", yen: 21053000 },
      },
      {
        key: "15-3",
        name: "まちづくり応援寄附金額",
        label: "まちづくり応援寄附金額",
        relisted: false,
        baseline: { text: "57,074千円", kind: "money", value: 57074, unit: "千円", yen: 57074000 },
        target: {
          text: "1億円(R2年度)",
          kind: "money",
          value: 1,
          unit: "億円",
          yen: 100000000,
          fiscalYear: 2020,
        },
        current: { text: "39,411千円", kind: "money", value: 39411, unit: "千円", yen: 39411000 },
      },
    ],
  },
  {
    number: 16,
    title: "市税等の徴収率の向上",
    departments: ["納税課", "関係各課"],
    grade: "A",
    description:
      "徴入の確保と税負担の公平性を確保するため、課税客体を的確に捕捉するとともに、滞納整理の厳正化や効率的な収納体制の整備などをより一層推進し、新規滞納者の増加を抑制するとともに、滞納繰越分の徴収強化・圧縮を図ります。",
    activities:
      "1 任期付職員(県税OB)の採用 4名採用 2 徴収嘱託員の採用 3名 3 訪問件数累計 6,748件 収納額 12,201,264円 4 口座振替登録率の向上 各税目第1期振替率22.9% (前年比0.7%減) 5 インターネット公売の実施 4件(動産4件) 5 滞納処分及び執行停止の強化 (1) 滞納処分 ア 差押債権受入 2,083件 164,544,195円 イ 交付要求配当金 22件 6,265,106円 (2) 執行停止 1,291件 256,551,650円",
    committeeOpinion:
      "給与差押を基本とした滞納処分を推進したため滞繰分の収納率を大幅に向上することができた。なお、口座振替登録率は低いことが課題であり、現年収納率にも影響してくるから、今後も口座振替登録率の向上に努める必要がある。",
    nextYearGoal:
      "1 任期付職員(県税OB)の採用 2 会計年度任用職員(市税等徴収員)の採用 3 口座振替登録率の向上 4 インターネット公売の実施 5 滞納処分及び執行停止の強化 6 スマートフォン決済サービスの導入",
    kpis: [
      {
        key: "16-1",
        name: "市税徴収率",
        label: "市税徴収率",
        relisted: false,
        baseline: {
          text: "93.2% (90.6%H26.3末)",
          kind: "quantity",
          value: 93.2,
          unit: "%",
          secondary: { text: "90.6%H26.3末", kind: "quantity", value: 90.6, unit: "%", asOf: "2014-03-31" },
        },
        target: { text: "94.0%", kind: "quantity", value: 94, unit: "%" },
        current: { text: "96.5%", kind: "quantity", value: 96.5, unit: "%" },
      },
      {
        key: "16-2",
        name: "国税徴収率",
        label: "国税徴収率",
        relisted: false,
        baseline: { text: "61.9%", kind: "quantity", value: 61.9, unit: "%" },
        target: { text: "64.8%", kind: "quantity", value: 64.8, unit: "%" },
        current: { text: "73.5%", kind: "quantity", value: 73.5, unit: "%" },
      },
      {
        key: "16-3",
        name: "自動音声電話催告の導入",
        label: "自動音声電話催告の導入",
        relisted: false,
        baseline: 検討,
        target: { text: "実施(29年度)", kind: "stage", stage: "実施", fiscalYear: 2017 },
        current: 実施,
      },
    ],
  },
  {
    number: 17,
    title: "BPRの手法とICTの活用による業務改革",
    departments: ["情報政策課", "政策企画課", "関係各課"],
    grade: "B",
    description:
      "限られた行政資源を効率的・効果的に活用するため、BPR(※)の手法を用いた業務の最適化を検討し、ICT(※)の活用による業務の標準化・効率化を推進します。",
    activities:
      "公共施設予約システムの運用及び未導入施設に対し導入に向けた協議を行った。未導入施設4施設(駅前集合施設、福祉センター、ワークプラザ、市民総合運動公園)については、令和2年4月から運用を開始することとなった。 AIによる市民問い合わせ対応サービス提供システム導入し、事務の効率化を図った。",
    committeeOpinion:
      "公共施設予約システムにおいては、引き続き未導入施設に対し、働きかけを行っていく。(導入施設数:17施設中13施設) 職員のICTの活用に対する機運を醸成し、最先端のICTを活用した業務改革を推進していく。",
    nextYearGoal:
      "公共施設予約システムの安定した運用・管理に努め、未導入施設に対し導入に向けた協議を行う。 他業務についてもRPAやAI-OCR等最先端のICTを活用した業務改革を推進していく。",
    kpis: [
      {
        key: "17-1",
        name: "ICTの推進",
        label: "ICTの推進",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 実施,
      },
      {
        key: "17-2",
        name: "BPRによる業務の最適化",
        label: "BPRによる業務の最適化",
        relisted: false,
        baseline: 検討,
        target: 実施,
        current: 検討,
      },
    ],
  },
  {
    number: 18,
    title: "広域連携の推進",
    departments: ["政策企画課", "関係各課"],
    grade: "B",
    description:
      "情報化の進展や市民の日常生活圏の課題に対応するため、他の自治体との連携により、市民サービスの拡充や行政の効率化を推進します。",
    activities:
      "川越都市圏まちづくり協議会の事業として、交流イベント、バスツアー、公共施設の相互利用などを実施し、圏域内での広域行政を推進した。交流イベントでは、「レインボー健康まつりin坂戸」を開催し、圏域内外から1,000人程度来場した。 同団体の構成員であった日高市は令和元年度未で退会し、これに伴い、日高市と公の施設の相互利用に関する協定を締結した。 また、市民バスについては、平成30年度に変更した運行計画について、新たな利用者のニーズを把握すること及び非効率な運行となっている箇所を抽出するため、利用者アンケート、運転手へのアンケート及び乗降データの分析等を実施し、検証を行った。",
    committeeOpinion:
      "公共施設の相互利用などは、自身の住所地に限らずに利用が可能であるため、市民サービスの向上に寄与している。 平成28年に第3次レインボープランを策定し、今後10年の計画を立てているため、実施事業についてはPDCAサイクルを効率的に回し、各種施策が効果を上げるように、今後も発展した関係を望む。",
    nextYearGoal:
      "川越都市圏まちづくり協議会の構成員として、広域で実施する事業を推進し、市民福祉を向上させる取組みを検討・実施する。 市民バスについては、利用者アンケート等の検証結果を基に、利便性の向上及び効率的な運行ができるよう運行計画を見直す予定である。また、相互の市民バスで乗り継ぎが易くなるよう、引き続き鶴ヶ島市と連携を取りながら、公共交通の改善に努める。",
    kpis: [
      {
        key: "18-1",
        name: "公共施設相互利用者数 (市施設の市外利用者数)",
        label: "公共施設相互利用者数 (市施設の市外利用者数)",
        relisted: false,
        baseline: { text: "156,430人", kind: "quantity", value: 156430, unit: "人" },
        target: { text: "180,800人", kind: "quantity", value: 180800, unit: "人" },
        current: { text: "111,427人", kind: "quantity", value: 111427, unit: "人" },
      },
      {
        key: "18-2",
        name: "市民バス特別乗車証相互利用者数",
        label: "市民バス特別乗車証相互利用者数",
        relisted: false,
        baseline: {
          text: "2,938人 (H26.6~29.2)",
          kind: "quantity",
          value: 2938,
          unit: "人",
          period: { from: "2014-06", to: "2017-02" },
        },
        target: { text: "4,500人", kind: "quantity", value: 4500, unit: "人" },
        current: { text: "4,903人", kind: "quantity", value: 4903, unit: "人" },
      },
    ],
  },
  {
    number: 19,
    title: "経費削減の推進",
    departments: ["政策企画課", "関係各課"],
    grade: "B",
    description:
      "中期的財政計画に基づいた堅実で効率的な財政運営を行うため、事務事業の見直しや効率的な事務執行によって、経常経費の削減を推進します。",
    activities:
      "歳出の抑制の取組として、実施計画の作成、事務事業評価、予算編成等により事務事業の見直しを行った。 経費削減に関連した取組として、時間外勤務の削減については、夏季における朝方勤務(ゆう活)の実施及び県内一斉ノー残業デーを実施するなど、削減に向けた取組を進めた。令和元年度については、台風19号の被害対応により時間外勤務時間数が大幅に増加した。 後発医薬品差額通知を年4回発送するとともに、国民健康保険への加入及び被保険者証の更新に併せ、啓発用シールを配布した。",
    committeeOpinion:
      "近年の時間外勤務時間数の増大には、対象となる係長級以下の職員増加と行政需要拡大が影響している。職員の日々の健康管理、働き方改革、ワーク・ライフ・バランスの観点からも事務改善や事業の取捨選択(スクラップ・アンド・ビルド)に取り組むなど、時間外勤務の削減に努めていくことが必要である。",
    nextYearGoal:
      "中期的財政計画に基づいた堅実で効率的な財政運営を行うため、事務事業の見直しや効率的な事務執行によって、経常経費の削減を推進する。",
    kpis: [
      {
        key: "19-1",
        name: "時間外勤務の延べ時間数",
        label: "時間外勤務の延べ時間数",
        relisted: false,
        baseline: { text: "36,178時間", kind: "quantity", value: 36178, unit: "時間" },
        target: 縮小,
        current: { text: "65,127時間", kind: "quantity", value: 65127, unit: "時間" },
      },
      {
        key: "19-2",
        name: "防犯灯のLED化率",
        label: "防犯灯のLED化率",
        relisted: false,
        baseline: { text: "7.2%", kind: "quantity", value: 7.2, unit: "%" },
        target: { text: "100%", kind: "quantity", value: 100, unit: "%" },
        current: { text: "100%", kind: "quantity", value: 100, unit: "%" },
      },
      {
        key: "19-3",
        name: "後発医薬品利用率(国保)",
        label: "後発医薬品利用率(国保)",
        relisted: false,
        baseline: { text: "56.3%", kind: "quantity", value: 56.3, unit: "%" },
        target: { text: "80% (R2年度)", kind: "quantity", value: 80, unit: "%", fiscalYear: 2020 },
        current: { text: "82.0%", kind: "quantity", value: 82, unit: "%" },
      },
    ],
  },
  {
    number: 20,
    title: "広報・広聴の充実",
    departments: ["広報広聴課", "関係各課"],
    grade: "A",
    description:
      "市政情報等を各種媒体を活用し、幅広い年代に対し情報発信を行うことで、市民満足度の向上を図ります。市政に対する市民の意向や提言などを収集・分析し、市民ニーズに対応した行政運営を図ることで、市民満足度の向上を目指します。",
    activities:
      "台風19号、コロナウイルスの緊急事態時には、ホームページに特設ページを設け、トップ画面から市民が必要な情報をスピーディーに入手できるようにした。 引き続きマイナポータルを利用した子育てワンストップサービス及びマイナポータルによる情報提供を実施した。また、介護ワンストップサービス及び被災者支援ワンストップサービスの導入について、調査、研究を行った。 子育て支援に関するアンケート調査を子育て支援課窓口で通年で実施した。",
    committeeOpinion:
      "台風災害、感染症と大きな緊急事態時に、迅速かつ的確な情報提供に努めたことにより、ホームページの訪問者数が急増し、市民にタイムリーな情報をホームページから提供できた。 マイナポータルによる申請等サービス、情報提供の拡充については、今後も国の動向を注視し、調査・研究を進めていく。",
    nextYearGoal:
      "ホームページ、SNSを活用し、スピード感を持った情報発信を行うとともに、情報発信の方法についても、流行などの動向に注視し、調査・研究しながら新しい方法も取り入れていく。 マイナポータルを利用した申請等サービス及びマイナポータルによる情報提供を拡充するよう、調査、研究を進める。 子育て支援に関するアンケート調査を子育て支援課窓口で通年で行う。",
    kpis: [
      {
        key: "20-1",
        name: "ホームページサイト訪問者数",
        label: "ホームページサイト訪問者数(再掲)",
        relisted: true,
        relistOf: "2-1",
        baseline: { text: "649,417人", kind: "quantity", value: 649417, unit: "人" },
        target: { text: "886,000人", kind: "quantity", value: 886000, unit: "人" },
        current: { text: "1,310,189人", kind: "quantity", value: 1310189, unit: "人" },
      },
      {
        key: "20-2",
        name: "マイナポータルによる情報提供",
        label: "マイナポータルによる情報提供",
        relisted: false,
        baseline: 検討,
        target: 実施,
        current: 実施,
      },
      {
        key: "20-3",
        name: "市民意識調査の実施",
        label: "市民意識調査の実施",
        relisted: false,
        baseline: { text: "実施(26年度)", kind: "stage", stage: "実施", fiscalYear: 2014 },
        target: { text: "実施(31年度)", kind: "stage", stage: "実施", fiscalYear: 2019 },
        current: 実施,
      },
    ],
  },
  {
    number: 21,
    title: "個人番号カードの利活用",
    departments: ["情報政策課", "市民課", "関係各課"],
    grade: "B",
    description:
      "市民の利便性の向上を図るため、個人番号カードに掲載した公的個人認証機能やマイキープラットフォーム(※)を活用し、市民ニーズに対応したシステム構築及び行政手続等に係る仕組みの検討・導入を目指します。",
    activities:
      "個人番号カードの普及を図るため、広報さかどや窓口案内システムの大型ディスプレイを活用し、スマートフォンによる個人番号カードの申請方法を掲載しPRに努めた。 また、庁舎東口玄関駐輪場跡に、個人番号カードのWeb申請に対応した自動証明写真機1台を設置した。",
    committeeOpinion:
      "個人番号カードの普及を図るため、引き続きPRを行っていく必要がある。 コンビニ等での証明書の発行について、遅滞なくサービスの提供が行えるよう事務を進めていく。",
    nextYearGoal:
      "個人番号カードの普及を推進するため、各地区を回り、個人番号カードの申請受付を実施する。 また、マイナポイント事業によるマイキーID登録の支援を行い、個人番号カード取得に向けた周知を図る。",
    kpis: [
      {
        key: "21-1",
        name: "個人番号カードの交付枚数",
        label: "個人番号カードの交付枚数",
        relisted: false,
        baseline: {
          text: "8,983枚 (H29.2末)",
          kind: "quantity",
          value: 8983,
          unit: "枚",
          asOf: "2017-02-28",
        },
        target: { text: "33,000枚(累計)", kind: "quantity", value: 33000, unit: "枚", cumulative: true },
        current: { text: "14,955枚", kind: "quantity", value: 14955, unit: "枚" },
      },
      {
        key: "21-2",
        name: "コンビニでの証明書の発行",
        label: "コンビニでの証明書の発行",
        relisted: false,
        baseline: 検討,
        target: 実施,
        current: 準備,
      },
    ],
  },
  {
    number: 22,
    title: "行政サービスの提供手段の拡充",
    departments: ["情報政策課", "関係各課"],
    grade: "A",
    description:
      "加速度的に進化するICTを活用し、市民の利便性が向上する様々な行政サービスの提供及びマイナポータルを利用した情報発信の導入を目指す。",
    activities:
      "公共施設予約システムの運用及び未導入施設に対し導入に向けた協議を行った。未導入施設4施設(駅前集合施設、福祉センター、ワークプラザ、市民総合運動公園)については、令和2年4月から運用を開始することとなった。 電子申請システムの活用を図った。 マイナポータルを利用した子育てワンストップサービス及びマイナポータルによる情報提供を実施した。また、介護ワンストップサービス及び被災者支援ワンストップサービスの導入について、調査、研究を行った。 コンビニ等での証明書の発行について、導入に向け関係部署と協議を行った",
    committeeOpinion:
      "公共施設予約システムにおいては、引き続き未導入施設に対し、働きかけを行っていく。 マイナポータルによる申請等サービス、情報提供の拡充については、今後も国の動向を注視し、調査・研究を進めていく。 コンビニ等での証明書の発行について、遅滞なく導入が行えるよう関係部署と協議し、事務を進めていく。",
    nextYearGoal:
      "公共施設予約システムの安定した運用・管理に努め、未導入施設に対し導入に向けた協議を行う。 マイナポータルを利用した申請等サービス、情報提供を拡充するよう、調査、研究を進める。 コンビニ等での証明書の発行について、遅滞なく導入が行えるよう関係部署と協議し、事務を進めていく。",
    kpis: [
      {
        key: "22-1",
        name: "公共施設予約システム",
        label: "公共施設予約システム",
        relisted: false,
        baseline: 検討,
        target: { text: "実施(29年度)", kind: "stage", stage: "実施", fiscalYear: 2017 },
        current: 実施,
      },
      {
        key: "22-2",
        name: "電子申請システム",
        label: "電子申請システム",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 実施,
      },
      {
        key: "22-3",
        name: "マイナポータルによる情報提供",
        label: "マイナポータルによる情報提供(再掲)",
        relisted: true,
        relistOf: "20-2",
        baseline: 検討,
        target: 実施,
        current: 実施,
      },
      {
        key: "22-4",
        name: "コンビニでの証明書の発行",
        label: "コンビニでの証明書の発行(再掲)",
        relisted: true,
        relistOf: "21-2",
        baseline: 検討,
        target: 実施,
        current: 準備,
      },
    ],
  },
  {
    number: 23,
    title: "窓口サービスの向上",
    departments: ["政策企画課", "関係各課"],
    grade: "B",
    description:
      "窓口での待ち時間短縮、市民の立場に立った行き届いた説明や細やかな相談対応などの窓口業務について、市民ニーズを幅広く点検することにより、事務改善を図り、市民満足度の向上を目指します。",
    activities:
      "土曜窓口開庁のほか、異動等で来庁者が集中する年度末・年度始めの臨時窓口開庁について、関係課と連携を図り実施した。 平成29年度に市民健康センターとの連携により開設した「子育て世代包括支援センター」を継続実施し、窓口において母子健康手帳の交付と妊婦への面談を行い、妊娠、出産、子育て期にわたる切れ目のない支援を図った。 高齢者人口の増加に伴い、相談支援体制を強化するため、日常生活圏域を民生委員の圏域に合わせ5圏域とし、各圏域に地域包括支援センターを設置した。 接遇の充実については、研修を通じて、接遇能力の向上に取り組んだ。また、民間企業のノウハウを習得するため、民間企業派遣研修に参加した。",
    committeeOpinion:
      "保育課前のキッズスペースの整備、市民課の大型モニター導入、障害者対応の筆談プレート設置などのキメ細やかな配慮による窓口サービス向上の取組には一定の評価ができる。 窓口サービスは市民対応の最前線であり、市民の評価に直結することからも、常に市民の声に耳を傾け、改善し続けていく必要がある。",
    nextYearGoal:
      "窓口での待ち時間短縮、市民の立場に立った行き届いた説明や細やかな相談対応などの窓口業務について、引き続き、事務改善や職員の育成に取り組むことで、市民満足度の向上を目指す。",
    kpis: [
      {
        key: "23-1",
        name: "臨時窓口の開設",
        label: "臨時窓口の開設",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 実施,
      },
      {
        key: "23-2",
        name: "子育て相談窓口の充実",
        label: "子育て相談窓口の充実",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 実施,
      },
      {
        key: "23-3",
        name: "地域包括支援センターの充実",
        label: "地域包括支援センターの充実",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 実施,
      },
      {
        key: "23-4",
        name: "接遇の充実",
        label: "接遇の充実",
        relisted: false,
        baseline: 実施,
        target: 拡大,
        current: 実施,
      },
    ],
  },
  {
    number: 24,
    title: "権限移譲事務の受入れ推進",
    departments: ["政策企画課", "関係各課"],
    grade: "C",
    description:
      "市民サービスの向上、事務の効率化の観点から、権限移譲事務の受入れを引き続き推進し、効率的かつ自主的な行政運営と市民の利便性の向上を図ります。",
    activities:
      "第五次埼玉県権限移譲方針に基づき、計画的な権限移譲の推進を図るため、権限移譲事務の受入れ調査を行い、未移譲事務の受入れについて各所管課に対し働きかけを行った。 R1年度 新規受入れ事務数…0件 H29年度埼玉県分権推進交付金12,243千円 H30年度埼玉県分権推進交付金12,983千円 (740千円) R1年度 埼玉県分権推進交付金13,338千円 (355千円)",
    committeeOpinion:
      "県内で本市が移譲を受けている事務数は概ね平均的である。権限を移譲することは、市民にとっては身近な自治体で手続きができるなど(ニア・ベター)、利便性の向上に繋がることから、積極的に移譲を受け入れていくことを基本姿勢として堅持していく。",
    nextYearGoal:
      "埼玉県権限移譲方針に基づき、効率的かつ自主的な行政運営と市民の利便性の向上を図るため、事務の受入れを推進していく。",
    kpis: [
      {
        key: "24-1",
        name: "権限移譲事務の受入れ",
        label: "権限移譲事務の受入れ",
        relisted: false,
        baseline: { text: "75事務", kind: "quantity", value: 75, unit: "事務" },
        target: 拡大,
        current: {
          text: "74事務 (1事務対象外)",
          kind: "quantity",
          value: 74,
          unit: "事務",
          note: "1事務対象外",
        },
      },
    ],
  },
];

function byNumber(from: number, to: number): Initiative[] {
  return initiatives.filter((initiative) => initiative.number >= from && initiative.number <= to);
}

export const expectedPolicies: Policy[] = [
  { code: "(ア)", title: "市民と行政との協働体制の確立", initiatives: byNumber(1, 7) },
  { code: "(イ)", title: "効率的な自治体運営", initiatives: byNumber(8, 19) },
  { code: "(ウ)", title: "市民満足度の向上", initiatives: byNumber(20, 24) },
];

/** A 3,4,8,12,13,16,20,22 · B 1,9,10,14,15,17,18,19,21,23 · C 2,5,7,11,24 · D 6 */
export const expectedGradeSummary: GradeSummary = { A: 8, B: 10, C: 5, D: 1 };

/** Everything of the document except its diagnostics, which the test checks separately. */
export const expectedDocument: Omit<PlanDocument, "diagnostics"> = {
  format: "shinchoku.plan/v2",
  plan: {
    title: "行政改革後期アクションプラン",
    startFiscalYear: 2017,
    endFiscalYear: 2021,
    baselineFiscalYear: 2015,
  },
  round: {
    fiscalYear: 2019,
    asOf: "2020-03-31",
    title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
  },
  policies: expectedPolicies,
  gradeSummary: expectedGradeSummary,
  declaredGradeSummary: { A: 8, B: 10, C: 5, D: 1 },
};
