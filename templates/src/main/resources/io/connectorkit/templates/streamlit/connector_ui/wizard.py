"""The configuration wizard (spec §6.5): prerequisites, connector configuration, connection, finalization.

It resumes at the step the connector's configurationStatus calls for; an ADMIN may go back to an earlier step. Each
step calls the app's procedures and shows their response messages. A VIEWER sees the progress only.
"""
import json

from connector_ui import fields as typed
from connector_ui.pages import WIZARD, Page

# The configurationStatus each step starts from (spec §1): INSTALLED → PREREQUISITES_DONE → CONFIGURED → CONNECTED.
STEP_ORDER = ("INSTALLED", "PREREQUISITES_DONE", "CONFIGURED", "CONNECTED")

LINKS = (("Learn more", "learnMoreUrl"), ("Documentation", "documentationUrl"), ("Guide", "guideUrl"))


def current_index(steps, configuration_status):
    """The step to show for a configurationStatus: the one that starts from it (the last one once CONNECTED)."""
    for index, step in enumerate(steps):
        if step.step_status == configuration_status:
            return index
    return 0


def render(ctx, steps):
    st = ctx.st
    status = ctx.status
    index = current_index(steps, status.get("configurationStatus"))
    st.caption("Status: " + str(status.get("status")) + " · configuration: " + str(status.get("configurationStatus")))
    if not ctx.is_admin:
        st.info("The connector is being configured: step " + str(index + 1) + " of " + str(len(steps)) + ", "
                + steps[index].title + ". An ADMIN completes the wizard; this page shows its progress.")
        prerequisites_read_only(ctx)
        return
    reachable = steps[:index + 1]
    titles = [step.title for step in reachable]
    chosen = st.sidebar.radio("Wizard step", titles, index=len(titles) - 1, key="connector_ui_wizard_step")
    if st.sidebar.button("Reset configuration", key="connector_ui_reset"):
        ctx.act(ctx.client.call("RESET_CONFIGURATION"))
    reachable[titles.index(chosen) if chosen in titles else len(titles) - 1].render(ctx)


def prerequisites(ctx):
    st = ctx.st
    st.header("Prerequisites")
    stored = {row["ID"]: row for row in ctx.client.rows("PREREQUISITES")}
    items = ctx.model.prerequisites or [_from_view(row) for row in stored.values()]
    if not items:
        st.write("This connector has no prerequisites.")
    for item in items:
        done = bool(stored.get(item["id"], {}).get("IS_COMPLETED"))
        checked = st.checkbox(item["title"], value=done, key="prerequisite_" + item["id"])
        if item.get("description"):
            st.caption(item["description"])
        links = ["[" + label + "](" + item[key] + ")" for label, key in LINKS if item.get(key)]
        if links:
            st.markdown(" · ".join(links))
        if bool(checked) != done:
            ctx.act(ctx.client.call("UPDATE_PREREQUISITE", item["id"], bool(checked)))
    left, right = st.columns(2)
    if items and left.button("Mark all as done", key="prerequisites_all_done"):
        ctx.act(ctx.client.call("MARK_ALL_PREREQUISITES_AS_DONE"))
    if right.button("Continue to the connector configuration", key="prerequisites_complete"):
        ctx.act(ctx.client.call("COMPLETE_PREREQUISITES_STEP"))


def prerequisites_read_only(ctx):
    stored = {row["ID"]: row for row in ctx.client.rows("PREREQUISITES")}
    for item in ctx.model.prerequisites or [_from_view(row) for row in stored.values()]:
        done = bool(stored.get(item["id"], {}).get("IS_COMPLETED"))
        ctx.st.write(("✔ " if done else "✗ ") + item["title"])


def connector_configuration(ctx):
    st = ctx.st
    st.header("Connector configuration")
    account_access(ctx)
    stored = ctx.client.configuration("connector_configuration")
    all_fields = ctx.model.standard_fields + ctx.model.connector_fields
    with st.form("connector_configuration"):
        raws = {field.name: typed.render_input(st, field, stored.get(field.name), "connector_" + field.name)
                for field in all_fields}
        submitted = st.form_submit_button("Save the connector configuration")
    if submitted:
        values, problems = typed.collect(all_fields, raws)
        if problems:
            for problem in problems:
                st.error(problem)
            return
        ctx.act(ctx.client.call("CONFIGURE_CONNECTOR", values))


def connection(ctx, procedure="SET_CONNECTION_CONFIGURATION", submit="Save and test the connection"):
    """The connection step; the settings page reuses it for UPDATE_CONNECTION_CONFIGURATION. The procedure tests
    the connection itself and answers the test's message (spec §3.5, §3.6).

    A secret field takes a typed value (a password input, never prefilled) that SET_SECRET keeps in the app's own
    SECRET before the connection is saved, or the SECRET the consumer binds to its reference. The typed value goes
    only to SET_SECRET, as a bound parameter; the form forgets it once submitted
    (https://docs.streamlit.io/develop/api-reference/execution-flow/st.form, clear_on_submit)."""
    st = ctx.st
    fields = ctx.model.connection_fields
    secrets = [field for field in fields if field.secret]
    plain = [field for field in fields if not field.secret]
    stored = ctx.client.configuration("connection_configuration")
    typable = typed.SET_SECRET in ctx.model.procedures
    current = {field.name: secret_binding(ctx, field, stored.get(field.name) is not None, typable)
               for field in secrets}
    with st.form("connection_" + procedure.lower(), clear_on_submit=True):
        raws = {field.name: typed.render_input(st, field, stored.get(field.name), "connection_" + field.name)
                for field in plain}
        entered = {field.name: typed.render_secret_input(st, field, "connection_" + field.name)
                   for field in secrets if typable and current[field.name] != BOUND}
        submitted = st.form_submit_button(submit)
    if submitted:
        values, problems = typed.collect(plain, raws)
        new_secrets = []
        for field in secrets:
            if entered.get(field.name):
                new_secrets.append((field, entered[field.name]))
                values[field.name] = field.reference
            elif current[field.name]:
                values[field.name] = field.reference
            elif field.required:
                problems.append(field.name + ": " + ("type the secret, or choose an existing SECRET for "
                                                     + field.reference if typable else
                                                     "choose the secret for " + field.reference + " first"))
        if problems:
            for problem in problems:
                st.error(problem)
            return
        for field, value in new_secrets:
            response = ctx.client.call(typed.SET_SECRET, field.name, value)
            if not response.ok:
                ctx.show(response)
                return
        ctx.act(ctx.client.call(procedure, values))


def connection_step(ctx):
    ctx.st.header("Connection")
    connection(ctx)


def finalize(ctx):
    st = ctx.st
    st.header("Finalize")
    st.write("Finalizing checks the source, creates what the connector needs and starts ingesting.")
    with st.form("finalize"):
        custom = st.text_area("Custom configuration (a JSON object)", value="{}", key="finalize_custom")
        submitted = st.form_submit_button("Finalize the configuration")
    if submitted:
        try:
            value = json.loads(custom or "{}")
        except ValueError as error:
            st.error("The custom configuration is not JSON (" + str(error) + "); enter an object such as {}")
            return
        if not isinstance(value, dict):
            st.error("The custom configuration must be a JSON object, such as {}")
            return
        ctx.act(ctx.client.call("FINALIZE_CONNECTOR_CONFIGURATION", value))


# What a secret field has: a SECRET bound to its reference, or a secret the app keeps (or may have, when the page
# cannot tell), or nothing (falsy).
BOUND = "bound"
KEPT = "kept"


def secret_binding(ctx, field, stored, typable):
    """What the field's secret is (BOUND, KEPT or None), shown, with the binding offered while none is bound."""
    st = ctx.st
    permissions = ctx.permissions
    alternative = "type it below, or " if typable else ""
    if not permissions.available:
        st.info(field.label + ": " + alternative + "bind a SECRET to the reference " + field.reference
                + " in Snowsight (the app's Security tab), or run connector:configure with the value.")
        return KEPT
    if permissions.is_bound(field.reference):
        st.write("🔒 " + field.label + ": a secret is bound to " + field.reference
                 + (" (remove the binding to type a value instead)" if typable else ""))
        return BOUND
    if typable and stored:
        st.write("🔒 " + field.label + ": a secret is set; type a new value to replace it, or leave the box empty "
                 "to keep it")
    else:
        st.warning(field.label + ": no secret is bound to " + field.reference + " yet"
                   + ("; type it below, or choose an existing SECRET" if typable else ""))
    if st.button("Choose the secret for " + field.label, key="bind_" + field.reference):
        permissions.request_reference(field.reference)
    return KEPT if typable and stored else None


def account_access(ctx):
    """The references the consumer binds and, under manifest version 1, the privileges the consumer grants."""
    st = ctx.st
    permissions = ctx.permissions
    for reference in ctx.model.references:
        label = reference.get("label") or reference["name"]
        if not permissions.available:
            st.info(label + ": bind the reference " + reference["name"] + " in Snowsight (the app's Security tab).")
        elif permissions.is_bound(reference["name"]):
            st.write("✔ " + label + " is bound")
        else:
            st.warning(label + " is not bound yet: " + (reference.get("description") or reference["name"]))
            if st.button("Choose " + label, key="bind_" + reference["name"]):
                permissions.request_reference(reference["name"])
    if ctx.model.manifest_version < 2 and ctx.model.privileges:
        missing = permissions.missing_privileges([privilege["name"] for privilege in ctx.model.privileges])
        if missing:
            st.warning("The app needs the account privileges " + ", ".join(missing))
            if permissions.available and st.button("Grant the privileges", key="grant_privileges"):
                permissions.request_privileges(missing)


def _from_view(row):
    return {"id": row["ID"], "title": row.get("TITLE") or row["ID"], "description": row.get("DESCRIPTION"),
            "learnMoreUrl": row.get("LEARNMORE_URL"), "documentationUrl": row.get("DOCUMENTATION_URL"),
            "guideUrl": row.get("GUIDE_URL")}


STEPS = [
    Page("prerequisites", "1. Prerequisites", prerequisites, admin_only=True, phase=WIZARD,
         step_status="INSTALLED"),
    Page("connector_configuration", "2. Connector configuration", connector_configuration, admin_only=True,
         phase=WIZARD, step_status="PREREQUISITES_DONE"),
    Page("connection", "3. Connection", connection_step, admin_only=True, phase=WIZARD, step_status="CONFIGURED"),
    Page("finalize", "4. Finalize", finalize, admin_only=True, phase=WIZARD, step_status="CONNECTED"),
]
