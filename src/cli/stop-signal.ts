/**
 * Resolves with the reason when a running server should stop: SIGINT (Ctrl+C) or SIGTERM, or — when it
 * runs under npm (`npm start`) — the end of the shell npm started it through. npm runs a script
 * through `sh -c` (cmd.exe on Windows) and passes a SIGTERM it receives to that shell only; the shell
 * dies without passing it on, and the server, its child, would keep running on its port. A second
 * signal while stopping ends the process at once.
 */
export function stopRequested(env: Record<string, string | undefined> = process.env): Promise<string> {
  return new Promise((resolve) => {
    let stopping = false;
    let signalled = false;
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      clearInterval(watch);
      resolve(reason);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        console.error(`${signal}：強制終了します / stopping at once`);
        process.exit(1);
      }
      signalled = true;
      stop(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const watch = env.npm_lifecycle_event === undefined ? undefined : watchParent(stop);
  });
}

const PARENT_CHECK_MS = 500;

/**
 * Calls `stop` when the parent process has gone: on POSIX the orphan is adopted by another process
 * (its ppid changes); on Windows the ppid stays, so the old parent is asked whether it still exists.
 */
function watchParent(stop: (reason: string) => void): NodeJS.Timeout {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent || !isAlive(parent)) {
      stop("親プロセスが終了しました / the parent process has gone");
    }
  }, PARENT_CHECK_MS);
  timer.unref();
  return timer;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
