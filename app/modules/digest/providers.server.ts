/**
 * THE REGISTRATION POINT for digest topic providers. The weekly digest asks every provider listed
 * here, in this order (the order of the email's sections), for each batch of members.
 *
 * To add a topic:
 *   1. write `app/modules/digest/providers/<topic>.server.ts` exporting a `DigestProvider`
 *      (see ./provider.ts: one set-based pass per batch of up to 500 member ids, as the service
 *      role, applying the visibility rules itself; `collect` returns items per member id for
 *      things new in [since, until); a ranked topic gives each item its score as `rank` and
 *      returns at most RANKED_ITEMS_PER_MEMBER per member);
 *   2. add it to `digestProviders` below;
 *   3. put the topic in DIGEST_TOPICS (./topics.ts) and the `digest_topic` enum (a migration), its
 *      words in the digest namespace (topics.<topic>.*) and the reasons it gives under `reasons.*`,
 *      in all five locales.
 * Jobs and investment opportunities are scored with the matching engine's weights
 * (app/modules/matching/weights.ts), the same signals as "jobs for you" and "opportunities for you".
 */
import type { DigestProvider } from "./provider";
import { followedUpdatesProvider } from "./providers/followed-updates.server";
import { jobsProvider } from "./providers/jobs.server";
import { opportunitiesProvider } from "./providers/opportunities.server";
import { skillNeedsProvider } from "./providers/skill-needs.server";

export const digestProviders: DigestProvider[] = [
  followedUpdatesProvider,
  skillNeedsProvider,
  jobsProvider,
  opportunitiesProvider,
];
