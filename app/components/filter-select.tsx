/**
 * One filter of a list page's search form (projects, jobs, opportunities, services, volunteering):
 * a labelled select that submits with the plain GET form, with an "any" choice first.
 */
export function FilterSelect({
  id,
  name = id,
  label,
  value,
  any,
  options,
}: {
  id: string;
  /** The query parameter, when the element's id must differ from it. */
  name?: string;
  label: string;
  value: string | number | undefined | null;
  any: string;
  options: { value: string | number; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
