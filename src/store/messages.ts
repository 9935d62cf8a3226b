import { formatFiscalYear } from "../domain/era.ts";
import { ROUND_STATE_LABELS, type RoundState } from "../domain/workflow-states.ts";
import { StoreError } from "./types.ts";

/** Every refusal of the store, worded in one place (Japanese: it reaches users as is). */
export const storeErrors = {
  roundExists: (planTitle: string, fiscalYear: number) =>
    new StoreError(
      "round.exists",
      `計画「${planTitle}」の${formatFiscalYear(fiscalYear)}（${fiscalYear}年度）の進行管理はすでに取り込まれています。` +
        "置き換える場合は置き換えを指定して取り込み直してください。",
    ),
  roundInProgress: (planTitle: string, fiscalYear: number, state: RoundState) =>
    new StoreError(
      "round.locked",
      `計画「${planTitle}」の${formatFiscalYear(fiscalYear)}（${fiscalYear}年度）の進行管理は${ROUND_STATE_LABELS[state].ja}のため、` +
        "取り込みで置き換えられません。画面で入力・確認を進めてください。",
    ),
  roundHasEnteredWork: (planTitle: string, fiscalYear: number, reports: number) =>
    new StoreError(
      "round.locked",
      `計画「${planTitle}」の${formatFiscalYear(fiscalYear)}（${fiscalYear}年度）には画面で入力された報告が${reports}件あるため、` +
        "取り込みで置き換えられません（入力された内容が失われます）。訂正は画面で行ってください。",
    ),
  roundPublishedInBrowser: (planTitle: string, fiscalYear: number) =>
    new StoreError(
      "round.locked",
      `計画「${planTitle}」の${formatFiscalYear(fiscalYear)}（${fiscalYear}年度）は画面から公表されているため、` +
        "取り込みで置き換えられません。訂正は画面で新しい版として公表してください。",
    ),
  conflict: (what: string) =>
    `${what}は、読み込んだ後にほかの人が保存しています。保存されている内容を確かめてから、もう一度保存してください。`,
  accountExists: (loginId: string) =>
    `ログインID「${loginId}」はこの自治体ですでに使われています。別のログインIDにしてください。`,
  notFound: (what: string) => new StoreError("not-found", `${what}が見つかりません。`),
  documentHasErrors: (count: number, first: string) =>
    new StoreError(
      "document.invalid",
      `取り込めません。計画データにエラーが${count}件あります。1件目は${first}。エラーを直してから取り込んでください。`,
    ),
  removalPublished: (what: string, publications: number) =>
    new StoreError(
      "removal.published",
      `「${what}」には公表版が${publications}件あります。公表版は変更も削除もできない記録のため削除しません。` +
        "公表したものも含めて削除する場合は、強制（--force）を指定してください。",
    ),
  documentInvalid: (reason: string) => new StoreError("document.invalid", `取り込めません。${reason}`),
  departmentExists: (name: string, retired: boolean) =>
    retired
      ? `「${name}」は廃止した課の名前として残っています。別の名前にしてください。`
      : `「${name}」という課はすでにあります。別の名前にするか、統合を使ってください。`,
  departmentRetired: (name: string) => `「${name}」はすでに廃止された課です。`,
  departmentMerged: (name: string) =>
    `「${name}」はほかの課に統合されたため、元に戻せません。統合先の課を使ってください。`,
};

/** Reasons a document is refused before anything is written; each names what to fix. */
export const documentProblems = {
  format: (format: unknown) =>
    `計画データの形式「${String(format)}」には対応していません。Shinchoku が書き出した計画データ（JSON形式）を指定してください。`,
  duplicateInitiative: (number: number) => `取組項目の番号 No.${number} が重複しています。`,
  duplicateKpiKey: (key: string) => `数値目標のキー「${key}」が重複しています。`,
  unknownRelist: (key: string, relistOf: string) =>
    `数値目標「${key}」の再掲元「${relistOf}」がこの計画データにありません。`,
  relistCycle: (key: string) => `数値目標「${key}」の再掲元をたどると元に戻ってしまいます。`,
  relistSameInitiative: (key: string) => `数値目標「${key}」は同じ取組項目の数値目標を再掲しています。`,
};
