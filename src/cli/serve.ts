import { ROLE_LABELS } from "../domain/permissions.ts";
import { readServeConfig, serveUsage } from "../server/config.ts";
import { type SetupLink, startServer } from "../server/start.ts";
import { describeDatabaseError } from "../store/database-errors.ts";
import { redactDatabaseUrl } from "../store/url.ts";
import { escapeControls } from "./io.ts";
import { stopRequested } from "./stop-signal.ts";

/**
 * What start-up prints for organizations without a secretariat account: one address each, to open
 * once within 24 hours (a restart makes new ones and the old ones stop working).
 */
export function setupLines(links: SetupLink[]): string[] {
  if (links.length === 0) return [];
  const lines = [
    "",
    "事務局アカウントがまだない自治体があります。次の URL を開いて、最初の事務局アカウントを作成してください。",
    "Some organizations have no secretariat account yet: open the address to create the first one.",
    "（1回だけ使えます。有効期限は24時間です。再起動すると新しい URL に替わります / single use, valid 24 h; a restart replaces it）",
  ];
  for (const link of links) {
    lines.push(`  ${escapeControls(link.organization.name)}（${link.organization.slug}）：${link.url}`);
  }
  const slug = links.length === 1 ? (links[0]?.organization.slug ?? "<URL名>") : "<URL名>";
  lines.push(
    `  （代わりに shinchoku user add --organization ${escapeControls(slug)} --role secretariat --login <ログインID> でも作成できます / or use shinchoku user add）`,
    "",
  );
  return lines;
}

/**
 * `shinchoku serve`: validates the settings, starts the web server and stops it cleanly on SIGINT /
 * SIGTERM (requests in flight finish, then the database closes: exit code 0). Exit code 2 for a bad
 * setting (with the list of what is wrong), 1 when start-up or shutdown fails.
 */
export async function run(args: string[]): Promise<number> {
  const result = readServeConfig(args, process.env);
  if (result.ok && "help" in result) {
    console.log(serveUsage());
    return 0;
  }
  if (!result.ok) {
    console.error("設定に誤りがあります / invalid settings:");
    for (const error of result.errors) console.error(`  - ${error}`);
    console.error(`\n${serveUsage()}`);
    return 2;
  }
  const { config } = result;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (error) {
    const address = listenFailure(error, config.host, config.port);
    if (address) {
      console.error(address);
      return 1;
    }
    console.error(`起動できませんでした / could not start: ${describeDatabaseError(error)}`);
    console.error(
      `  database: ${redactDatabaseUrl(config.databaseUrl)}, host: ${config.host}, port: ${config.port}`,
    );
    return 1;
  }
  if (server.readOnly)
    console.log(
      "データベースは読み取り専用です。閲覧とダウンロードだけができます / the database is read-only: pages and downloads only",
    );
  if (server.sampleLoaded)
    console.log("サンプルデータ（坂戸市 令和元年度）を読み込みました / sample data loaded");
  if (server.demoAccounts.length > 0) {
    const base = (config.security.publicUrl ?? server.url).replace(/\/$/, "");
    console.log(
      "体験用：令和2年度の進行管理を入力中にし、次のアカウントを作りました。各URLでパスワードを設定してください（1回限り・24時間有効）",
    );
    console.log("demo: FY2020 is open for entry; set each account's password on its one-time URL (24 h):");
    for (const demo of server.demoAccounts)
      console.log(
        `  ${ROLE_LABELS[demo.role].ja}${demo.department ? `（${demo.department}）` : ""} ${demo.loginId}：${base}${demo.passwordPath}`,
      );
  }
  console.log(`Shinchoku を ${server.url} で起動しました / listening on ${server.url}`);
  for (const line of setupLines(server.setupLinks)) console.log(line);
  console.log("終了するには Ctrl+C / press Ctrl+C to stop");

  const reason = await stopRequested();
  console.log(
    `\n${reason}：処理中の要求を終えてから終了します / finishing requests in flight, then stopping`,
  );
  try {
    await server.close();
  } catch (error) {
    console.error(`終了時にエラーが起きました / error while stopping: ${(error as Error).message}`);
    return 1;
  }
  console.log("終了しました / stopped");
  return 0;
}

/** A port or host the server cannot listen on, said with what to do (never "listen EADDRINUSE"). */
export function listenFailure(error: unknown, host: string, port: number): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "EADDRINUSE")
    return `ポート${port}は使用中です。--port で別の番号を指定してください。 / Port ${port} is in use: give another with --port.`;
  if (code === "EACCES")
    return `ポート${port}を使う権限がありません。--port で1024以上の番号を指定してください。 / No permission to listen on port ${port}: give one from 1024 up with --port.`;
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
    return `このコンピューターには「${host}」というアドレスがありません。--host を確認してください。 / This machine has no address ${host}: check --host.`;
  return undefined;
}
