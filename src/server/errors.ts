import type { ZodError } from "zod";
import { formatFiscalYear } from "../domain/era.ts";
import { type Lang, type MessageKey, translate } from "./i18n.ts";

/**
 * The refusals of the web server, each under a stable id, with its Japanese and English wording in
 * this one place. Pages show them as HTML, the API as application/problem+json (RFC 9457); both come
 * from the same AppError thrown by a handler.
 */
export type ErrorId =
  | "organization.not-found"
  | "plan.not-found"
  | "round.not-found"
  | "initiative.not-found"
  | "page.not-found"
  | "method.not-allowed"
  | "request.invalid"
  | "auth.required"
  | "auth.forbidden"
  | "csrf.refused"
  | "conflict"
  | "workflow.forbidden"
  | "workflow.refused"
  | "server.busy"
  | "internal";

/** 「平成30年度（2018年度）」 / "FY2018": a fiscal year given as digits; anything else as it came. */
function fiscalYearWords(value: string | undefined, lang: Lang): string {
  // "2019 (3)": the third revision of FY2019 (the revision pages).
  const [, year, revision] = /^(\d{4})(?: \((\d+)\))?$/.exec(value ?? "") ?? [];
  if (year === undefined) return lang === "ja" ? "この年度" : "this fiscal year";
  const fy = lang === "ja" ? `${formatFiscalYear(Number(year))}（${year}年度）` : `FY${year}`;
  if (revision === undefined) return fy;
  return lang === "ja" ? `${fy}の第${revision}版` : `${fy}, revision ${revision}`;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 500 | 503;

interface ErrorText {
  status: ErrorStatus;
  title: { ja: string; en: string };
  detail: { ja: (p: Record<string, string>) => string; en: (p: Record<string, string>) => string };
}

export const ERRORS: Record<ErrorId, ErrorText> = {
  "organization.not-found": {
    status: 404,
    title: { ja: "自治体が見つかりません", en: "Organization not found" },
    detail: {
      ja: (p) =>
        `「${p.org}」という自治体は登録されていません。アドレスを確認するか、自治体一覧から選んでください。`,
      en: (p) =>
        `There is no organization "${p.org}". Check the address, or choose from the list of organizations.`,
    },
  },
  "plan.not-found": {
    status: 404,
    title: { ja: "計画が見つかりません", en: "Plan not found" },
    detail: {
      ja: (p) => `計画番号${p.planId}の計画はありません。`,
      en: (p) => `There is no plan number ${p.planId}.`,
    },
  },
  "round.not-found": {
    status: 404,
    title: { ja: "この年度の進行管理の結果はありません", en: "No results for this fiscal year" },
    detail: {
      ja: (p) =>
        `${fiscalYearWords(p.fiscalYear, "ja")}の進行管理の結果はありません。` +
        (p.published === undefined
          ? ""
          : `公表済みの年度：${
              p.published === ""
                ? "なし"
                : p.published
                    .split(",")
                    .map((y) => fiscalYearWords(y, "ja"))
                    .join("、")
            }`),
      en: (p) =>
        `There are no progress results for ${fiscalYearWords(p.fiscalYear, "en")}.` +
        (p.published === undefined
          ? ""
          : ` Published: ${
              p.published === ""
                ? "none"
                : p.published
                    .split(",")
                    .map((y) => fiscalYearWords(y, "en"))
                    .join(", ")
            }.`),
    },
  },
  "initiative.not-found": {
    status: 404,
    title: { ja: "取組項目が見つかりません", en: "Initiative not found" },
    detail: {
      ja: (p) => `この計画に No.${p.number} の取組項目はありません。`,
      en: (p) => `This plan has no initiative No.${p.number}.`,
    },
  },
  "page.not-found": {
    status: 404,
    title: { ja: "ページが見つかりません", en: "Page not found" },
    detail: {
      ja: (p) => `${p.path} というページはありません。アドレスを確認してください。`,
      en: (p) => `There is no page at ${p.path}. Please check the address.`,
    },
  },
  "method.not-allowed": {
    status: 405,
    title: { ja: "この操作はできません", en: "Method not allowed" },
    detail: {
      ja: (p) => `${p.path} には ${p.method} を使えません。使えるのは ${p.allow ?? "GET, HEAD"} です。`,
      en: (p) => `${p.path} does not accept ${p.method}; only ${p.allow ?? "GET, HEAD"}.`,
    },
  },
  "auth.required": {
    status: 401,
    title: { ja: "ログインが必要です", en: "Sign-in required" },
    detail: {
      ja: () =>
        "この操作にはログインが必要です。画面からはログインしてから、API からは Authorization: Bearer で個人用 API トークンを送ってください。",
      en: () =>
        "This needs a signed-in account: sign in first, or send a personal API token as Authorization: Bearer.",
    },
  },
  "auth.forbidden": {
    status: 403,
    title: { ja: "この操作の権限がありません", en: "Not allowed" },
    detail: {
      ja: () => "この操作はあなたの役割ではできません。必要なときは事務局に役割の追加を依頼してください。",
      en: () => "Your roles do not allow this. Ask the secretariat to add the role you need.",
    },
  },
  "csrf.refused": {
    status: 403,
    title: { ja: "送信を受け付けられませんでした", en: "Request refused" },
    detail: {
      ja: () =>
        "ページの有効期限が切れたか、別のサイトから送信されたため、受け付けませんでした。何も変更していません。ページを開き直してから、もう一度操作してください。",
      en: () =>
        "The page had expired or the request came from another site, so it was refused and nothing was changed. Open the page again and repeat what you did.",
    },
  },
  conflict: {
    status: 409,
    title: { ja: "ほかの人が先に保存しました", en: "Saved by someone else first" },
    detail: {
      ja: (p) =>
        p.message ?? "読み込んだ後にほかの人が保存しています。内容を確かめてから、もう一度保存してください。",
      en: () => "Someone saved this after you opened it. Check the current version and save again.",
    },
  },
  "workflow.forbidden": {
    status: 403,
    title: { ja: "この操作はできません", en: "Not allowed" },
    detail: {
      ja: (p) => translate("ja", p.key as MessageKey),
      en: (p) => translate("en", p.key as MessageKey),
    },
  },
  "workflow.refused": {
    status: 409,
    title: { ja: "今はこの操作ができません", en: "Not possible now" },
    detail: {
      ja: (p) => translate("ja", p.key as MessageKey),
      en: (p) => translate("en", p.key as MessageKey),
    },
  },
  "request.invalid": {
    status: 400,
    title: { ja: "指定された値が正しくありません", en: "Invalid request" },
    detail: {
      ja: (p) => `${p.fields}を確認してください。`,
      en: (p) => `Please check: ${p.fields}`,
    },
  },
  "server.busy": {
    status: 503,
    title: { ja: "ただいま混み合っています", en: "Server busy" },
    detail: {
      ja: (p) =>
        `ファイルの作成を待っている要求が多いため、受け付けられませんでした。${p.retryAfter ?? "数"}秒ほど待ってから、もう一度お試しください。`,
      en: (p) =>
        `Too many files are waiting to be made, so this request was not taken. Please try again in about ${p.retryAfter ?? "a few"} seconds.`,
    },
  },
  internal: {
    status: 500,
    title: { ja: "サーバーでエラーが発生しました", en: "Server error" },
    detail: {
      ja: () => "しばらくしてからもう一度お試しください。",
      en: () => "Please try again later.",
    },
  },
};

/** One field a request got wrong: where it was (path, query) and what is expected of it. */
export interface FieldError {
  name: string;
  in: "path" | "query";
  message: string;
  messageEn: string;
  /** How a page names the field to its reader ("取組項目の番号（No.）"); the API names it by `name`. */
  label?: { ja: string; en: string };
}

/** A page a "not found" page offers instead: the plan, the organization's plans, the list of organizations. */
export interface WayOn {
  /** The link's words; "{source}" stands for `source`, the organization's own words (marked Japanese). */
  label: { ja: string; en: string };
  source?: string;
  path: string;
}

export class AppError extends Error {
  /** Where a reader can go on from a page that was not found (shown above 「トップページへ戻る」). */
  ways: readonly WayOn[] = [];

  constructor(
    readonly id: ErrorId,
    readonly params: Record<string, string> = {},
    readonly fields: FieldError[] = [],
    /** Members the problem document adds (RFC 9457 extensions), e.g. `current` of a conflict. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(id);
    this.name = "AppError";
  }

  get status(): ErrorStatus {
    return ERRORS[this.id].status;
  }

  withWays(ways: readonly WayOn[]): this {
    this.ways = ways;
    return this;
  }
}

export function errorTitle(id: ErrorId, lang: Lang): string {
  return ERRORS[id].title[lang];
}

export function errorDetail(error: AppError, lang: Lang): string {
  const params = { ...error.params };
  if (error.id === "request.invalid" && !params.fields)
    params.fields = error.fields
      .map((f) => f.label?.[lang] ?? (lang === "ja" ? `「${f.name}」` : f.name))
      .join(lang === "ja" ? "、" : ", ");
  return ERRORS[error.id].detail[lang](params);
}

/** RFC 9457 problem details; `errors` names each field of a validation failure. */
export interface ProblemDocument {
  [extension: string]: unknown;
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: { name: string; in: string; detail: string }[];
}

export function problemDocument(error: AppError, lang: Lang, instance: string): ProblemDocument {
  const problem: ProblemDocument = {
    ...error.extensions,
    type: `/api/docs#problem-${error.id}`,
    title: errorTitle(error.id, lang),
    status: error.status,
    detail: errorDetail(error, lang),
    instance,
  };
  if (error.fields.length > 0) {
    problem.errors = error.fields.map((f) => ({
      name: f.name,
      in: f.in,
      detail: lang === "ja" ? f.message : f.messageEn,
    }));
  }
  return problem;
}

/** A field as a page names it to its reader: "取組項目の番号（No.）" / "the initiative number (No.)". */
export type FieldLabel = { ja: string; en: string };

/**
 * Zod's findings as field errors, worded for people (Zod's own messages are English and technical).
 * With a label, each is one sentence in the reader's words (「取組項目の番号（No.）は1以上の数字で
 * 指定してください。」); without one, the parameter is named as an API client names it
 * (「パラメーター「number」は1以上で指定してください。」).
 */
export function fieldErrors(
  error: ZodError,
  where: FieldError["in"],
  labels: Record<string, FieldLabel> = {},
) {
  // One finding per field, the last: a huge number breaks both zod's safe-integer limit and our own
  // bound (e.g. fiscal year ≤ 2999), and only our bound tells the reader what to send.
  const lastPerField = new Map<string, Issue>();
  for (const issue of error.issues) lastPerField.set(String(issue.path[0] ?? ""), issue);
  return [...lastPerField].map(([key, issue]): FieldError => {
    const label = labels[key];
    if (label) {
      const [message, messageEn] = issueSentence(issue, label);
      return { name: key, in: where, message, messageEn, label };
    }
    const [message, messageEn] = issueText(issue);
    return {
      name: key,
      in: where,
      message: `パラメーター「${key}」は${message}。`,
      messageEn: `${key}: ${messageEn}`,
    };
  });
}

type Issue = ZodError["issues"][number];

/** Whether a size limit is about a text's length rather than a number's value. */
function isLength(issue: Issue): boolean {
  return "origin" in issue && (issue.origin === "string" || issue.origin === "array");
}

function issueText(issue: Issue): [string, string] {
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "int")
        return ["整数で指定してください", "must be an integer"];
      return ["値の形式が正しくありません", "has the wrong type"];
    case "too_small":
      return [`${issue.minimum}以上で指定してください`, `must be at least ${issue.minimum}`];
    case "too_big":
      return [`${issue.maximum}以下で指定してください`, `must be at most ${issue.maximum}`];
    case "invalid_value":
      return [
        `${issue.values.join("・")}のいずれかで指定してください`,
        `must be one of ${issue.values.join(", ")}`,
      ];
    case "invalid_union": {
      // "one value or several": the first alternative says what a single value must be.
      const first = issue.errors[0]?.[0];
      return first ? issueText(first as Issue) : ["値が正しくありません", "is not valid"];
    }
    case "invalid_format":
      return ["形式が正しくありません", "has the wrong format"];
    default:
      return ["値が正しくありません", "is not valid"];
  }
}

/** The finding as one sentence that names the field: 「年度は1900以上の数字で指定してください。」 */
function issueSentence(issue: Issue, label: FieldLabel): [string, string] {
  const ja = label.ja;
  const en = label.en.charAt(0).toUpperCase() + label.en.slice(1);
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "int")
        return [`${ja}は数字で指定してください。`, `${en} must be a whole number.`];
      return [`${ja}の形式が正しくありません。`, `${en} is not in a form that can be read.`];
    case "too_small":
      return isLength(issue)
        ? [`${ja}を指定してください。`, `${en} is missing.`]
        : [
            `${ja}は${issue.minimum}以上の数字で指定してください。`,
            `${en} must be a number of at least ${issue.minimum}.`,
          ];
    case "too_big":
      return isLength(issue)
        ? [
            `${ja}は${issue.maximum}文字以内で指定してください。`,
            `${en} must be at most ${issue.maximum} characters.`,
          ]
        : [
            `${ja}は${issue.maximum}以下の数字で指定してください。`,
            `${en} must be a number of at most ${issue.maximum}.`,
          ];
    case "invalid_value":
      return [
        `${ja}は${issue.values.join("・")}のいずれかで指定してください。`,
        `${en} must be one of ${issue.values.join(", ")}.`,
      ];
    case "invalid_union": {
      const first = issue.errors[0]?.[0];
      return first
        ? issueSentence(first as Issue, label)
        : [`${ja}の値が正しくありません。`, `${en} is not valid.`];
    }
    default:
      return [`${ja}の値が正しくありません。`, `${en} is not valid.`];
  }
}
