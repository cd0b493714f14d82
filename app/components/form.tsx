import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

/** What an action returned: errors by field name ("" = the whole form), as translation keys. */
export interface ReplyLike {
  error?: Record<string, string[] | null> | null;
  initialValue?: Record<string, unknown> | null;
}

export function fieldErrors(reply: ReplyLike | undefined, name: string): string[] {
  return reply?.error?.[name] ?? [];
}

export function previousValue(reply: ReplyLike | undefined, name: string): string | undefined {
  const value = reply?.initialValue?.[name];
  return typeof value === "string" ? value : undefined;
}

/** Errors about the whole form, announced to screen readers and focusable from the top. */
export function FormErrors({ reply }: { reply: ReplyLike | undefined }) {
  const { t } = useTranslation();
  const errors = fieldErrors(reply, "");
  const anyField = reply?.error && Object.entries(reply.error).some(([k, v]) => k !== "" && v?.length);
  if (!errors.length && !anyField) return null;
  return (
    <div className="form-errors" role="alert">
      <p>{t("forms.fixErrors")}</p>
      {errors.length ? (
        <ul>
          {errors.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: string;
  reply?: ReplyLike;
  hint?: ReactNode;
}

/** The frame every field shares: label, hint, the control, and its translated errors, wired together. */
export function FieldFrame({
  inputId,
  label,
  hint,
  errors,
  children,
}: {
  inputId: string;
  label: string;
  hint?: ReactNode;
  errors: string[];
  children: (wiring: { "aria-invalid": true | undefined; "aria-describedby": string | undefined }) => ReactNode;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${inputId}-hint` : null, errors.length ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${errors.length ? " field--error" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={`${inputId}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ "aria-invalid": errors.length ? true : undefined, "aria-describedby": describedBy || undefined })}
      {errors.length ? (
        <p id={`${inputId}-error`} className="field__error">
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and translated errors wired through aria-describedby. */
export function Field({ name, label, reply, hint, id, defaultValue, type = "text", ...rest }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const value = type === "password" ? undefined : (previousValue(reply, name) ?? defaultValue);
  return (
    <FieldFrame inputId={inputId} label={label} hint={hint} errors={fieldErrors(reply, name)}>
      {(wiring) => <input id={inputId} name={name} type={type} defaultValue={value} {...wiring} {...rest} />}
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> {
  name: string;
  label: string;
  reply?: ReplyLike;
  hint?: ReactNode;
}

/** A labelled textarea with its hint and translated errors, like Field. */
export function TextAreaField({ name, label, reply, hint, id, defaultValue, rows = 4, ...rest }: TextAreaFieldProps) {
  const inputId = id ?? `field-${name}`;
  const value = previousValue(reply, name) ?? (typeof defaultValue === "string" ? defaultValue : undefined);
  return (
    <FieldFrame inputId={inputId} label={label} hint={hint} errors={fieldErrors(reply, name)}>
      {(wiring) => <textarea id={inputId} name={name} rows={rows} defaultValue={value} {...wiring} {...rest} />}
    </FieldFrame>
  );
}

/** A submit button that says it is working while the form is being sent (with JavaScript). */
export function SubmitButton({ children, busy, busyLabel }: { children: ReactNode; busy?: boolean; busyLabel?: string }) {
  return (
    <button type="submit" className="button" aria-disabled={busy || undefined}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
