import type { Child } from "hono/jsx";

/**
 * A wide table's own horizontal scroller, so that a phone scrolls the table and not the page. The
 * scroller can take keyboard focus (it scrolls with the arrow keys) and is named by the table's
 * caption, as a labelled region. Shadows at its edges show that the table continues (site.css). A
 * table wider than most screens takes a `hint`: a visible line above it, which also describes the
 * region to a screen reader, saying that it scrolls sideways.
 */
export function TableScroll(props: { labelledBy: string; hint?: string; class?: string; children?: Child }) {
  const hintId = props.hint ? `${props.labelledBy}-scroll-hint` : undefined;
  return (
    <>
      {props.hint ? (
        <p class="scroll-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <section
        class={props.class ? `table-scroll ${props.class}` : "table-scroll"}
        aria-labelledby={props.labelledBy}
        aria-describedby={hintId}
        tabindex={0}
      >
        {props.children}
      </section>
    </>
  );
}
