"""The wizard pages against the fake app: resuming, each step's calls and messages, bad inputs, the VIEWER's view."""
import unittest

from pages_test_case import PagesTestCase


class WizardResumesTest(PagesTestCase):
    configuration_status = "CONFIGURED"

    def test_it_resumes_at_the_step_of_the_configuration_status_and_offers_the_earlier_ones(self):
        st = self.open()

        self.assertEqual(["GitHub issues connector"], st.texts("title"))
        self.assertEqual(["Connection"], st.texts("header"))
        radio = [details for _, kind, _, details in st.elements if kind == "radio"][0]
        self.assertEqual(["1. Prerequisites", "2. Connector configuration", "3. Connection"], radio["options"])

    def test_an_admin_may_go_back_to_an_earlier_step(self):
        st = self.open(inputs={"connector_ui_wizard_step": "1. Prerequisites"})

        self.assertEqual(["Prerequisites"], st.texts("header"))


class PrerequisitesStepTest(PagesTestCase):

    def test_it_shows_the_descriptors_prerequisites_with_their_links(self):
        st = self.open()

        self.assertEqual(["Prerequisites"], st.texts("header"))
        self.assertEqual(["Allow api.github.com", "Create a GitHub token"], st.texts("checkbox"))
        self.assertTrue(st.has("markdown", "[Documentation](https://docs.snowflake.com/en/developer-guide/"
                                           "external-network-access/creating-using-external-network-access)"))
        self.assertTrue(st.has("markdown", "[Learn more](https://docs.github.com/en/authentication)"))

    def test_ticking_a_prerequisite_updates_it_and_shows_the_procedures_message(self):
        st = self.open(inputs={"prerequisite_network": True})

        self.assertEqual([("UPDATE_PREREQUISITE", ["network", True])], self.calls())
        self.assertEqual(["Prerequisite updated successfully."], st.texts("success"))
        self.assertTrue(self.app.prerequisites["network"])

    def test_completing_the_step_moves_to_the_connector_configuration(self):
        st = self.open(clicks={"prerequisites_complete"})

        self.assertEqual([("COMPLETE_PREREQUISITES_STEP", [])], self.calls())
        self.assertEqual(["Prerequisites step completed successfully."], st.texts("success"))
        self.assertEqual(["Connector configuration"], st.texts("header"))

    def test_a_failed_call_shows_the_procedures_message_and_code(self):
        self.app.answers["MARK_ALL_PREREQUISITES_AS_DONE"] = {
            "response_code": "INVALID_CONNECTOR_STATUS",
            "message": "Invalid connector status. Expected status: [CONFIGURING]. Current status: STARTED."}

        st = self.open(clicks={"prerequisites_all_done"})

        self.assertEqual(["Invalid connector status. Expected status: [CONFIGURING]. Current status: STARTED. "
                          "(INVALID_CONNECTOR_STATUS)"], st.texts("error"))


class ConnectorConfigurationStepTest(PagesTestCase):
    configuration_status = "PREREQUISITES_DONE"

    def test_the_form_has_typed_inputs_for_the_standard_and_the_connectors_fields(self):
        st = self.open()

        self.assertEqual(["warehouse", "destination_database", "destination_schema", "global_schedule",
                          "page_size"], st.texts("text_input"))
        self.assertIn("include_closed", st.texts("checkbox"))
        self.assertEqual(["Save the connector configuration"], st.texts("submit"))

    def test_saving_sends_the_typed_configuration_and_moves_to_the_connection(self):
        st = self.open(inputs={"connector_warehouse": "XS_WH", "connector_global_schedule": "*/30 * * * *",
                               "connector_page_size": "50", "connector_include_closed": True},
                       clicks={"connector_configuration"})

        self.assertEqual([("CONFIGURE_CONNECTOR", ['{"warehouse": "XS_WH", "global_schedule": {"scheduleType": '
                                                   '"CRON", "scheduleDefinition": "*/30 * * * *"}, "page_size": 50, '
                                                   '"include_closed": true}'])], self.calls())
        self.assertEqual(["Connector successfully configured."], st.texts("success"))
        self.assertEqual(["Connection"], st.texts("header"))

    def test_a_bad_value_is_named_and_nothing_is_called(self):
        st = self.open(inputs={"connector_page_size": "many"}, clicks={"connector_configuration"})

        self.assertEqual([], self.calls())
        self.assertEqual(["page_size: 'many' is not a whole number; enter digits only, such as 100"],
                         st.texts("error"))

    def test_unbound_references_and_missing_privileges_are_offered_to_the_consumer(self):
        # The full project's manifest is version 1: the consumer grants the privileges.
        self.permissions.bound = {"WAREHOUSE_REFERENCE"}
        self.permissions.held = {"EXECUTE TASK"}

        st = self.open(clicks={"bind_GITHUB_EAI", "grant_privileges"})

        self.assertTrue(st.has("write", "Warehouse is bound"))
        self.assertTrue(st.has("warning", "GitHub access is not bound yet"))
        self.assertTrue(st.has("warning", "The app needs the account privileges CREATE DATABASE"))
        self.assertEqual(["GITHUB_EAI", "CREATE DATABASE"], self.permissions.requested)


class ConnectionStepTest(PagesTestCase):
    configuration_status = "CONFIGURED"

    def test_a_required_secret_neither_typed_nor_bound_blocks_the_test(self):
        st = self.open(inputs={"connection_base_url": "https://api.github.com"}, clicks={"connection_"
                                                                                          "set_connection_configuration"})

        self.assertNotIn("api_token *", st.texts("text_input"))
        self.assertEqual([], self.calls())
        self.assertIn("api_token: type the secret, or choose an existing SECRET for API_TOKEN_SECRET",
                      st.texts("error"))

    def test_choosing_the_secret_asks_snowflake_for_the_binding(self):
        self.open(clicks={"bind_API_TOKEN_SECRET"})

        self.assertEqual(["API_TOKEN_SECRET"], self.permissions.requested)

    def test_the_connection_is_saved_and_tested_with_the_secrets_reference(self):
        self.permissions.bound = {"API_TOKEN_SECRET"}

        st = self.open(inputs={"connection_base_url": "https://api.github.com", "connection_organization": "acme"},
                       clicks={"connection_set_connection_configuration"})

        self.assertEqual([("SET_CONNECTION_CONFIGURATION", ['{"base_url": "https://api.github.com", '
                                                            '"organization": "acme", "api_token": '
                                                            '"API_TOKEN_SECRET"}'])], self.calls())
        self.assertEqual(["Connection successfully tested."], st.texts("success"))
        self.assertEqual(["Finalize"], st.texts("header"))


class FinalizeStepTest(PagesTestCase):
    configuration_status = "CONNECTED"

    def test_finalizing_starts_the_connector_and_lands_on_the_daily_use_pages(self):
        st = self.open(inputs={"finalize_custom": '{"sink": "ISSUES"}'}, clicks={"finalize"})

        self.assertEqual([("FINALIZE_CONNECTOR_CONFIGURATION", ['{"sink": "ISSUES"}'])], self.calls())
        self.assertEqual(["Connector finalized."], st.texts("success"))
        self.assertEqual(["Status"], st.texts("header"))

    def test_custom_configuration_that_is_not_an_object_is_refused_before_the_call(self):
        st = self.open(inputs={"finalize_custom": "[1, 2]"}, clicks={"finalize"})

        self.assertEqual([], self.calls())
        self.assertEqual(["The custom configuration must be a JSON object, such as {}"], st.texts("error"))

    def test_reset_starts_the_wizard_over(self):
        st = self.open(clicks={"connector_ui_reset"})

        self.assertEqual([("RESET_CONFIGURATION", [])], self.calls())
        self.assertEqual(["Prerequisites"], st.texts("header"))


class WizardForViewersTest(PagesTestCase):
    configuration_status = "CONFIGURED"

    def test_a_viewer_sees_the_progress_without_any_control(self):
        self.app.admin = False

        st = self.open(clicks={"prerequisites_complete", "connector_ui_reset"})

        self.assertEqual(["The connector is being configured: step 3 of 4, 3. Connection. An ADMIN completes the "
                          "wizard; this page shows its progress."], st.texts("info"))
        self.assertEqual(["✗ Allow api.github.com", "✗ Create a GitHub token"], st.texts("write"))
        self.assertEqual([], st.texts("button") + st.texts("checkbox") + st.texts("submit"))
        self.assertEqual([], self.calls())


if __name__ == "__main__":
    unittest.main()
