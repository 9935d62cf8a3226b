/**
 * The refusals of node:util parseArgs in the words of every other message of the command line,
 * Japanese then English, naming the option and where to look: Node's own ("Unknown option
 * '--bogus'. To specify a positional argument starting with a '-', …") is English only and technical.
 */
export function argsErrorMessage(error: unknown, command: string): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? "";
  const help = `shinchoku ${command} --help`;
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `${option} というオプションはありません。${help} で確認してください。 / There is no option ${option}. See ${help}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${option} には値が必要です（例：${option} 値）。${help} で確認してください。 / ${option} needs a value. See ${help}.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const extra = /'([^']*)'/.exec(message)?.[1] ?? "";
      return `余分な引数「${extra}」があります。${help} で確認してください。 / Unexpected argument "${extra}". See ${help}.`;
    }
    default:
      return `${message} / ${help}`;
  }
}
