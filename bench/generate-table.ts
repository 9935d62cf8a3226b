/**
 * A synthetic progress table in the seed's layout (test/fixtures/sakado-fy2019.txt), of any size, for
 * benchmarks: the title line, page blocks every 6 initiatives (note, 【項目進捗】, legend, two header
 * rows), page 1 with inline KPIs, later pages columnar with continuation rows whose leading tabs vary
 * from page to page, some initiative rows shifted one column right, (再掲) KPIs, the KPI notations of
 * the seed, and a footer that matches the grades. Deterministic: the same count gives the same text.
 */

const TITLE = "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）";
const NOTE = "A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目";
const HEADER =
  "基本方針\tNo.\t取組項目 (A)\t関係課 (B)\t取組の方針と内容 (C)\tR1年度取組内容 (D)\t数値目標等 (E)\t\t\t\t進捗状況 (F)\t本部会意見 (G)\tR2年度目標 (H)";
const SUBHEADER = "\t\t\t\t\t\t項目\t当初 (H27末)\t目標 (R3末)\t現状値 (R1末)\t\t\t";
const PER_PAGE = 6;

/** (baseline, target, current) as the seed writes them. */
const VALUES: [string, string, string][] = [
  ["52件", "62件", "66件"],
  ["11,007人", "13,000人", "9,797人"],
  ["-", "50回/年", "53回"],
  ["検討", "実施", "検討"],
  ["実施", "拡大", "拡大"],
  ["15事業", "拡大", "37事業"],
  ["5.7%", "6.0%", "6.0%"],
  ["実施", "拡大", "継続実施"],
  ["76,006千円", "縮小", "75,683千円"],
  ["検討", "実施(31年度)", "1団地(素案)"],
  ["617g", "現状以下", "615g"],
  ["29.6%", "30%以上", "27.0%"],
  ["101事業", "350事業(累計)", "72事業(累計215)"],
  ["3.57", "3.70", "3.52"],
  ["約50%", "100%", "100%"],
  ["57,074千円", "1億円(R2年度)", "39,411千円"],
  ["93.2% (90.6%H26.3末)", "94.0%", "96.5%"],
  ["2,938人 (H26.6~29.2)", "4,500人", "4,903人"],
  ["56.3%", "80% (R2年度)", "82.0%"],
  ["実施(26年度)", "実施(31年度)", "実施"],
  ["8,983枚 (H29.2末)", "33,000枚(累計)", "14,955枚"],
  ["75事務", "拡大", "74事務 (1事務対象外)"],
  ["検討", "実施(29年度)", "実施"],
  ["36,178時間", "縮小", "65,127時間"],
];

const KPI_NAMES = [
  "産・学・官連携協定(※)件数",
  "北坂戸にぎわいサロンの利用者数",
  "イメージキャラクターさかろんの出演回数",
  "統合型GISの活用",
  "審議会等の公募市民割合",
  "団体補助金額",
  "家庭系ごみの1人1日当たりのごみの排出量",
  "事務事業評価件数",
  "職員の職務満足度（5点満点）",
  "施設カルテの整備率",
  "市税徴収率",
  "市民バス特別乗車証相互利用者数",
  "後発医薬品利用率(国保)",
  "個人番号カードの交付枚数",
  "権限移譲事務の受入れ",
];

const DEPARTMENTS = [
  "政策企画課",
  "広報広聴課",
  "情報政策課",
  "財政課",
  "施設管理課",
  "市民生活課",
  "環境政策課",
  "職員課",
];
const POLICY_CODES = ["ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ"];

const SENTENCES = [
  "企業や大学などと連携し、調査・研究・施策に取り組むことにより、市民の声とまちの資源を生かした活力ある魅力的なまちづくりを推進します。",
  "大学との連携については、包括協定を締結した大学をはじめ、市内及び近隣の大学と審議会委員、イベント協力、健康づくりなど多様な取組を継続している。",
  "市の魅力や公共施設の地図等を掲載したまち散歩マップを10,000部作成し、転入世帯への配付、市内公共施設等で配布して市政情報の発信を行った。",
  "台風19号、コロナウイルスの緊急事態時には、ホームページやSNSを活用し、迅速かつ的確な情報提供に努めた。",
  "引き続き既存の公表項目データの整備に努める。また、県の動向を踏まえ、オープンデータ化を推進していく必要がある。",
  "給与差押を基本とした滞納処分を推進したため滞繰分の徴収率が向上した。 今後も適正な債権管理に努める。",
  "公共施設予約システムの安定した運用・管理に努め、未導入施設については導入に向けて関係部署と協議を行う。",
  "近年の時間外勤務時間数の増大には、対象となる係長級職員の増加や災害対応などの要因がある。",
];

/** mulberry32: a small deterministic generator, so benchmark inputs never change between runs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GRADES = ["A", "B", "C", "D"] as const;

export function generateTable(initiativeCount: number): string {
  const rnd = random(initiativeCount);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const text = (sentences: number) => Array.from({ length: sentences }, () => pick(SENTENCES)).join(" ");
  const counts = { A: 0, B: 0, C: 0, D: 0 };
  const out: string[] = ["", "", TITLE, ""];
  /** The first KPI name of the previous initiative, to relist it. */
  let previousKpi: { name: string; values: [string, string, string] } | undefined;

  const pageBlock = (first: boolean) => {
    if (!first)
      out.push(
        "",
        NOTE,
        "",
        "【項目進捗】",
        "アクションプラン計画期間中の取組項目進捗状況",
        "A 順調 B ほぼ順調 C やや遅れ D 停滞",
        "",
        HEADER,
        SUBHEADER,
      );
    else
      out.push(
        NOTE,
        "",
        "【項目進捗】",
        " アクションプラン計画期間中の取組項目進捗状況",
        " A 順調 B ほぼ順調 C やや遅れ D 停滞",
        "",
        HEADER,
        SUBHEADER,
      );
  };

  for (let i = 0; i < initiativeCount; i++) {
    const no = i + 1;
    const page = Math.floor(i / PER_PAGE);
    if (i % PER_PAGE === 0) pageBlock(i === 0);
    const policyIndex = Math.floor(i / 8);
    const policy =
      i % 8 === 0
        ? `(${POLICY_CODES[policyIndex % POLICY_CODES.length]}) 基本方針${policyIndex + 1}の推進`
        : "";
    const grade = pick(GRADES);
    counts[grade]++;
    const departments = [pick(DEPARTMENTS), pick(DEPARTMENTS), "関係各課"].join(" ");
    const kpiCount = 1 + Math.floor(rnd() * 4);
    const kpis = Array.from({ length: kpiCount }, (_, k) => {
      if (k === 1 && previousKpi && rnd() < 0.2)
        return { name: `${previousKpi.name}(再掲)`, values: previousKpi.values };
      return { name: `${pick(KPI_NAMES)}${no}-${k + 1}`, values: pick(VALUES) };
    });
    previousKpi = kpis[0];
    const fields = [`取組項目${no}の推進`, departments, text(1), text(3)];
    const tail = [grade, text(2), text(2)];

    if (page === 0) {
      const inline = kpis.map((k) => `${k.name} ${k.values.join(" ")}`);
      out.push([policy, String(no), ...fields, ...inline, ...tail, ""].join("\t"));
      continue;
    }
    // Pages differ in their leading tabs, as in the seed: 5, 3, 1 and 0 before a continuation row.
    const shifted = page % 5 === 1 && i % 3 === 0;
    const lead = [5, 3, 1, 0][page % 4] as number;
    const first = kpis[0] as { name: string; values: [string, string, string] };
    out.push(
      [policy, ...(shifted ? [""] : []), String(no), ...fields, first.name, ...first.values, ...tail].join(
        "\t",
      ),
    );
    for (const k of kpis.slice(1)) {
      const empties = Array.from({ length: lead + (shifted ? 1 : 0) }, () => "");
      out.push([...empties, k.name, ...k.values, "", "", "", ""].join("\t"));
    }
  }
  out.push(
    "",
    "【項目進捗】アクションプラン計画期間中の取組項目進捗状況",
    "A 順調 B ほぼ順調 C やや遅れ D 停滞",
  );
  out.push(`本部会評価 ${counts.A} ${counts.B} ${counts.C} ${counts.D}`);
  return out.join("\n");
}
