"""The daily-use pages: status, resources, runs, statistics, configuration (all roles) and settings (ADMIN).

Controls that change something are drawn for ADMIN only; the client refuses those calls for anyone else anyway.
"""
import json

from connector_ui import wizard
from connector_ui.pages import Page

SYNC_TEXT = {
    "SYNCING_DATA": "Syncing data",
    "NOT_SYNCING": "Not syncing",
    "PAUSED": "Syncing paused",
}

DEFAULT_CONFIGURATION_ID = "default"


def status_page(ctx):
    st = ctx.st
    status = ctx.status
    st.header("Status")
    left, right = st.columns(2)
    left.metric("Connector", str(status.get("status")))
    right.metric("Configuration", str(status.get("configurationStatus")))
    st.write(sync_text(ctx.client.rows("SYNC_STATUS")))
    if ctx.is_admin:
        pause_or_resume(ctx)


def sync_text(rows):
    if not rows:
        return "Sync status unknown"
    row = rows[0]
    if row.get("STATUS") == "LAST_SYNCED":
        return "Last sync: " + str(row.get("LAST_SYNCED_AT"))
    return SYNC_TEXT.get(row.get("STATUS"), str(row.get("STATUS")))


def pause_or_resume(ctx):
    state = ctx.status.get("status")
    if state == "STARTED":
        if ctx.st.button("Pause the connector", key="pause"):
            ctx.act(ctx.client.call("PAUSE_CONNECTOR"))
    elif state == "PAUSED":
        if ctx.st.button("Resume the connector", key="resume"):
            ctx.act(ctx.client.call("RESUME_CONNECTOR"))


def resources_page(ctx):
    st = ctx.st
    st.header("Resources")
    definitions = {row["ID"]: row for row in ctx.client.rows("INGESTION_DEFINITIONS")}
    statuses = ctx.client.rows("RESOURCE_STATUS", order_by="NAME")
    if not statuses:
        st.write("No resources yet.")
    for row in statuses:
        resource_id = row["RESOURCE_INGESTION_DEFINITION_ID"]
        enabled = bool(row.get("IS_ENABLED"))
        st.subheader(str(row.get("NAME")))
        configurations = _configurations(definitions.get(resource_id, {}))
        st.write(("Enabled" if enabled else "Disabled") + " · process " + str(row.get("PROCESS_STATUS"))
                 + " · next run " + str(row.get("NEXT_RUN_AT")) + " · " + schedule_text(configurations))
        if row.get("LAST_ERROR"):
            st.error("Last error: " + str(row["LAST_ERROR"]))
        if ctx.is_admin:
            resource_controls(ctx, resource_id, enabled, configurations)
    if ctx.is_admin:
        add_resource(ctx)


def schedule_text(configurations):
    if not configurations:
        return "no schedule"
    return ", ".join(str(item.get("scheduleType")) + (" " + str(item["scheduleDefinition"])
                                                      if item.get("scheduleDefinition") else "")
                     for item in configurations)


def resource_controls(ctx, resource_id, enabled, configurations):
    st = ctx.st
    left, middle = st.columns(2)
    if enabled:
        if left.button("Disable", key="disable_" + resource_id):
            ctx.act(ctx.client.call("DISABLE_RESOURCE", resource_id))
        if middle.button("Run now", key="run_" + resource_id):
            ctx.act(ctx.client.call("RUN_INGESTION_NOW", resource_id))
    elif left.button("Enable", key="enable_" + resource_id):
        ctx.act(ctx.client.call("ENABLE_RESOURCE", resource_id))
    if not configurations:
        return
    first = configurations[0]
    with st.form("schedule_" + resource_id):
        schedule_type = st.selectbox("Schedule type", ctx.model.schedule_types,
                                     index=_index(ctx.model.schedule_types, first.get("scheduleType")),
                                     key="schedule_type_" + resource_id)
        definition = st.text_input("Schedule (60m, 2h, 1d, or a cron expression; empty for GLOBAL)",
                                   value=str(first.get("scheduleDefinition") or ""),
                                   key="schedule_definition_" + resource_id)
        submitted = st.form_submit_button("Update the schedule")
    if submitted:
        updated = [dict(item, scheduleType=schedule_type, scheduleDefinition=definition.strip() or None)
                   for item in configurations]
        ctx.act(ctx.client.call("UPDATE_RESOURCE", resource_id, updated))


def add_resource(ctx):
    st = ctx.st
    st.subheader("Add a resource")
    with st.form("add_resource"):
        name = st.text_input("Name *", key="resource_name")
        resource_id = st.text_area("Resource id (a JSON object; empty: {\"name\": <name>})", value="",
                                   key="resource_id")
        strategy = st.selectbox("Ingestion strategy", ctx.model.ingestion_strategies, key="resource_strategy")
        schedule_type = st.selectbox("Schedule type", ctx.model.schedule_types, key="resource_schedule_type")
        definition = st.text_input("Schedule (60m, 2h, 1d, or a cron expression; empty for GLOBAL)", value="60m",
                                   key="resource_schedule")
        enabled = st.checkbox("Enable it now", value=True, key="resource_enabled")
        submitted = st.form_submit_button("Add the resource")
    if not submitted:
        return
    name = (name or "").strip()
    if not name:
        st.error("Name is required; enter the resource's name")
        return
    if (resource_id or "").strip():
        try:
            identity = json.loads(resource_id)
        except ValueError as error:
            st.error("Resource id is not JSON (" + str(error) + "); enter an object such as {\"repository\": \"x\"}")
            return
    else:
        identity = {"name": name}
    configuration = {"id": DEFAULT_CONFIGURATION_ID, "ingestionStrategy": strategy, "scheduleType": schedule_type}
    if (definition or "").strip():
        configuration["scheduleDefinition"] = definition.strip()
    ctx.act(ctx.client.call("CREATE_RESOURCE", name, identity, [configuration], None, bool(enabled)))


def runs_page(ctx):
    st = ctx.st
    st.header("Runs")
    statuses = ctx.client.rows("RESOURCE_STATUS", order_by="NAME")
    failing = [row for row in statuses if row.get("LAST_ERROR")]
    for row in failing:
        st.error(str(row.get("NAME")) + ": " + str(row["LAST_ERROR"]) + " (attempts: " + str(row.get("ATTEMPTS"))
                 + ")")
    if not failing:
        st.success("No resource reports an error.")
    st.subheader("Last run of each resource")
    st.dataframe([{"resource": row.get("NAME"), "status": row.get("LAST_RUN_STATUS"),
                   "started": row.get("LAST_RUN_STARTED_AT"), "completed": row.get("LAST_RUN_COMPLETED_AT"),
                   "rows": row.get("LAST_RUN_ROWS"), "last error": row.get("LAST_ERROR")} for row in statuses])
    st.subheader("Recent runs")
    st.dataframe(ctx.client.recent_runs())


def statistics_page(ctx):
    st = ctx.st
    st.header("Statistics")
    rows = ctx.client.hourly_statistics()
    if not rows:
        st.info("No rows were ingested in the last 24 hours.")
        return
    st.bar_chart({"hour": [str(row["RUN_DATE"]) for row in rows],
                  "rows": [row.get("UPDATED_ROWS") or 0 for row in rows]}, x="hour", y="rows")
    st.caption("Rows ingested per hour over the last 24 hours: " + str(sum(row.get("UPDATED_ROWS") or 0
                                                                            for row in rows)))


def configuration_page(ctx):
    st = ctx.st
    st.header("Configuration")
    st.dataframe([{"group": row.get("CONFIG_GROUP"), "key": row.get("CONFIG_KEY"), "value": row.get("VALUE")}
                  for row in ctx.client.rows("CONNECTOR_CONFIGURATION")])


def settings_page(ctx):
    """Update the warehouse and the connection: both need the connector paused (spec §3.6, §3.9)."""
    st = ctx.st
    st.header("Settings")
    if ctx.status.get("status") != "PAUSED":
        st.info("Updating the warehouse or the connection needs the connector paused; it is "
                + str(ctx.status.get("status")) + ".")
        pause_or_resume(ctx)
        return
    st.subheader("Warehouse")
    stored = ctx.client.configuration("connector_configuration")
    with st.form("update_warehouse"):
        warehouse = st.text_input("Warehouse", value=str(stored.get("warehouse") or ""), key="warehouse")
        submitted = st.form_submit_button("Update the warehouse")
    if submitted:
        if not (warehouse or "").strip():
            st.error("Warehouse is required; enter a warehouse name such as MY_WAREHOUSE")
        else:
            ctx.act(ctx.client.call("UPDATE_WAREHOUSE", warehouse.strip()))
    st.subheader("Connection")
    wizard.connection(ctx, procedure="UPDATE_CONNECTION_CONFIGURATION", submit="Update and test the connection")
    pause_or_resume(ctx)


def _configurations(definition):
    value = definition.get("INGESTION_CONFIGURATION")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def _index(options, value):
    return options.index(value) if value in options else 0


PAGES = [
    Page("status", "Status", status_page),
    Page("resources", "Resources", resources_page),
    Page("runs", "Runs", runs_page),
    Page("statistics", "Statistics", statistics_page),
    Page("configuration", "Configuration", configuration_page),
    Page("settings", "Settings", settings_page, admin_only=True),
]
