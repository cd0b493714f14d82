/**
 * Project descriptions are written in Markdown (paragraphs, **bold**, *italic*, lists, links, a
 * quote, small headings) and shown as HTML. Whatever the text holds, only that HTML survives:
 * marked turns the Markdown into HTML (passing raw HTML through, as Markdown does), then
 * sanitize-html keeps an allow-list of tags and attributes, drops script and style elements with
 * their content, drops every event handler, and keeps links only to http(s) and mailto, marked
 * nofollow (user content). Rendered on the server; pages ship no script to do it.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const markdown = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code"],
  // rel is set by the transform below (merged over any rel the text gave).
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // The page's own headings are h1 and h2: a description's headings sit below them.
  transformTags: {
    h1: "h3",
    h2: "h3",
    h5: "h4",
    h6: "h4",
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener ugc" }),
  },
};

/** Safe HTML for a description written in Markdown (an empty string for empty text). */
export function renderDescription(text: string): string {
  if (!text.trim()) return "";
  const html = markdown.parse(text) as string;
  return sanitizeHtml(html, SANITIZE);
}
