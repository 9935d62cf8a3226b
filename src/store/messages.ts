import { formatFiscalYear } from "../domain/era.ts";
import { StoreError } from "./types.ts";

/** Every refusal of the store, worded in one place (Japanese: it reaches users as is). */
export const storeErrors = {
  roundExists: (planTitle: string, fiscalYear: number) =>
    new StoreError(
      "round.exists",
      `計画「${planTitle}」の${formatFiscalYear(fiscalYear)}（${fiscalYear}年度）の進行管理はすでに取り込まれています。` +
        "置き換える場合は置き換えを指定して取り込み直してください。",
    ),
  documentHasErrors: (count: number, first: string) =>
    new StoreError(
      "document.invalid",
      `取り込めません。文書にエラーが${count}件あります（1件目: ${first}）。エラーを直してから取り込んでください。`,
    ),
  documentInvalid: (reason: string) => new StoreError("document.invalid", `取り込めません。${reason}`),
};

/** Reasons a document is refused before anything is written; each names what to fix. */
export const documentProblems = {
  format: (format: unknown) => `文書の形式「${String(format)}」には対応していません。`,
  duplicateInitiative: (number: number) => `取組項目の番号 No.${number} が重複しています。`,
  duplicateKpiKey: (key: string) => `数値目標のキー「${key}」が重複しています。`,
  unknownRelist: (key: string, relistOf: string) =>
    `数値目標「${key}」の再掲元「${relistOf}」が文書にありません。`,
  relistCycle: (key: string) => `数値目標「${key}」の再掲元をたどると元に戻ってしまいます。`,
  relistSameInitiative: (key: string) => `数値目標「${key}」は同じ取組項目の数値目標を再掲しています。`,
};
