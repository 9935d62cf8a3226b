import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import {
  DEFAULT_GRADE_SCALE,
  GRADES,
  type GradeScale,
  gradeCount,
  gradeWithLabel,
} from "../../domain/grade.ts";
import type { Ui } from "../i18n.ts";
import { gradeColour, type SummaryRow } from "./grade.tsx";

type Grade = (typeof GRADES)[number];

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * The grade summary as a stacked bar chart, rendered on the server to SVG (no script in the page, the
 * same picture on paper). The SVG is one image for assistive technology: role="img", named by the
 * GradeChartLabel beside it, which states every number. Grades differ by pattern and by the "A 3" labels, not by colour alone.
 */

const COLORS: Record<Grade, string> = { A: "#1a6b3c", B: "#1f5fa8", C: "#8f4700", D: "#a4262c" };

/** Pattern drawn over each grade's colour (echarts' decals need a canvas, so the SVG gets its own). */
const PATTERNS: Record<Grade, string> = {
  A: "",
  B: '<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="#fff" stroke-opacity="0.45" stroke-width="1.5"/>',
  C: '<circle cx="4" cy="4" r="1.4" fill="#fff" fill-opacity="0.55"/>',
  D: '<path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-opacity="0.45" stroke-width="1.2"/>',
};

/** The id of the chart's name, a GradeChartLabel printed beside it. */
export const GRADE_CHART_LABEL_ID = "grade-chart-title";

const WIDTH = 720;
const ROW_HEIGHT = 40;

/** Short row names for the axis: the policy code "(ア)" when there is one; the table beside has the rest. */
function axisName(label: string): string {
  const code = /^([(（][^)）]{1,4}[)）])/.exec(label);
  if (code?.[1]) return code[1];
  return label.length > 8 ? `${label.slice(0, 8)}…` : label;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 200;

export function gradeChartSvg(rows: SummaryRow[], ui: Ui, scale: GradeScale = DEFAULT_GRADE_SCALE): string {
  const key = JSON.stringify([ui.lang, rows, scale]);
  const hit = cache.get(key);
  if (hit) return hit;
  const svg = renderChart(rows, ui, scale);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? "");
  cache.set(key, svg);
  return svg;
}

function renderChart(rows: SummaryRow[], ui: Ui, scale: GradeScale): string {
  const height = 70 + rows.length * ROW_HEIGHT;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "Noto Sans CJK JP, sans-serif", fontSize: 13 },
      legend: {
        top: 4,
        left: 90,
        itemWidth: 22,
        itemHeight: 14,
        textStyle: { color: "#1a1a1a", fontSize: 13 },
      },
      grid: { left: 90, right: 24, top: 40, bottom: 28 },
      xAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { color: "#4d4d4d" },
        splitLine: { lineStyle: { color: "#c8c8c8" } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: rows.map((r) => axisName(r.label)),
        axisLabel: { color: "#1a1a1a", fontSize: 13 },
        axisLine: { lineStyle: { color: "#767676" } },
      },
      series: scale.map(({ code: grade }) => ({
        name: gradeWithLabel(scale, grade, ui.lang),
        type: "bar",
        stack: "grades",
        barWidth: 24,
        itemStyle: { color: COLORS[gradeColour(scale, grade)], borderColor: "#fff", borderWidth: 1 },
        label: {
          show: true,
          formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? `${grade} ${p.value}` : ""),
          color: "#fff",
          fontWeight: "bold",
          textBorderColor: COLORS[gradeColour(scale, grade)],
          textBorderWidth: 3,
        },
        data: rows.map((r) => gradeCount(r.summary, grade)),
      })),
    });
    return decorate(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** The accessible name's id, patterns over the grade colours, and a responsive size. */
function decorate(svg: string): string {
  const defs = GRADES.map(
    (g) =>
      `<pattern id="grade-pattern-${g}" width="8" height="8" patternUnits="userSpaceOnUse">` +
      `<rect width="8" height="8" fill="${COLORS[g]}"/>${PATTERNS[g]}</pattern>`,
  ).join("");
  let body = svg;
  for (const g of GRADES) body = body.replaceAll(`fill="${COLORS[g]}"`, `fill="url(#grade-pattern-${g})"`);
  const out = body.replace(
    /^<svg([^>]*)>/,
    (_whole, attrs: string) =>
      `<svg${attrs} role="img" aria-labelledby="${GRADE_CHART_LABEL_ID}" focusable="false">` +
      `<defs>${defs}</defs>`,
  );
  return out;
}
