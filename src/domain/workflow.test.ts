import { describe, expect, it } from "vitest";
import type { Principal, RoleName } from "./permissions.ts";
import {
  type ReportAction,
  readyToPublish,
  reportActionRefusal,
  reportStateAfter,
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
