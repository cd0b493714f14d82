import { describe, expect, it } from "vitest";
import { renderDescription } from "../../app/modules/projects/rich-text.server";

describe("project descriptions", () => {
  it("formats Markdown: paragraphs, emphasis, lists, links, headings below the page's own", () => {
    expect(renderDescription("First **bold** and *soft*.\n\nSecond paragraph.")).toBe("<p>First <strong>bold</strong> and <em>soft</em>.</p>\n<p>Second paragraph.</p>\n");
    expect(renderDescription("- pipes\n- cement")).toBe("<ul>\n<li>pipes</li>\n<li>cement</li>\n</ul>\n");
    expect(renderDescription("# Plan")).toBe("<h3>Plan</h3>\n");
    expect(renderDescription("[The plan](https://naga.gov.ph/ldip)")).toBe('<p><a href="https://naga.gov.ph/ldip" rel="nofollow noopener ugc">The plan</a></p>\n');
  });

  it("removes scripts with their content, event handlers, styles, frames, forms and images", () => {
    const attacks = [
      '<script>alert("x")</script>Hello',
      'Hello<img src=x onerror="alert(1)">',
      '<p onclick="alert(1)" style="color:red">Hello</p>',
      "<style>body{display:none}</style>Hello",
      '<iframe src="https://evil.example"></iframe>Hello',
      '<form action="https://evil.example"><input name="p"></form>Hello',
      "<svg><script>alert(1)</script></svg>Hello",
    ];
    for (const attack of attacks) {
      const html = renderDescription(attack);
      expect(html, attack).toContain("Hello");
      expect(html, attack).not.toMatch(/<script|onerror|onclick|style|<iframe|<form|<input|<img|<svg|alert/i);
    }
  });

  it("keeps only http(s) and mailto links", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/x"]) {
      const html = renderDescription(`[click](${href}) and <a href="${href}">this</a>`);
      expect(html, href).not.toMatch(/href=/);
    }
    expect(renderDescription("<a href=\"mailto:mayor@naga.gov.ph\">Write</a>")).toContain('href="mailto:mayor@naga.gov.ph"');
  });

  it("is empty for empty text", () => {
    expect(renderDescription("  \n ")).toBe("");
  });
});
