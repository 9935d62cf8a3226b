import type { Lang } from "../../i18n.ts";

/**
 * The words of the department's entry pages (所管課の入力), Japanese first, English beside it. Kept
 * with the pages rather than in the shared catalogue, so that the round's other pages can grow in
 * parallel without touching the same lines.
 */
const JA = {
  "entry.title": "No.{number} {title} の報告",
  "entry.crumb": "No.{number} の報告",
  "entry.lead": "{fy}の取組内容・現状値・次年度の目標を入力します。",
  "entry.state": "報告の状態",
  "entry.roundState": "年度の進行管理：{state}",
  "entry.deadline": "提出期限：{date}",
  "entry.initiative": "取組項目",
  "entry.report": "{fy}の報告",
  "entry.policy": "基本方針",
  "entry.departments": "関係課",
  "entry.lead.mark": "（主担当）",
  "entry.description": "取組の方針と内容 (C)",
  "entry.lastYear": "前年度 {fy}",
  "entry.lastYearGoal": "前年度に立てた今年度の目標（{label}）",
  "entry.lastYearGrade": "前年度の進捗状況（本部会評価）",
  "entry.lastYearNone": "前年度の報告はありません。",
  "entry.noGrade": "評価なし",
  "entry.activities": "{fy}取組内容 (D)",
  "entry.activitiesHint": "今年度に行ったことを、事業名・件数・時期などを添えて書いてください。",
  "entry.kpis": "数値目標等 (E) の現状値",
  "entry.kpisHint":
    "書いたとおりの文字で公表されます。保存すると、どう読み取ったかを欄の下に表示します（例：{example}）。",
  "entry.noKpis": "この取組項目には数値目標がありません。",
  "entry.kpiBaseline": "当初 {value}",
  "entry.kpiTarget": "目標 {value}",
  "entry.kpiLastYear": "前年度の現状値 {value}",
  "entry.kpiRelisted": "再掲：この数値目標の現状値は No.{number} の報告で入力します（現在の値：{value}）。",
  "entry.kpiRelistedElsewhere":
    "再掲：この数値目標の現状値は元の取組項目の報告で入力します（現在の値：{value}）。",
  "entry.current": "現状値（{asOf}）",
  "entry.reading": "読み取り：",
  "entry.readingWhy": "理由：{why}",
  "entry.selfView": "所管課の自己評価",
  "entry.selfViewHint": "本部会が評価するときの参考として示します。本部会が採用しない限り公表されません。",
  "entry.selfGrade": "進捗の見立て",
  "entry.selfGradeNone": "選ばない",
  "entry.selfGradeReason": "見立ての理由",
  "entry.selfGradeReasonHint": "なぜそう見ているかを、数値目標の進み具合などから書いてください。",
  "entry.nextYearGoal": "{fy}目標 (H)",
  "entry.nextYearGoalHint": "来年度に取り組むことを書いてください。来年度の報告で参考として表示されます。",
  "entry.saveDraft": "下書き保存",
  "entry.submit": "提出",
  "entry.submitHint": "提出すると事務局が確認します。差し戻されるまで編集できません。",
  "entry.notLeadHint": "提出は主担当の{department}が行います。下書き保存した内容は主担当課にも見えます。",
  "entry.saved": "下書きを保存しました。",
  "entry.submitted": "報告を提出しました。事務局の確認を待っています。",
  "entry.commented": "コメントを追加しました。",
  "entry.readOnly": "この報告は今は編集できません（{reason}）。",
  "entry.missing.activities": "{fy}取組内容 (D) を入力してください。",
  "entry.missing.kpi": "「{name}」の現状値を入力してください。",
  "entry.missing.nextYearGoal": "{fy}目標 (H) を入力してください。",
  "entry.incompleteSaved": "下書きは保存しました。提出するには、次の項目を入力してください。",
  "entry.tooLong": "{field}は{max}文字以内で入力してください。",
  "entry.invalidGrade": "進捗の見立ては、この計画の区分（{legend}）から選ぶか、「選ばない」にしてください。",
  "entry.conflictTitle": "保存されていません：ほかの人が先に保存しました",
  "entry.conflictBody":
    "この画面を開いた後に、{who}がこの報告を保存しました（{at}）。あなたの入力は保存していませんが、各欄にそのまま残っています。",
  "entry.conflictWhat":
    "各欄の右に、ほかの人が保存した内容を違いに印を付けて示しています。見比べて、必要なものを取り入れてから、もう一度「下書き保存」または「提出」を押してください。押すと、欄の内容で保存されます。",
  "entry.conflictFields": "内容が違う欄：",
  "entry.conflictNone": "ほかの人が保存した内容は、あなたの入力と同じです。もう一度保存すれば確定します。",
  "entry.someone": "ほかの人",
  "entry.theirs": "ほかの人が保存した内容",
  "entry.theirsEmpty": "（空欄）",
  "entry.insMark": "［ほかの人が追加：",
  "entry.delMark": "［あなたの入力にだけある：",
  "entry.markEnd": "］",
  "entry.diffLegend": "下線：ほかの人の内容にだけある文字　取り消し線：あなたの入力にだけある文字",
  "entry.comments": "コメント（事務局とのやりとり）",
  "entry.noComments": "コメントはまだありません。",
  "entry.commentKind.comment": "コメント",
  "entry.commentKind.return": "差戻し",
  "entry.commentKind.accept": "確認",
  "entry.commentKind.correction": "修正",
  "entry.addComment": "コメント",
  "entry.addCommentHint": "事務局や関係課への質問・連絡を書いてください。",
  "entry.postComment": "コメントを送る",
  "entry.commentMissing": "コメントを入力してください。",
  "entry.commentTooLong": "コメントは{max}文字以内で入力してください。",
  "entry.returnedBanner": "事務局から差し戻されました：",
  "myWork.title": "わたしの担当",
  "myWork.lead": "{departments}が関係課の取組項目です。差し戻されたものを先に並べています。",
  "myWork.noDepartments": "担当課が設定されていません。入力を担当する課の設定を事務局に依頼してください。",
  "myWork.none": "入力を受け付けている年度の進行管理はありません。",
  "myWork.caption": "{plan} {fy}（{state}）",
  "myWork.number": "No.",
  "myWork.initiative": "取組項目",
  "myWork.departments": "関係課",
  "myWork.state": "状態",
  "myWork.note": "差戻しの理由・更新",
  "myWork.updated": "最終更新 {at}",
  "myWork.link": "わたしの担当（入力する報告）",
  "myWork.waiting": "あなたの確認・評価を待っているもの",
  "myWork.nothingWaiting": "確認や評価を待っている報告はありません。",
  "myWork.reviewCaption": "{plan} {fy}：提出され、事務局の確認を待つ報告（{count}件）",
  "myWork.gradeCaption": "{plan} {fy}：確認済みで、本部会の評価を待つ取組項目（{count}件）",
} as const;

export type EntryKey = keyof typeof JA;

const EN: Record<EntryKey, string> = {
  "entry.title": "Report of No.{number} {title}",
  "entry.crumb": "Report of No.{number}",
  "entry.lead": "Enter this year's activities, the KPIs' current values and next year's goal for {fy}.",
  "entry.state": "Report state",
  "entry.roundState": "Round: {state}",
  "entry.deadline": "Due: {date}",
  "entry.initiative": "Initiative",
  "entry.report": "Report for {fy}",
  "entry.policy": "Basic policy",
  "entry.departments": "Departments",
  "entry.lead.mark": " (lead)",
  "entry.description": "Policy and content (C)",
  "entry.lastYear": "Last year ({fy})",
  "entry.lastYearGoal": "The goal set last year for this year ({label})",
  "entry.lastYearGrade": "Last year's progress grade (committee)",
  "entry.lastYearNone": "There is no report for last year.",
  "entry.noGrade": "Not graded",
  "entry.activities": "Activities of {fy} (D)",
  "entry.activitiesHint": "Write what was done this year, with names, counts and dates.",
  "entry.kpis": "Current values of the KPIs (E)",
  "entry.kpisHint":
    "Published exactly as typed. When saved, how it was read is shown under the field (e.g. {example}).",
  "entry.noKpis": "This initiative has no KPIs.",
  "entry.kpiBaseline": "Baseline {value}",
  "entry.kpiTarget": "Target {value}",
  "entry.kpiLastYear": "Last year's value {value}",
  "entry.kpiRelisted":
    "Listed again: this KPI's value is entered in the report of No.{number} (now: {value}).",
  "entry.kpiRelistedElsewhere":
    "Listed again: this KPI's value is entered in its original initiative's report (now: {value}).",
  "entry.current": "Current value ({asOf})",
  "entry.reading": "Read as: ",
  "entry.readingWhy": "Why: {why}",
  "entry.selfView": "The department's own view",
  "entry.selfViewHint":
    "Shown to the committee when it grades. Never published unless the committee adopts it.",
  "entry.selfGrade": "Progress as the department sees it",
  "entry.selfGradeNone": "No view",
  "entry.selfGradeReason": "Reason",
  "entry.selfGradeReasonHint": "Why you see it so, e.g. from how the KPIs are moving.",
  "entry.nextYearGoal": "Goal for {fy} (H)",
  "entry.nextYearGoalHint": "What will be done next year. Shown beside next year's report as its reference.",
  "entry.saveDraft": "Save draft",
  "entry.submit": "Submit",
  "entry.submitHint": "The secretariat reviews a submitted report; it cannot be edited unless returned.",
  "entry.notLeadHint":
    "The lead department ({department}) submits. Drafts you save are visible to the lead department.",
  "entry.saved": "The draft was saved.",
  "entry.submitted": "The report was submitted. The secretariat will review it.",
  "entry.commented": "The comment was added.",
  "entry.readOnly": "This report cannot be edited now ({reason}).",
  "entry.missing.activities": "Enter the activities of {fy} (D).",
  "entry.missing.kpi": "Enter the current value of 「{name}」.",
  "entry.missing.nextYearGoal": "Enter the goal for {fy} (H).",
  "entry.incompleteSaved": "The draft was saved. To submit, fill in the following.",
  "entry.tooLong": "{field} must be {max} characters or fewer.",
  "entry.invalidGrade": "Choose one of this plan's grades ({legend}) as the department's view, or no view.",
  "entry.conflictTitle": "Not saved: someone else saved first",
  "entry.conflictBody":
    "After you opened this page, {who} saved this report ({at}). Nothing of yours was saved, and everything you typed is still in the fields.",
  "entry.conflictWhat":
    "Beside each field is what the other person saved, with the differences marked. Compare, take what you need, then press Save draft or Submit again: the fields as they are will be saved.",
  "entry.conflictFields": "Fields that differ:",
  "entry.conflictNone": "What the other person saved is the same as what you typed. Save again to confirm.",
  "entry.someone": "someone else",
  "entry.theirs": "Saved by the other person",
  "entry.theirsEmpty": "(empty)",
  "entry.insMark": "[only theirs: ",
  "entry.delMark": "[only yours: ",
  "entry.markEnd": "]",
  "entry.diffLegend": "Underlined: only in theirs. Struck through: only in yours.",
  "entry.comments": "Comments (with the secretariat)",
  "entry.noComments": "No comments yet.",
  "entry.commentKind.comment": "Comment",
  "entry.commentKind.return": "Returned",
  "entry.commentKind.accept": "Accepted",
  "entry.commentKind.correction": "Correction",
  "entry.addComment": "Comment",
  "entry.addCommentHint": "Questions or notes for the secretariat and the other departments.",
  "entry.postComment": "Send comment",
  "entry.commentMissing": "Write a comment.",
  "entry.commentTooLong": "A comment must be {max} characters or fewer.",
  "entry.returnedBanner": "Returned by the secretariat:",
  "myWork.title": "My work",
  "myWork.lead": "Initiatives of {departments}. Returned reports come first.",
  "myWork.noDepartments": "No department is assigned to your account. Ask the secretariat to assign one.",
  "myWork.none": "No round is taking entries.",
  "myWork.caption": "{plan} {fy} ({state})",
  "myWork.number": "No.",
  "myWork.initiative": "Initiative",
  "myWork.departments": "Departments",
  "myWork.state": "State",
  "myWork.note": "Why returned / last change",
  "myWork.updated": "Last changed {at}",
  "myWork.link": "My work (reports to enter)",
  "myWork.waiting": "Waiting for your review or grade",
  "myWork.nothingWaiting": "No report is waiting for review or grading.",
  "myWork.reviewCaption": "{plan} {fy}: submitted reports waiting for the secretariat's review ({count})",
  "myWork.gradeCaption": "{plan} {fy}: accepted initiatives waiting for the committee's grade ({count})",
};

/** The message with markup in its placeholders (a value from the organization's documents marked Japanese). */
export function entryParts<T>(lang: Lang, key: EntryKey, params: Record<string, T>): (string | T)[] {
  return CATALOGUE[lang][key]
    .split(/(\{\w+\})/)
    .filter((part) => part !== "")
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in params ? (params[name] as T) : part;
    });
}

const CATALOGUE: Record<Lang, Record<EntryKey, string>> = { ja: JA, en: EN };

export type EntryText = (key: EntryKey, params?: Record<string, string | number>) => string;

export function entryText(lang: Lang): EntryText {
  return (key, params = {}) =>
    CATALOGUE[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}
