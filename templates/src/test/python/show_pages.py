"""Prints what each page of the generated Streamlit app shows, rendered against the fake app and the recording `st`
(Streamlit itself cannot run here). Run: python3 -B show_pages.py > ../../../../docs/streamlit-pages.txt
"""
import shutil
import tempfile

from fakes import FakeApp, FakePermissions, FakeSession, FakeStreamlit, load_model, run_pages, write_model

CONFIGURATIONS = [{"id": "default", "ingestionStrategy": "INCREMENTAL", "scheduleType": "INTERVAL",
                   "scheduleDefinition": "60m"}]


def daily_app(model, admin=True, status="STARTED"):
    app = FakeApp(model, status, "FINALIZED", admin=admin)
    app.config = {"connector_configuration": {"warehouse": "XS_WH", "destination_database": "GITHUB_DATA",
                                              "global_schedule": {"scheduleType": "CRON",
                                                                  "scheduleDefinition": "*/30 * * * *"},
                                              "page_size": 100},
                  "connection_configuration": {"base_url": "https://api.github.com", "api_token": "API_TOKEN_SECRET"}}
    app.resources = [
        {"ID": "r1", "NAME": "issues", "IS_ENABLED": True, "INGESTION_CONFIGURATION": CONFIGURATIONS,
         "LAST_ERROR": None},
        {"ID": "r2", "NAME": "pulls", "IS_ENABLED": False, "INGESTION_CONFIGURATION": CONFIGURATIONS,
         "LAST_ERROR": "HTTP 403 from api.github.com"}]
    app.stats = [{"RUN_DATE": "2026-12-07 06:00:00", "UPDATED_ROWS": 120},
                 {"RUN_DATE": "2026-12-07 07:00:00", "UPDATED_ROWS": 42}]
    app.runs = [{"RESOURCE_INGESTION_DEFINITION_NAME": "issues", "STARTED_AT": "2026-12-07 07:00:00",
                 "COMPLETED_AT": "2026-12-07 07:00:05", "STATUS": "COMPLETED", "INGESTED_ROWS": 42,
                 "METADATA": None}]
    return app


def scenarios(model):
    yield "Wizard, step 1 (ADMIN, configuration INSTALLED)", FakeApp(model), {}, FakePermissions()
    yield ("Wizard, step 2 (ADMIN, PREREQUISITES_DONE; warehouse bound, CREATE DATABASE not granted)",
           FakeApp(model, configuration_status="PREREQUISITES_DONE"), {},
           FakePermissions(bound={"WAREHOUSE_REFERENCE"}, held={"EXECUTE TASK"}))
    yield ("Wizard, step 3 (ADMIN, CONFIGURED; no secret bound yet)",
           FakeApp(model, configuration_status="CONFIGURED"), {}, FakePermissions())
    yield ("Wizard, step 4 (ADMIN, CONNECTED)", FakeApp(model, configuration_status="CONNECTED"), {},
           FakePermissions())
    yield ("Wizard as VIEWER (CONFIGURED)", FakeApp(model, configuration_status="CONFIGURED", admin=False), {},
           FakePermissions())
    for title in ("Status", "Resources", "Runs", "Statistics", "Configuration"):
        yield "Daily use: " + title + " (ADMIN, STARTED)", daily_app(model), {"connector_ui_page": title}, \
            FakePermissions(bound={"API_TOKEN_SECRET"})
    yield ("Daily use: Settings (ADMIN, PAUSED)", daily_app(model, status="PAUSED"),
           {"connector_ui_page": "Settings"}, FakePermissions(bound={"API_TOKEN_SECRET"}))
    yield "Daily use: Status (VIEWER)", daily_app(model, admin=False), {}, FakePermissions()
    yield "Daily use: Resources (VIEWER)", daily_app(model, admin=False), {"connector_ui_page": "Resources"}, \
        FakePermissions()


def describe(element):
    where, kind, text, details = element
    place = "" if where == "main" else "[" + where + "] "
    extra = ""
    if kind in ("checkbox", "text_input", "text_area", "selectbox", "radio") and "value" in details:
        extra = (" (password)" if details.get("type") == "password" else "") + " = " + repr(details["value"])
        if details.get("options"):
            extra += " of " + ", ".join(map(str, details["options"]))
    if kind == "dataframe":
        extra = ": " + "; ".join(", ".join(str(key) + "=" + str(value) for key, value in row.items())
                                 for row in details["rows"][:3])
    if kind == "bar_chart":
        extra = ": " + str(details["data"])
    return "  " + place + kind + ": " + text + extra


def main():
    model = load_model()
    for title, app, inputs, permissions in scenarios(model):
        folder = tempfile.mkdtemp()
        try:
            write_model(folder, model)
            st = run_pages(FakeSession(app), FakeStreamlit(inputs), folder, permissions)
        finally:
            shutil.rmtree(folder)
        print("== " + title)
        for element in st.elements:
            print(describe(element))
        print()


if __name__ == "__main__":
    main()
