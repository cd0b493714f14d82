import { useTranslation } from "react-i18next";
import type { Toast } from "~/utils/toast.server";


/**
 * The message flashed by the previous request. Server-rendered, so it shows without JavaScript;
 * the dismiss link simply reloads the page without it. role=status lets screen readers announce it.
 */
export function ToastMessage({ toast, dismissHref }: { toast: Toast | null; dismissHref: string }) {
  const { t } = useTranslation();
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className={`toast toast--${toast.type}`} data-toast-id={toast.id}>
          <p>{t(toast.messageKey, toast.values)}</p>
          <a href={dismissHref} className="toast__dismiss" aria-label={t("toast.dismiss")}>
            ×
          </a>
        </div>
      ) : null}
    </div>
  );
}
