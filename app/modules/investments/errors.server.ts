/** The investment functions' refusals (their hints) as the messages people see beside a field or above the form. */
import { throwHinted, type HintedProblems } from "~/modules/organisations/errors.server";

const HINTS: HintedProblems = {
  not_member: ["", "invest:errors.notYours", 403],
  not_investment_staff: ["", "invest:errors.notStaff", 403],
  opportunity_not_found: ["", "invest:errors.opportunityNotFound", 404],
  opportunity_closed: ["", "invest:errors.opportunityClosed", 409],
  amount_invalid: ["amountMin", "invest:errors.amountInvalid", 400],
  amount_range: ["amountMax", "invest:errors.amountRange", 400],
  message_length: ["message", "invest:errors.messageLength", 400],
  phone_invalid: ["phone", "invest:errors.phoneInvalid", 400],
  already_interested: ["", "invest:errors.alreadyInterested", 409],
  same_stage: ["stage", "invest:errors.sameStage", 409],
  lead_done: ["", "invest:errors.leadDone", 409],
  wrong_stage: ["stage", "invest:errors.wrongStage", 400],
  not_committed: ["stage", "invest:errors.notCommitted", 409],
  reason_required: ["note", "invest:errors.reasonRequired", 400],
  note_length: ["note", "invest:errors.noteLength", 400],
  not_an_officer: ["officer", "invest:errors.notAnOfficer", 400],
  plan_incomplete: ["nextAction", "invest:errors.planIncomplete", 400],
  plan_length: ["nextAction", "invest:errors.planLength", 400],
  plan_in_past: ["nextActionOn", "invest:errors.planInPast", 400],
  same_phase: ["phase", "invest:errors.samePhase", 409],
  permit_not_found: ["reference", "invest:errors.permitNotFound", 400],
  permit_other_lgu: ["reference", "invest:errors.permitOtherLgu", 400],
  already_published: ["status", "invest:errors.alreadyPublished", 409],
  lgu_fixed: ["", "invest:errors.notStaff", 403],
  opportunity_not_open: ["", "invest:errors.opportunityNotOpen", 409],
  not_invitable: ["", "invest:errors.notInvitable", 409],
  already_a_lead: ["", "invest:errors.alreadyALead", 409],
  already_invited: ["", "invest:errors.alreadyInvited", 409],
};

/** A database refusal as the message the person sees; anything else is rethrown. */
export function investmentProblem(error: unknown): never {
  throwHinted(error, HINTS, "not_investment_staff");
}
