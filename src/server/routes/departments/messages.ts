import type { Lang } from "../../i18n.ts";

/**
 * The words of the secretariat's department pages (課の管理), Japanese first, English beside it. Kept
 * with the pages rather than in the shared catalogue, so other pages can grow in parallel without
 * touching the same lines.
 */
const JA = {
  "departments.title": "課の管理",
  "departments.link": "課の管理（追加・名称変更・統合・廃止）",
  "departments.lead":
    "関係課として選ぶ課と、入力担当の利用者が属する課です。名称変更・統合・廃止は、公表済みの年度と公表版（ダウンロードを含む）を変えません。公表前の年度と、次に開始する年度に反映されます。",
  "departments.caption": "課の一覧（取組項目の数は計画の現在の関係課、利用者は入力担当として属する人数）",
  "departments.name": "課の名称",
  "departments.initiatives": "取組項目",
  "departments.initiativesCount": "{count}件（主担当{leads}件）",
  "departments.accounts": "利用者",
  "departments.accountsCount": "{count}人",
  "departments.state": "状態",
  "departments.active": "使用中",
  "departments.retired": "廃止（{date}）",
  "departments.mergedInto": "{name}に統合（{date}）",
  "departments.open": "変更",
  "departments.none": "課はまだありません。",
  "departments.allKeyword": "「関係各課」は特定の課ではなく、関係するすべての課を表す項目です。",

  "departments.addHeading": "課を追加する",
  "departments.addHint": "機構改革で新しくできた課など。例：DX推進課",
  "departments.add": "追加する",
  "departments.added": "「{name}」を追加しました。",
  "departments.renamed": "名称を「{name}」に変更しました。",
  "departments.merged": "「{name}」を「{into}」に統合しました。",
  "departments.retiredDone": "「{name}」を廃止しました。",

  "departments.pageTitle": "{name}",
  "departments.facts": "この課について",
  "departments.openRounds": "公表前の年度で関係課になっている取組項目",
  "departments.openRoundsNone": "公表前の年度で、この課を関係課とする取組項目はありません。",
  "departments.openRoundItem": "{round}（{state}）: {numbers}",
  "departments.leadMark": "（主担当）",
  "departments.renameHeading": "名称を変更する",
  "departments.renameHint":
    "公表済みの年度は、公表したときの名称のまま残ります。公表前の年度と、次に開始する年度は新しい名称になります。",
  "departments.newName": "新しい名称",
  "departments.rename": "名称を変更する",
  "departments.otherActions": "統合・廃止",
  "departments.toMerge": "ほかの課に統合する",
  "departments.toRetire": "廃止する",
  "departments.back": "課の一覧に戻る",
  "departments.retiredNote":
    "この課は廃止されています。新しい年度の関係課や、新しい利用者の担当課には選べません。",
  "departments.restoreHeading": "元に戻す",
  "departments.restoreHint":
    "廃止を取り消して、また関係課や担当課に選べるようにします。新しい年度の集計表がこの課を関係課としているときなどに使います。取組項目の関係課には自動では戻りません。",
  "departments.restore": "この課を元に戻す",
  "departments.restoredDone": "「{name}」を元に戻しました。",
  "departments.mergedNoRestore":
    "この課はほかの課に統合されたため、元に戻せません。統合先の課を使ってください。",

  "departments.mergeTitle": "{name}をほかの課に統合する",
  "departments.mergeLead":
    "機構改革で課が一つになるときに使います。公表前の年度の関係課、計画の現在の関係課、入力担当の利用者が統合先の課に移り、この課は廃止されます。",
  "departments.into": "統合先の課",
  "departments.intoHint": "使用中の課から選びます。",
  "departments.choose": "選んでください",
  "departments.next": "次へ（確認）",
  "departments.confirmTitle": "確認：{name}を{into}に統合する",
  "departments.confirmMergeLead": "次のとおり統合します。よろしければ「統合する」を押してください。",
  "departments.confirmReports": "公表前の年度で関係課が変わる取組項目",
  "departments.confirmInitiatives": "計画の現在の関係課が変わる取組項目：{count}件",
  "departments.confirmAccounts": "統合先の課に移る入力担当の利用者：{count}人",
  "departments.confirmPublished": "公表済みの年度と公表版（ダウンロードを含む）は変わりません。",
  "departments.doMerge": "統合する",
  "departments.change": "選び直す",

  "departments.retireTitle": "{name}を廃止する",
  "departments.retireLead":
    "廃止した課は、新しい年度の関係課や新しい利用者の担当課には選べなくなります。公表済みの年度はそのまま残ります。",
  "departments.successor": "後継の課",
  "departments.successorHint":
    "選ぶと、この課の取組項目と入力担当の利用者を後継の課が引き継ぎます（統合と同じ）。選ばないと、この課は関係課から外れます。",
  "departments.noSuccessor": "後継の課なし",
  "departments.confirmRetireTitle": "確認：{name}を廃止する",
  "departments.confirmRetireLead": "次のとおり廃止します。よろしければ「廃止する」を押してください。",
  "departments.confirmSuccessor": "後継の課：{name}",
  "departments.confirmNoSuccessor":
    "後継の課はありません。公表前の年度と計画の現在の関係課から、この課が外れます。入力担当の利用者は、この課に属したまま残ります（利用者の管理で担当課を変えてください）。",
  "departments.doRetire": "廃止する",

  "departments.conflict":
    "ほかの人がこの課を先に変更しました。現在の内容を表示しています。確かめてから、もう一度操作してください。",
  "departments.missingName": "課の名称を入力してください。",
  "departments.nameTooLong": "課の名称は{max}文字以内で入力してください。",
  "departments.badCharacters": "課の名称に使えない文字（制御文字など）が含まれています。",
  "departments.nameTaken":
    "その名称の課はすでにあります（廃止した課を含みます）。別の名称にするか、統合を使ってください。",
  "departments.missingInto": "統合先の課を選んでください。",
  "departments.intoItself": "この課自身は選べません。ほかの課を選んでください。",
  "departments.notAvailable": "選んだ課は廃止されているか、見つかりません。使用中の課を選んでください。",
  "departments.leadInOpenRound":
    "{rounds}で主担当の課のため、後継の課なしでは廃止できません。後継の課を選んでください。",
  "departments.leadRound": "{round}のNo.{numbers}",
};

type DepartmentsKey = keyof typeof JA;

const EN: Record<DepartmentsKey, string> = {
  "departments.title": "Departments",
  "departments.link": "Departments (add, rename, merge, retire)",
  "departments.lead":
    "The departments chosen as an initiative's 関係課, and those department editors belong to. Renaming, merging and retiring never change a published fiscal year or its publications (downloads included): they reach the years not yet published and the next year opened.",
  "departments.caption":
    "Departments (initiatives: the plan's current 関係課; accounts: editors who belong to the department)",
  "departments.name": "Department name",
  "departments.initiatives": "Initiatives",
  "departments.initiativesCount": "{count} ({leads} as lead)",
  "departments.accounts": "Accounts",
  "departments.accountsCount": "{count}",
  "departments.state": "State",
  "departments.active": "In use",
  "departments.retired": "Retired ({date})",
  "departments.mergedInto": "Merged into {name} ({date})",
  "departments.open": "Change",
  "departments.none": "No departments yet.",
  "departments.allKeyword": "「関係各課」 is no single department: it stands for every related department.",

  "departments.addHeading": "Add a department",
  "departments.addHint": "For instance one created by a reorganization, e.g. DX推進課",
  "departments.add": "Add",
  "departments.added": "Added 「{name}」.",
  "departments.renamed": "Renamed to 「{name}」.",
  "departments.merged": "Merged 「{name}」 into 「{into}」.",
  "departments.retiredDone": "Retired 「{name}」.",

  "departments.pageTitle": "{name}",
  "departments.facts": "About this department",
  "departments.openRounds": "Initiatives of years not yet published that name it",
  "departments.openRoundsNone": "No initiative of a year not yet published names this department.",
  "departments.openRoundItem": "{round} ({state}): {numbers}",
  "departments.leadMark": " (lead)",
  "departments.renameHeading": "Rename",
  "departments.renameHint":
    "Published years keep the name they were published with. Years not yet published, and the next year opened, show the new name.",
  "departments.newName": "New name",
  "departments.rename": "Rename",
  "departments.otherActions": "Merge or retire",
  "departments.toMerge": "Merge into another department",
  "departments.toRetire": "Retire",
  "departments.back": "Back to the departments",
  "departments.retiredNote":
    "This department is retired: it cannot be chosen for a new year's 関係課 or a new account's departments.",
  "departments.restoreHeading": "Restore",
  "departments.restoreHint":
    "Undo the retirement so that it can be chosen again, e.g. when a new year's table still names it. It comes back into no initiative's departments by itself.",
  "departments.restore": "Restore this department",
  "departments.restoredDone": "Restored 「{name}」.",
  "departments.mergedNoRestore":
    "This department was merged into another and cannot be restored: use that one.",

  "departments.mergeTitle": "Merge {name} into another department",
  "departments.mergeLead":
    "For a reorganization that makes two departments one. The 関係課 of years not yet published, the plan's current 関係課 and the department editors move to the department chosen; this one is retired.",
  "departments.into": "Merge into",
  "departments.intoHint": "One of the departments in use.",
  "departments.choose": "Choose one",
  "departments.next": "Continue (confirm)",
  "departments.confirmTitle": "Confirm: merge {name} into {into}",
  "departments.confirmMergeLead": "This is what the merge will do. Press “Merge” to go ahead.",
  "departments.confirmReports": "Initiatives of years not yet published whose 関係課 change",
  "departments.confirmInitiatives": "Initiatives whose current 関係課 change: {count}",
  "departments.confirmAccounts": "Department editors who move to the department chosen: {count}",
  "departments.confirmPublished":
    "Published years and their publications (downloads included) do not change.",
  "departments.doMerge": "Merge",
  "departments.change": "Choose again",

  "departments.retireTitle": "Retire {name}",
  "departments.retireLead":
    "A retired department can no longer be chosen for a new year's 関係課 or a new account's departments. Published years stay as they are.",
  "departments.successor": "Successor",
  "departments.successorHint":
    "If you choose one, it takes over this department's initiatives and editors (as a merge does). If not, this department leaves the 関係課 lists.",
  "departments.noSuccessor": "No successor",
  "departments.confirmRetireTitle": "Confirm: retire {name}",
  "departments.confirmRetireLead": "This is what retiring will do. Press “Retire” to go ahead.",
  "departments.confirmSuccessor": "Successor: {name}",
  "departments.confirmNoSuccessor":
    "No successor: the department leaves the 関係課 of years not yet published and the plan's current 関係課. Its editors stay bound to it (change their departments under Accounts).",
  "departments.doRetire": "Retire",

  "departments.conflict":
    "Someone else changed this department first. The page now shows it as it is; check it, then try again.",
  "departments.missingName": "Enter the department's name.",
  "departments.nameTooLong": "The department's name must be {max} characters or fewer.",
  "departments.badCharacters":
    "The department's name holds characters that cannot be used (control characters).",
  "departments.nameTaken":
    "A department of that name exists already (retired ones included). Choose another name, or merge.",
  "departments.missingInto": "Choose the department to merge into.",
  "departments.intoItself": "This department itself cannot be chosen. Choose another one.",
  "departments.notAvailable": "The department chosen is retired or not found. Choose one in use.",
  "departments.leadInOpenRound":
    "It leads {rounds}, so it cannot be retired without a successor. Choose a successor.",
  "departments.leadRound": "No.{numbers} of {round}",
};

const CATALOGUE: Record<Lang, Record<DepartmentsKey, string>> = { ja: JA, en: EN };

export type DepartmentsText = (key: DepartmentsKey, params?: Record<string, string | number>) => string;

export function isDepartmentsKey(key: string): key is DepartmentsKey {
  return key in JA;
}

export function departmentsText(lang: Lang): DepartmentsText {
  return (key, params = {}) =>
    CATALOGUE[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}
