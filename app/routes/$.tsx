import { ErrorPage } from "~/components/error-page";

// Any path no route claims: a real 404 status with the translated page.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
