import { Form } from "@remix-run/react";
import { FormErrors, type ReplyLike } from "~/components/form";
import { MatchReasons, type ReasonView } from "~/components/match-reasons";

/**
 * One person an LGU may invite (to a skill need, to an investment opportunity): their name and
 * country, why they match, and the invite button, or "already invited". The words come from the
 * page's namespace.
 */
export function PersonToInvite({
  person,
  heading: Heading,
  words,
  reply,
  intent,
}: {
  person: { profileId: string; name: string | null; country: string | null; reasons: ReasonView[]; invited: boolean };
  heading: "h2" | "h3";
  words: { unnamed: string; already: string; send: string };
  /** The refusal for this person's form, if any. */
  reply: ReplyLike | undefined;
  /** The form's intent, on a page with other forms. */
  intent?: string;
}) {
  const headingId = `person-${person.profileId}`;
  return (
    <li className="card stack">
      <Heading className="card__title" id={headingId}>
        {person.name ? <bdi>{person.name}</bdi> : words.unnamed}
        {person.country ? ` · ${person.country}` : null}
      </Heading>
      <MatchReasons reasons={person.reasons} />
      {person.invited ? (
        <p className="badge">{words.already}</p>
      ) : (
        <Form method="post">
          <FormErrors reply={reply} />
          {intent ? <input type="hidden" name="intent" value={intent} /> : null}
          <input type="hidden" name="person" value={person.profileId} />
          <button type="submit" className="button" aria-describedby={headingId}>
            {words.send}
          </button>
        </Form>
      )}
    </li>
  );
}
