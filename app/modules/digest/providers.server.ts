/**
 * THE REGISTRATION POINT for digest topic providers. The weekly digest asks every provider listed
 * here, in this order (the order of the email's sections), for each batch of members.
 *
 * To add a topic (e.g. `jobs` or `opportunities` from the matching engine):
 *   1. write `app/modules/digest/providers/<topic>.server.ts` exporting a `DigestProvider`
 *      (see ./provider.ts: one set-based pass per batch of up to 500 member ids, as the service
 *      role, applying the visibility rules itself; `collect` returns items per member id for
 *      things new in [since, until));
 *   2. add it to `digestProviders` below;
 *   3. its words are already in the digest namespace (topics.jobs.*, topics.opportunities.*);
 *      reasons it gives go under `reasons.*` in all five locales.
 * The topic must be in DIGEST_TOPICS (./topics.ts) and the `digest_topic` enum; `jobs` and
 * `opportunities` are, so members can already opt out of them in /me/settings.
 */
import type { DigestProvider } from "./provider";
import { followedUpdatesProvider } from "./providers/followed-updates.server";
import { skillNeedsProvider } from "./providers/skill-needs.server";

export const digestProviders: DigestProvider[] = [
  followedUpdatesProvider,
  skillNeedsProvider,
  // jobsProvider,          — matching engine (app/modules/matching), not written yet
  // opportunitiesProvider, — matching engine (app/modules/matching), not written yet
];
