// Translations are bundled into the server build; the browser receives only the active language's
// strings through the root loader (no extra request, nothing to load before hydration).
import ar from "../../public/locales/ar/common.json";
import en from "../../public/locales/en/common.json";
import es from "../../public/locales/es/common.json";
import fil from "../../public/locales/fil/common.json";
import fr from "../../public/locales/fr/common.json";
import type { Language } from "./config";

export const resources: Record<Language, { common: typeof en }> = {
  en: { common: en },
  fil: { common: fil as typeof en },
  es: { common: es as typeof en },
  fr: { common: fr as typeof en },
  ar: { common: ar as typeof en },
};
