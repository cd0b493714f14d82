/**
 * Form pieces beside app/components/form.tsx's Field: a select (with option groups), a textarea and
 * a file input, wired the same way (label, hint, errors through aria-describedby), plus the place
 * select that LGU and organisation forms share.
 */
import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, previousValue, type ReplyLike } from "./form";

interface Described {
  name: string;
  label: string;
  reply?: ReplyLike;
  hint?: ReactNode;
  id?: string;
}

function useDescribed({ name, reply, hint, id }: Described) {
  const inputId = id ?? `field-${name}`;
  const errors = fieldErrors(reply, name);
  const describedBy = [hint ? `${inputId}-hint` : null, errors.length ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return { inputId, errors, describedBy: describedBy || undefined };
}

function FieldFrame({
  label,
  hint,
  inputId,
  errors,
  children,
}: {
  label: string;
  hint?: ReactNode;
  inputId: string;
  errors: string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${errors.length ? " field--error" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={`${inputId}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {errors.length ? (
        <p id={`${inputId}-error`} className="field__error">
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}
export interface OptionGroup {
  label: string;
  options: Option[];
}

interface SelectFieldProps extends Described, Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> {
  options?: Option[];
  groups?: OptionGroup[];
  /** The label of an empty first option (no choice yet / none). */
  placeholder?: string;
}

export function SelectField({
  name,
  label,
  reply,
  hint,
  id,
  options = [],
  groups = [],
  placeholder,
  defaultValue,
  ...rest
}: SelectFieldProps) {
  const { inputId, errors, describedBy } = useDescribed({ name, label, reply, hint, id });
  return (
    <FieldFrame label={label} hint={hint} inputId={inputId} errors={errors}>
      <select
        id={inputId}
        name={name}
        defaultValue={previousValue(reply, name) ?? defaultValue ?? ""}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldFrame>
  );
}

interface TextareaFieldProps extends Described, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id"> {}

export function TextareaField({ name, label, reply, hint, id, defaultValue, rows = 4, ...rest }: TextareaFieldProps) {
  const { inputId, errors, describedBy } = useDescribed({ name, label, reply, hint, id });
  return (
    <FieldFrame label={label} hint={hint} inputId={inputId} errors={errors}>
      <textarea
        id={inputId}
        name={name}
        rows={rows}
        dir="auto"
        defaultValue={previousValue(reply, name) ?? defaultValue}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
    </FieldFrame>
  );
}

/** A file input: browsers never refill one, so there is no previous value to show. */
export function FileField({ name, label, reply, hint, id, accept, required }: Described & { accept?: string; required?: boolean }) {
  const { inputId, errors, describedBy } = useDescribed({ name, label, reply, hint, id });
  return (
    <FieldFrame label={label} hint={hint} inputId={inputId} errors={errors}>
      <input
        id={inputId}
        name={name}
        type="file"
        accept={accept}
        required={required}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

export interface PlaceGroupView {
  countryName: string;
  places: { id: string; name: string; parentName: string | null }[];
}

/** Places grouped by country: "Naga City (Camarines Sur)" under "Philippines". */
export function PlaceSelect(props: Omit<SelectFieldProps, "groups" | "options"> & { placeGroups: PlaceGroupView[] }) {
  const { placeGroups, ...rest } = props;
  const groups = placeGroups.map((group) => ({
    label: group.countryName,
    options: group.places.map((place) => ({
      value: place.id,
      label: place.parentName ? `${place.name} (${place.parentName})` : place.name,
    })),
  }));
  return <SelectField {...rest} groups={groups} />;
}

/**
 * A checkbox with its label after it, its hint and errors. Without JavaScript an unticked box
 * sends nothing, so the previous value of a refused form is "on" or missing.
 */
export function CheckboxField({ name, label, reply, hint, id, defaultChecked }: Described & { defaultChecked?: boolean }) {
  const { inputId, errors, describedBy } = useDescribed({ name, label, reply, hint, id });
  const { t } = useTranslation();
  const previous = reply?.initialValue ? previousValue(reply, name) === "on" : undefined;
  return (
    <div className={`field${errors.length ? " field--error" : ""}`}>
      <span className="check">
        <input type="checkbox" id={inputId} name={name} defaultChecked={previous ?? defaultChecked} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy} />
        <label htmlFor={inputId}>{label}</label>
      </span>
      {hint ? (
        <p id={`${inputId}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${inputId}-error`} className="field__error">
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
