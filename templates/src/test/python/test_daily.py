"""The daily-use pages against the fake app: what ADMIN and VIEWER see, and the calls behind each control."""
import unittest

from pages_test_case import PagesTestCase


def page(name):
    return {"connector_ui_page": name}


class DailyUseTestCase(PagesTestCase):
    status = "STARTED"
    configuration_status = "FINALIZED"

    def setUp(self):
        super().setUp()
        configurations = [{"id": "default", "ingestionStrategy": "INCREMENTAL", "scheduleType": "INTERVAL",
                           "scheduleDefinition": "60m"}]
        self.app.resources = [
            {"ID": "r1", "NAME": "issues", "IS_ENABLED": True, "INGESTION_CONFIGURATION": configurations,
             "LAST_ERROR": None},
            {"ID": "r2", "NAME": "pulls", "IS_ENABLED": False, "INGESTION_CONFIGURATION": configurations,
             "LAST_ERROR": "HTTP 403 from api.github.com"}]


class NavigationTest(DailyUseTestCase):

    def test_an_admin_gets_every_page_and_a_viewer_the_read_only_ones(self):
        admin = self.open()
        self.app.admin = False
        self.session_state.clear()
        viewer_session = type(self.session)(self.app)
        self.session = viewer_session
        viewer = self.open()

        self.assertEqual(["Status", "Resources", "Runs", "Statistics", "Configuration", "Settings"],
                         _radio(admin)["options"])
        self.assertEqual(["Status", "Resources", "Runs", "Statistics", "Configuration"], _radio(viewer)["options"])


class StatusPageTest(DailyUseTestCase):

    def test_it_shows_the_status_and_sync_and_pauses_for_an_admin(self):
        st = self.open(clicks={"pause"})

        self.assertEqual([("PAUSE_CONNECTOR", [])], self.calls())
        self.assertEqual(["Connector successfully paused."], st.texts("success"))
        self.assertEqual(["Connector: PAUSED", "Configuration: FINALIZED"], st.texts("metric"))
        self.assertEqual(["Syncing paused"], st.texts("write"))
        self.assertEqual(["Resume the connector"], st.texts("button"))

    def test_a_viewer_sees_the_status_without_pause_or_resume(self):
        self.app.admin = False

        st = self.open(clicks={"pause"})

        self.assertEqual(["Connector: STARTED", "Configuration: FINALIZED"], st.texts("metric"))
        self.assertEqual(["Syncing data"], st.texts("write"))
        self.assertEqual([], st.texts("button"))
        self.assertEqual([], self.calls())


class ResourcesPageTest(DailyUseTestCase):

    def test_it_lists_the_resources_with_their_schedule_and_last_error(self):
        st = self.open(page("Resources"))

        self.assertEqual(["issues", "pulls", "Add a resource"], st.texts("subheader"))
        self.assertIn("Enabled · process SCHEDULED · next run 2026-12-07 09:00:00 · INTERVAL 60m", st.texts("write"))
        self.assertEqual(["Last error: HTTP 403 from api.github.com"], st.texts("error"))
        self.assertEqual(["Disable", "Run now", "Enable"], st.texts("button"))

    def test_enable_disable_and_run_now_call_their_procedures(self):
        self.open(page("Resources"), clicks={"enable_r2"})
        self.open(page("Resources"), clicks={"disable_r1"})
        self.app.resources[0]["IS_ENABLED"] = True
        self.open(page("Resources"), clicks={"run_r1"})

        self.assertEqual([("ENABLE_RESOURCE", ["r2"]), ("DISABLE_RESOURCE", ["r1"]), ("RUN_INGESTION_NOW", ["r1"])],
                         self.calls())

    def test_the_schedule_is_updated_for_every_configuration_of_the_resource(self):
        st = self.open(dict(page("Resources"), schedule_type_r1="CRON", schedule_definition_r1="0 6 * * *"),
                       clicks={"schedule_r1"})

        self.assertEqual([("UPDATE_RESOURCE", ["r1", '[{"id": "default", "ingestionStrategy": "INCREMENTAL", '
                                                     '"scheduleType": "CRON", "scheduleDefinition": "0 6 * * *"}]'])],
                         self.calls())
        self.assertEqual(["Resource successfully updated."], st.texts("success"))

    def test_adding_a_resource_sends_its_id_and_ingestion_configuration(self):
        self.open(dict(page("Resources"), resource_name="discussions", resource_id='{"repo": "acme/api"}',
                       resource_strategy="SNAPSHOT", resource_schedule_type="INTERVAL", resource_schedule="2h"),
                  clicks={"add_resource"})

        self.assertEqual([("CREATE_RESOURCE", ["discussions", '{"repo": "acme/api"}',
                                               '[{"id": "default", "ingestionStrategy": "SNAPSHOT", '
                                               '"scheduleType": "INTERVAL", "scheduleDefinition": "2h"}]',
                                               None, True])], self.calls())

    def test_a_resource_without_a_name_or_with_a_bad_id_is_refused_before_the_call(self):
        nameless = self.open(page("Resources"), clicks={"add_resource"})
        bad_id = self.open(dict(page("Resources"), resource_name="x", resource_id="{oops"), clicks={"add_resource"})

        self.assertEqual([], self.calls())
        self.assertIn("Name is required; enter the resource's name", nameless.texts("error"))
        self.assertTrue(bad_id.has("error", "Resource id is not JSON"))

    def test_a_viewer_sees_the_list_only(self):
        self.app.admin = False

        st = self.open(page("Resources"))

        self.assertEqual(["issues", "pulls"], st.texts("subheader"))
        self.assertEqual([], st.texts("button") + st.texts("submit"))


class RunsAndStatisticsTest(DailyUseTestCase):

    def test_runs_show_each_resources_last_error_and_last_run(self):
        self.app.runs = [{"RESOURCE_INGESTION_DEFINITION_NAME": "issues", "STARTED_AT": "2026-12-07 07:00:00",
                          "COMPLETED_AT": "2026-12-07 07:00:05", "STATUS": "COMPLETED", "INGESTED_ROWS": 42,
                          "METADATA": None}]

        st = self.open(page("Runs"))

        self.assertEqual(["pulls: HTTP 403 from api.github.com (attempts: 2)"], st.texts("error"))
        frames = [details["rows"] for _, kind, _, details in st.elements if kind == "dataframe"]
        self.assertEqual(["issues", "pulls"], [row["resource"] for row in frames[0]])
        self.assertEqual(42, frames[1][0]["INGESTED_ROWS"])

    def test_statistics_chart_the_rows_per_hour(self):
        self.app.stats = [{"RUN_DATE": "2026-12-07 06:00:00", "UPDATED_ROWS": 10},
                          {"RUN_DATE": "2026-12-07 07:00:00", "UPDATED_ROWS": 32}]

        st = self.open(page("Statistics"))

        chart = [details["data"] for _, kind, _, details in st.elements if kind == "bar_chart"][0]
        self.assertEqual({"hour": ["2026-12-07 06:00:00", "2026-12-07 07:00:00"], "rows": [10, 32]}, chart)
        self.assertEqual(["Rows ingested per hour over the last 24 hours: 42"], st.texts("caption"))

    def test_statistics_without_runs_say_so(self):
        st = self.open(page("Statistics"))

        self.assertEqual(["No rows were ingested in the last 24 hours."], st.texts("info"))


class SettingsPageTest(DailyUseTestCase):

    def test_updates_need_the_connector_paused_and_offer_the_pause(self):
        st = self.open(page("Settings"))

        self.assertEqual(["Updating the warehouse or the connection needs the connector paused; it is STARTED."],
                         st.texts("info"))
        self.assertEqual(["Pause the connector"], st.texts("button"))
        self.assertEqual([], st.texts("submit"))

    def test_a_paused_connector_updates_its_warehouse_and_connection(self):
        self.app.state["status"] = "PAUSED"
        self.permissions.bound = {"API_TOKEN_SECRET"}

        self.open(dict(page("Settings"), warehouse="BIG_WH"), clicks={"update_warehouse"})
        self.open(dict(page("Settings"), connection_base_url="https://github.example.com/api"),
                  clicks={"connection_update_connection_configuration"})

        self.assertEqual([("UPDATE_WAREHOUSE", ["BIG_WH"]),
                          ("UPDATE_CONNECTION_CONFIGURATION", ['{"base_url": "https://github.example.com/api", '
                                                               '"api_token": "API_TOKEN_SECRET"}'])], self.calls())

    def test_a_viewer_cannot_open_the_settings(self):
        self.app.admin = False

        st = self.open(page("Settings"))

        self.assertEqual(["Status"], st.texts("header"))


class ErrorStatusTest(PagesTestCase):
    status = "ERROR"
    configuration_status = "FINALIZED"

    def test_an_admin_recovers_the_status_the_connector_really_has(self):
        st = self.open({"recover_status": "PAUSED"}, clicks={"recover"})

        self.assertEqual([("RECOVER_CONNECTOR_STATE", ["PAUSED"])], self.calls())
        self.assertEqual(["Connector status recovered."], st.texts("success"))


def _radio(st):
    return [details for where, kind, _, details in st.elements if kind == "radio" and where == "sidebar"][0]


if __name__ == "__main__":
    unittest.main()
