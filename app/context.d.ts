import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    /** The caller's IP as Express sees it (trust proxy in production), for rate limits. */
    clientIp?: string;
    /** A client-side navigation's data request (?_data=…), not a document request. */
    dataRequest?: boolean;
  }
}
