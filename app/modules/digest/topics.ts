/**
 * The weekly digest's topics, for server and browser alike (the settings form lists them). The
 * database has the same list as the `digest_topic` enum; a new topic goes in both, with its words
 * in the digest namespace (topics.<topic>.*) and a provider in providers.server.ts.
 */
export const DIGEST_TOPICS = [
  "followed_updates",
  "skill_needs",
  "jobs",
  "opportunities",
] as const;
export type DigestTopic = (typeof DIGEST_TOPICS)[number];

export function isDigestTopic(value: unknown): value is DigestTopic {
  return (
    typeof value === "string" &&
    (DIGEST_TOPICS as readonly string[]).includes(value)
  );
}

/** Where "… and N more" sends the reader, per topic (site-relative). */
export const TOPIC_PAGES: Record<DigestTopic, string> = {
  followed_updates: "/me",
  skill_needs: "/volunteer",
  jobs: "/me/jobs",
  opportunities: "/invest",
};
