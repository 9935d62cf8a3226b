import { describe, expect, it } from "vitest";
import { forEachDatabase, type TestDatabase } from "../../../../test/db.ts";
import { seededApp, textOf } from "../../../../test/server-support.ts";
import { openEntryRound, sessionFor, type TestSession } from "../../../../test/support/entry-round.ts";
import type { Store } from "../../../store/types.ts";

/**
 * The secretariat's department pages on both databases, with the seed (坂戸市 FY2019 published) and
 * FY2020 opened from it and taking entries. In the seed, 政策企画課 leads No.1, No.6, No.8…;
 * No.2 is led by 広報広聴課 with 政策企画課 second; No.4 is led by 市民生活課.
 */
type App = Awaited<ReturnType<typeof seededApp>>["app"];

async function setup(database: TestDatabase) {
  const { app, store } = await seededApp(database);
  const secretariat = await sessionFor(store, "jimukyoku", ["secretariat"]);
  const editor = await sessionFor(store, "seisaku", ["editor"], ["政策企画課"]);
  const { planId } = await openEntryRound(store, secretariat);
  const organization = await store.organizations.findBySlug("sakado");
  const byName = async (name: string) => {
    const found = (await store.departments.list(organization?.id ?? 0)).find((d) => d.name === name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  };
  return { app, store, planId, secretariat, editor, byName, organizationId: organization?.id ?? 0 };
}

function get(app: App, path: string, session: TestSession) {
  return app.request(path, { headers: { Cookie: session.cookie } });
}

function post(app: App, path: string, session: TestSession, fields: Record<string, string>) {
  return app.request(path, {
    method: "POST",
    headers: {
      Cookie: session.cookie,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
}

async function departmentsOf(store: Store, planId: number, number: number) {
  const round = await store.rounds.find(planId, 2020);
  const snapshot = round && (await store.rounds.snapshot(round.id));
  return snapshot?.document.policies.flatMap((p) => p.initiatives).find((i) => i.number === number)
    ?.departments;
}

const LIST = "/o/sakado/manage/departments";

forEachDatabase((database) => {
  describe("the department pages", () => {
    it("list the departments with their initiatives and accounts, and an add form with 必須; editors are refused", async () => {
      const { app, secretariat, editor } = await setup(database);
      const response = await get(app, LIST, secretariat);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      const html = await response.text();
      const text = textOf(html);
      // 政策企画課 leads most of the seed's initiatives, and one editor (seisaku) belongs to it.
      expect(text).toMatch(/政策企画課 \d+件（主担当\d+件） 1人 使用中/);
      expect(html).toContain('<label for="name">課の名称 <span class="tag tag-required">必須</span></label>');
      expect((await get(app, LIST, editor)).status).toBe(403);
      const english = await (await get(app, `${LIST}?lang=en`, secretariat)).text();
      expect(english).toContain("Add a department");
      // The signed-in home links here for the secretariat only.
      expect(await (await get(app, "/o/sakado/manage", secretariat)).text()).toContain(`href="${LIST}"`);
      expect(await (await get(app, "/o/sakado/manage", editor)).text()).not.toContain(`href="${LIST}"`);
    });

    it("add: an empty name is refused with the error summary linked to the field; a name is added", async () => {
      const { app, store, secretariat, organizationId } = await setup(database);
      const refused = await post(app, LIST, secretariat, { name: "　" });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain('<a href="#name">課の名称を入力してください。</a>');
      expect(html).toMatch(/<title>エラー：/);
      expect(html).toContain('aria-invalid="true"');

      const taken = await post(app, LIST, secretariat, { name: "政策企画課" });
      expect(taken.status).toBe(400);
      // The answer is kept.
      expect(await taken.text()).toContain('value="政策企画課"');

      const added = await post(app, LIST, secretariat, { name: "DX推進課" });
      expect(added.status).toBe(303);
      const next = added.headers.get("Location") ?? "";
      expect(textOf(await (await get(app, next, secretariat)).text())).toContain(
        "「DX推進課」を追加しました。",
      );
      expect((await store.departments.list(organizationId)).map((d) => d.name)).toContain("DX推進課");
    });

    it("rename: the open round prints the new name; a stale version is a conflict (409) showing the current name", async () => {
      const { app, store, planId, secretariat, byName } = await setup(database);
      const seisaku = await byName("政策企画課");
      const page = await get(app, `${LIST}/${seisaku.id}`, secretariat);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain(`<input type="hidden" name="version" value="${seisaku.version}"/>`);
      expect(textOf(html)).toMatch(/No\.1（主担当）/);

      const renamed = await post(app, `${LIST}/${seisaku.id}/rename`, secretariat, {
        version: String(seisaku.version),
        name: "企画政策課",
      });
      expect(renamed.status).toBe(303);
      expect(await departmentsOf(store, planId, 2)).toEqual(["広報広聴課", "企画政策課", "関係各課"]);

      const stale = await post(app, `${LIST}/${seisaku.id}/rename`, secretariat, {
        version: String(seisaku.version),
        name: "政策課",
      });
      expect(stale.status).toBe(409);
      const conflict = await stale.text();
      expect(conflict).toContain("ほかの人がこの課を先に変更しました");
      expect(conflict).toContain('value="企画政策課"');
      expect((await byName("企画政策課")).version).toBe(seisaku.version + 1);
    });

    it("merge: choosing nothing is refused; a choice shows what would change, and only the confirmation merges", async () => {
      const { app, store, planId, secretariat, byName } = await setup(database);
      const koho = await byName("広報広聴課");
      const seisaku = await byName("政策企画課");
      const path = `${LIST}/${koho.id}/merge`;
      const form = await (await get(app, path, secretariat)).text();
      expect(form).toContain(
        '<label for="into">統合先の課 <span class="tag tag-required">必須</span></label>',
      );

      const none = await post(app, path, secretariat, { version: String(koho.version), into: "" });
      expect(none.status).toBe(400);
      expect(await none.text()).toContain('<a href="#into">統合先の課を選んでください。</a>');

      const confirm = await post(app, path, secretariat, {
        version: String(koho.version),
        into: String(seisaku.id),
      });
      expect(confirm.status).toBe(200);
      const page = await confirm.text();
      expect(textOf(page)).toContain("確認：広報広聴課を政策企画課に統合する");
      expect(textOf(page)).toMatch(/No\.2（主担当）/);
      expect(page).toContain('<input type="hidden" name="confirm" value="yes"/>');
      // Nothing is merged before the confirmation.
      expect((await byName("広報広聴課")).retiredAt).toBeNull();

      const done = await post(app, path, secretariat, {
        version: String(koho.version),
        into: String(seisaku.id),
        confirm: "yes",
      });
      expect(done.status).toBe(303);
      expect((await byName("広報広聴課")).mergedIntoId).toBe(seisaku.id);
      expect(await departmentsOf(store, planId, 2)).toEqual(["政策企画課", "関係各課"]);
      const list = textOf(await (await get(app, done.headers.get("Location") ?? "", secretariat)).text());
      expect(list).toContain("「広報広聴課」を「政策企画課」に統合しました。");
      expect(list).toMatch(/広報広聴課 0件（主担当0件） 0人 政策企画課に統合（\d{4}年\d+月\d+日）/);
      // A merged department's merge page is gone.
      expect((await get(app, path, secretariat)).status).toBe(404);
    });

    it("retire: refused by field while FY2020 has it as lead, offering a successor; with one it is confirmed and done", async () => {
      const { app, store, planId, secretariat, byName } = await setup(database);
      const shimin = await byName("市民生活課");
      const path = `${LIST}/${shimin.id}/retire`;
      const form = await (await get(app, path, secretariat)).text();
      expect(form).toContain(
        '<label for="successor">後継の課 <span class="tag tag-optional">任意</span></label>',
      );

      const refused = await post(app, path, secretariat, { version: String(shimin.version), successor: "" });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(textOf(html)).toMatch(
        /令和2年度（2020年度）のNo\.4(、No\.\d+)*で主担当の課のため、後継の課なしでは廃止できません/,
      );
      expect(html).toContain('<a href="#successor">');

      const successor = await byName("政策企画課");
      const confirm = await post(app, path, secretariat, {
        version: String(shimin.version),
        successor: String(successor.id),
      });
      expect(confirm.status).toBe(200);
      expect(textOf(await confirm.text())).toContain("後継の課：政策企画課");
      expect((await byName("市民生活課")).retiredAt).toBeNull();
      const done = await post(app, path, secretariat, {
        version: String(shimin.version),
        successor: String(successor.id),
        confirm: "yes",
      });
      expect(done.status).toBe(303);
      expect((await byName("市民生活課")).retiredAt).not.toBeNull();
      expect(await departmentsOf(store, planId, 4)).toEqual(["政策企画課", "関係各課"]);
      // No longer offered to new accounts.
      const newAccount = await (await get(app, "/o/sakado/manage/accounts/new", secretariat)).text();
      expect(newAccount).not.toContain(">市民生活課<");
      expect(newAccount).toContain(">政策企画課<");
    });
    it("restore: a department retired without a successor comes back; a merged one cannot", async () => {
      const { app, store, secretariat, byName, organizationId } = await setup(database);
      const joho = await byName("情報政策課");
      await store.transaction({ actor: { kind: "system", name: "test" } }, (tx) =>
        tx.departments.retire(organizationId, joho.id, joho.version),
      );
      const retired = await byName("情報政策課");
      const page = await (await get(app, `${LIST}/${retired.id}`, secretariat)).text();
      expect(page).toContain(`action="${LIST}/${retired.id}/restore"`);
      expect(textOf(page)).toContain("この課を元に戻す");

      const stale = await post(app, `${LIST}/${retired.id}/restore`, secretariat, {
        version: String(joho.version),
      });
      expect(stale.status).toBe(409);
      expect((await byName("情報政策課")).retiredAt).not.toBeNull();
      const done = await post(app, `${LIST}/${retired.id}/restore`, secretariat, {
        version: String(retired.version),
      });
      expect(done.status).toBe(303);
      const list = textOf(await (await get(app, done.headers.get("Location") ?? "", secretariat)).text());
      expect(list).toContain("「情報政策課」を元に戻しました。");
      expect((await byName("情報政策課")).retiredAt).toBeNull();
      const [entry] = await store.audit.list(organizationId, { entity: "department", limit: 1 });
      expect(entry).toMatchObject({
        action: "department.restore",
        entityId: joho.id,
        after: { retiredAt: null },
      });

      // Merged: no form, and a request anyway is refused, saying why.
      const from = await byName("広報広聴課");
      const into = await byName("政策企画課");
      await store.transaction({ actor: { kind: "system", name: "test" } }, (tx) =>
        tx.departments.merge(organizationId, from.id, from.version, into.id),
      );
      const merged = await byName("広報広聴課");
      expect(await (await get(app, `${LIST}/${merged.id}`, secretariat)).text()).not.toContain("/restore");
      const refused = await post(app, `${LIST}/${merged.id}/restore`, secretariat, {
        version: String(merged.version),
      });
      expect(refused.status).toBe(400);
      expect(textOf(await refused.text())).toContain("この課はほかの課に統合されたため、元に戻せません。");
      expect((await byName("広報広聴課")).retiredAt).not.toBeNull();
    });
  });
});
