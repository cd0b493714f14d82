/**
 * The steps of a "planning my return" checklist, read from the administrative-steps topic as its
 * editors write it: every item of the text's top-level lists (numbered or not) is one step, as plain
 * text (Markdown emphasis and links dropped, nested lists left to the guide). Editors need nothing
 * beyond the Markdown they already write, and a member's list stays theirs when the guide changes.
 */
import { Marked, type Token, type Tokens } from "marked";

const markdown = new Marked({ gfm: true, async: false });

export const MAX_STEPS = 50;
export const MAX_STEP_LENGTH = 500;

function plain(tokens: Token[] | undefined): string {
  if (!tokens) return "";
  return tokens
    .map((token) => {
      if (token.type === "list") return "";
      if (token.type === "br" || token.type === "space") return " ";
      if ("tokens" in token && Array.isArray(token.tokens) && token.tokens.length > 0) return plain(token.tokens);
      if (token.type === "text" || token.type === "codespan" || token.type === "escape") return (token as Tokens.Text).text;
      return "";
    })
    .join("");
}

/** The steps of a topic's Markdown, in order (at most MAX_STEPS, each at most MAX_STEP_LENGTH characters). */
export function stepsFromMarkdown(text: string): string[] {
  const steps: string[] = [];
  for (const token of markdown.lexer(text)) {
    if (token.type !== "list") continue;
    for (const item of (token as Tokens.List).items) {
      const label = plain(item.tokens).replace(/\s+/g, " ").trim();
      if (label) steps.push(label.length > MAX_STEP_LENGTH ? `${label.slice(0, MAX_STEP_LENGTH - 1)}…` : label);
    }
  }
  return steps.slice(0, MAX_STEPS);
}
