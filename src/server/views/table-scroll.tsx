import type { Child } from "hono/jsx";

/**
 * A wide table's own horizontal scroller, so that a phone scrolls the table and not the page. The
 * scroller can take keyboard focus (it scrolls with the arrow keys) and is named by the table's
 * caption, as a labelled region.
 */
export function TableScroll(props: { labelledBy: string; children?: Child }) {
  return (
    <section class="table-scroll" aria-labelledby={props.labelledBy} tabindex={0}>
      {props.children}
    </section>
  );
}
