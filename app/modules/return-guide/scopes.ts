/** Where each guide's editors' and readers' pages live: the national guide's, and an LGU's. */
export const NATIONAL_SCOPE = { lguId: null, base: "/admin/return-guide", publicBase: "/return" };

export function lguScope(lgu: { id: string; slug: string }) {
  return { lguId: lgu.id as string | null, base: `/manage/${lgu.slug}/return-guide`, publicBase: `/lgus/${lgu.slug}/return` };
}
