import type { MetaFunction } from "@remix-run/node";
import { SectionIntro } from "~/components/section-intro";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "sections.volunteer.title");

export default function Section() {
  return <SectionIntro section="volunteer" />;
}
