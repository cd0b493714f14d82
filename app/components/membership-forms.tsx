import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SubmitButton, type ReplyLike } from "./form";
import { SelectField } from "./form-extra";

/** Invite someone by email with a role: the same form for LGU staff and organisation members. */
export function InviteForm({
  title,
  intro,
  roles,
  defaultRole,
  reply,
}: {
  title: string;
  intro: string;
  roles: readonly string[];
  defaultRole: string;
  reply?: ReplyLike;
}) {
  const { t } = useTranslation("organisations");
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{title}</h2>
      <p>{intro}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <Field name="email" type="email" label={t("fields.email")} reply={reply} required autoComplete="off" />
        <SelectField
          name="role"
          label={t("fields.role")}
          reply={reply}
          defaultValue={defaultRole}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <SubmitButton>{t("members.inviteSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}

/** Leave an LGU's staff or an organisation (the database refuses it for the last admin/officer). */
export function LeaveSection({ title, intro, label }: { title: string; intro: string; label: string }) {
  return (
    <section aria-labelledby="leave-title">
      <h2 id="leave-title">{title}</h2>
      <p>{intro}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="leave" />
        <button type="submit" className="button button--danger">
          {label}
        </button>
      </Form>
    </section>
  );
}
