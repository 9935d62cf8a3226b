import { escapeToBuffer } from "hono/utils/html";

/**
 * Markup built as strings for the few places where a JSX node per cell costs more than the rest of the
 * request (tables of a thousand initiatives). These print exactly what Hono's JSX prints, so a view can
 * switch without a byte of difference.
 */

/** Text escaped as Hono's JSX escapes it (& < > " '). */
export function esc(text: string): string {
  const buffer: [string] = [""];
  escapeToBuffer(text, buffer);
  return buffer[0];
}

/** ` name="value"`, or nothing for an absent value, as JSX prints an attribute. */
export function attr(name: string, value: string | number | undefined): string {
  return value === undefined ? "" : ` ${name}="${typeof value === "number" ? value : esc(value)}"`;
}
