"""Routing on every run (spec §6.5): ERROR → the error page; CONFIGURING → the wizard; otherwise the daily-use pages.

The pages a user sees depend on the application role Snowflake reports for the session: VIEWER gets the read-only
pages, ADMIN every page (https://docs.snowflake.com/en/sql-reference/functions/is_application_role_in_session).
"""
from connector_ui import daily, wizard
from connector_ui.client import ConnectorClient
from connector_ui.context import Context, Permissions
from connector_ui.model import ConnectorModel
from connector_ui.pages import DAILY, WIZARD, load_extensions, merge, visible

RECOVERABLE = ("STARTED", "PAUSED")


def built_in_pages():
    return list(wizard.STEPS) + list(daily.PAGES)


def run(st, session, folder, permissions=None):
    model = ConnectorModel.load(folder)
    ctx = Context(st, ConnectorClient(session, model.procedures), model,
                  permissions if permissions is not None else Permissions(), folder)
    pages = merge(built_in_pages(), load_extensions(folder))
    st.title(model.label)
    ctx.last_message()
    state = ctx.status.get("status")
    if state == "UNKNOWN":
        st.error("The connector's status cannot be read: " + str(ctx.status.get("message")))
    elif state == "ERROR":
        error_page(ctx)
    elif state == "CONFIGURING":
        wizard.render(ctx, [page for page in pages if page.phase == WIZARD])
    else:
        daily_use(ctx, pages)
    return ctx


def daily_use(ctx, pages):
    shown = visible(pages, DAILY, ctx.is_admin)
    titles = [page.title for page in shown]
    chosen = ctx.st.sidebar.radio("Page", titles, index=0, key="connector_ui_page")
    shown[titles.index(chosen) if chosen in titles else 0].render(ctx)


def error_page(ctx):
    st = ctx.st
    st.error("The connector is in ERROR: a pause or resume failed half-way. An ADMIN sets the status it really has.")
    if not ctx.is_admin:
        return
    target = st.selectbox("The connector's actual status", RECOVERABLE, key="recover_status")
    if st.button("Recover the connector's status", key="recover"):
        ctx.act(ctx.client.call("RECOVER_CONNECTOR_STATE", target))
