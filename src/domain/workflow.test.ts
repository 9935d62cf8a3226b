import { describe, expect, it } from "vitest";
import type { Principal, RoleName } from "./permissions.ts";
import {
  type ReportAction,
  readyToPublish,
  reportActionRefusal,
  reportStateAfter,
  roundMoveRefusal,
  roundStep,
} from "./workflow.ts";
import { REPORT_STATES, type ReportState, ROUND_STATES, type RoundState } from "./workflow-states.ts";

const ORG = 1;
const LEAD = 10;
const OTHER_DEPT = 11;
const SECOND_DEPT = 12;

function person(roles: RoleName[], departmentIds: number[] = []): Principal {
  return { accountId: 1, organizationId: ORG, roles: new Set(roles), departmentIds };
}

const PEOPLE: Record<string, Principal> = {
  secretariat: person(["secretariat"]),
  leadEditor: person(["editor"], [LEAD]),
  secondEditor: person(["editor"], [SECOND_DEPT]),
  otherEditor: person(["editor"], [OTHER_DEPT]),
  committee: person(["committee"]),
  viewer: person(["viewer"]),
  foreignSecretariat: { ...person(["secretariat"]), organizationId: 2 },
};

/**
 * The rules, written out by hand (not derived from the code): for each action, the round states,
 * report states and people for which it is allowed. Every combination outside is refused.
 */
const ALLOWED: Record<ReportAction, { rounds: RoundState[]; reports: ReportState[]; people: string[] }[]> = {
  edit: [
    {
      rounds: ["entry", "review"],
      reports: ["notStarted", "inProgress", "returned"],
      people: ["leadEditor", "secondEditor"],
    },
    { rounds: ["entry", "review", "grading"], reports: [...REPORT_STATES], people: ["secretariat"] },
  ],
  submit: [
    {
      rounds: ["entry", "review"],
      reports: ["notStarted", "inProgress", "returned"],
      people: ["leadEditor", "secretariat"],
    },
  ],
  return: [
    { rounds: ["entry", "review", "grading"], reports: ["submitted", "accepted"], people: ["secretariat"] },
  ],
  accept: [{ rounds: ["entry", "review", "grading"], reports: ["submitted"], people: ["secretariat"] }],
  grade: [{ rounds: ["grading"], reports: ["accepted", "graded"], people: ["committee", "secretariat"] }],
  comment: [
    {
      rounds: [...ROUND_STATES],
      reports: [...REPORT_STATES],
      people: ["secretariat", "leadEditor", "secondEditor", "otherEditor", "committee", "viewer"],
    },
  ],
};

describe("reportActionRefusal, for every action, round state, report state and person", () => {
  const actions = Object.keys(ALLOWED) as ReportAction[];
  for (const action of actions) {
    it(`${action}`, () => {
      for (const roundState of ROUND_STATES) {
        for (const reportState of REPORT_STATES) {
          for (const [who, principal] of Object.entries(PEOPLE)) {
            const expected = ALLOWED[action].some(
              (rule) =>
                rule.rounds.includes(roundState) &&
                rule.reports.includes(reportState) &&
                rule.people.includes(who),
            );
            const refusal = reportActionRefusal(principal, action, {
              roundState,
              reportState,
              departmentIds: [LEAD, SECOND_DEPT],
              organizationId: ORG,
            });
            expect(
              refusal === undefined,
              `${action} ${roundState}/${reportState} by ${who}: ${refusal}`,
            ).toBe(expected);
          }
        }
      }
    });
  }

  it("says why: another department, not the lead, the wrong stage", () => {
    const situation = {
      roundState: "entry" as const,
      reportState: "inProgress" as const,
      departmentIds: [LEAD, SECOND_DEPT],
      organizationId: ORG,
    };
    expect(reportActionRefusal(PEOPLE.otherEditor as Principal, "edit", situation)).toBe(
      "workflow.notYourDepartment",
    );
    expect(reportActionRefusal(PEOPLE.secondEditor as Principal, "submit", situation)).toBe(
      "workflow.notLead",
    );
    expect(
      reportActionRefusal(PEOPLE.leadEditor as Principal, "edit", { ...situation, reportState: "submitted" }),
    ).toBe("workflow.wrongReportState");
    expect(reportActionRefusal(PEOPLE.committee as Principal, "grade", situation)).toBe(
      "workflow.wrongRoundState",
    );
  });
});

/**
 * The round's moves, written out by hand: from → to, and whether a reason is needed. Only the
 * organization's secretariat makes them; every other pair of states is refused for everyone.
 */
const MOVES: { from: RoundState; to: RoundState; reason: "needed" | "optional" }[] = [
  { from: "preparing", to: "entry", reason: "optional" },
  { from: "entry", to: "review", reason: "optional" },
  { from: "review", to: "grading", reason: "optional" },
  { from: "grading", to: "published", reason: "optional" },
  { from: "entry", to: "preparing", reason: "needed" },
  { from: "review", to: "entry", reason: "needed" },
  { from: "grading", to: "review", reason: "needed" },
  { from: "published", to: "grading", reason: "needed" },
];

describe("roundMoveRefusal, for every state, next state, person and reason", () => {
  it("allows the secretariat's one-step moves (back with a reason) and refuses everything else", () => {
    for (const from of ROUND_STATES) {
      for (const to of ROUND_STATES) {
        for (const [who, principal] of Object.entries(PEOPLE)) {
          for (const reason of ["", "  ", "誤記の訂正"]) {
            const move = MOVES.find((m) => m.from === from && m.to === to);
            const expected =
              who === "secretariat" &&
              move !== undefined &&
              (move.reason === "optional" || reason.trim() !== "");
            const refusal = roundMoveRefusal(principal, {
              organizationId: ORG,
              from,
              to,
              reason,
              reportStates: ["graded", "accepted"],
              revisions: 0,
            });
            expect(refusal === undefined, `${from} → ${to} by ${who}, reason "${reason}": ${refusal}`).toBe(
              expected,
            );
          }
        }
      }
    }
  });

  it("says why: not the secretariat, not one step, no reason", () => {
    const move = { organizationId: ORG, from: "grading" as const, reason: "" };
    expect(roundMoveRefusal(PEOPLE.committee as Principal, { ...move, to: "review" })).toBe(
      "workflow.notAllowed",
    );
    expect(roundMoveRefusal(PEOPLE.foreignSecretariat as Principal, { ...move, to: "review" })).toBe(
      "workflow.notAllowed",
    );
    expect(roundMoveRefusal(PEOPLE.secretariat as Principal, { ...move, to: "entry" })).toBe(
      "workflow.roundStep",
    );
    expect(roundMoveRefusal(PEOPLE.secretariat as Principal, { ...move, to: "review" })).toBe(
      "workflow.reasonRequired",
    );
  });

  it("publishes only when every report is graded or accepted, and a correction only with its reason", () => {
    const secretariat = PEOPLE.secretariat as Principal;
    const publish = { organizationId: ORG, from: "grading" as const, to: "published" as const, reason: "" };
    for (const state of REPORT_STATES) {
      const refusal = roundMoveRefusal(secretariat, {
        ...publish,
        reportStates: ["graded", state],
        revisions: 0,
      });
      expect(refusal, state).toBe(
        state === "graded" || state === "accepted" ? undefined : "workflow.notReadyToPublish",
      );
    }
    expect(roundMoveRefusal(secretariat, { ...publish, reportStates: ["graded"], revisions: 1 })).toBe(
      "workflow.reasonRequired",
    );
    expect(
      roundMoveRefusal(secretariat, { ...publish, reportStates: ["graded"], revisions: 1, reason: "訂正" }),
    ).toBeUndefined();
  });
});

describe("round steps", () => {
  it("go one stage forward or one back, never further", () => {
    expect(roundStep("preparing", "entry")).toBe("forward");
    expect(roundStep("grading", "published")).toBe("forward");
    expect(roundStep("published", "grading")).toBe("back");
    expect(roundStep("review", "entry")).toBe("back");
    expect(roundStep("preparing", "review")).toBeUndefined();
    expect(roundStep("entry", "entry")).toBeUndefined();
    expect(roundStep("published", "preparing")).toBeUndefined();
  });
});

describe("report states after an action", () => {
  it("follow 未着手 → 入力中 → 提出済 → (差戻し ⇄ 提出済) → 確認済 → 評価済", () => {
    expect(reportStateAfter("edit", "notStarted")).toBe("inProgress");
    expect(reportStateAfter("edit", "returned")).toBe("returned");
    expect(reportStateAfter("submit", "returned")).toBe("submitted");
    expect(reportStateAfter("return", "submitted")).toBe("returned");
    expect(reportStateAfter("accept", "submitted")).toBe("accepted");
    expect(reportStateAfter("grade", "accepted")).toBe("graded");
  });

  it("allow publishing only when every report is graded or accepted", () => {
    expect(readyToPublish(["graded", "accepted"])).toBe(true);
    expect(readyToPublish(["graded", "submitted"])).toBe(false);
    expect(readyToPublish([])).toBe(true);
  });
});
