"""A secret field typed in the connection step: a password input whose value goes to SET_SECRET only, bound, before
the connection procedure; the SECRET bound to the field's reference is the alternative."""
import unittest

from fakes import FakeApp, FakeSession
from pages_test_case import PagesTestCase

from connector_ui.client import NOT_ADMIN, ConnectorClient

TYPED = "ghp_typed'); DROP TABLE X; --"
SAVE = "connection_set_connection_configuration"
URL = {"connection_base_url": "https://api.github.com"}


class TypedSecretTest(PagesTestCase):
    configuration_status = "CONFIGURED"

    def elements(self, st, kind):
        return [(text, details) for _, element_kind, text, details in st.elements if element_kind == kind]

    def test_the_secret_field_is_a_password_input_that_starts_empty(self):
        st = self.open()

        inputs = {details["key"]: details for _, details in self.elements(st, "text_input")}
        self.assertEqual("password", inputs["connection_api_token"]["type"])
        self.assertEqual("", inputs["connection_api_token"]["value"])
        self.assertEqual("default", inputs["connection_base_url"]["type"])
        self.assertEqual([{"clear_on_submit": True}], [details for text, details in self.elements(st, "form")
                                                       if text == SAVE])
        self.assertTrue(st.has("warning", "api_token: no secret is bound to API_TOKEN_SECRET yet; type it below, "
                                          "or choose an existing SECRET"))
        self.assertIn("Choose the secret for api_token", st.texts("button"))

    def test_a_typed_secret_is_set_bound_before_the_connection_and_never_shown(self):
        st = self.open(inputs=dict(URL, connection_api_token=TYPED), clicks={SAVE})

        self.assertEqual([("SET_SECRET", ["api_token", TYPED]),
                          ("SET_CONNECTION_CONFIGURATION", ['{"base_url": "https://api.github.com", '
                                                            '"api_token": "API_TOKEN_SECRET"}'])], self.calls())
        set_secret = [(query, params) for query, params in self.session.statements if "SET_SECRET" in query]
        self.assertEqual([("CALL PUBLIC.SET_SECRET(?, ?)", ["api_token", TYPED])], set_secret)
        self.assertEqual({"api_token": TYPED}, self.app.secrets)
        self.assertTrue(all(TYPED not in query for query, _ in self.session.statements))
        shown = [text for _, kind, text, _ in st.elements if kind != "text_input"]
        self.assertTrue(all("ghp_typed" not in text for text in shown))
        self.assertTrue(all("ghp_typed" not in str(value) for value in self.session_state.values()))
        self.assertEqual(["Connection successfully tested."], st.texts("success"))

    def test_an_empty_box_keeps_the_secret_the_app_already_has(self):
        self.app.config["connection_configuration"] = {"base_url": "https://api.github.com",
                                                       "api_token": "API_TOKEN_SECRET"}

        shown = self.open()
        self.open(inputs=dict(URL, connection_api_token=""), clicks={SAVE})

        self.assertTrue(shown.has("write", "api_token: a secret is set; type a new value to replace it"))
        box = [details for _, details in self.elements(shown, "text_input") if details["key"] == "connection_api_token"]
        self.assertEqual([("password", "")], [(details["type"], details["value"]) for details in box])
        self.assertEqual([("SET_CONNECTION_CONFIGURATION", ['{"base_url": "https://api.github.com", '
                                                            '"api_token": "API_TOKEN_SECRET"}'])], self.calls())

    def test_a_bound_secret_is_kept_and_offers_no_box(self):
        self.permissions.bound = {"API_TOKEN_SECRET"}

        st = self.open()
        self.open(inputs=dict(URL), clicks={SAVE})

        self.assertNotIn("connection_api_token", [details["key"] for _, details in self.elements(st, "text_input")])
        self.assertTrue(st.has("write", "a secret is bound to API_TOKEN_SECRET (remove the binding to type a value "
                                        "instead)"))
        self.assertEqual(["SET_CONNECTION_CONFIGURATION"], [call for call, _ in self.calls()])

    def test_a_refused_secret_stops_before_the_connection_with_the_apps_message(self):
        self.app.answers["SET_SECRET"] = {"response_code": "SECRET_UNAVAILABLE", "message": "The secret of "
                                          "api_token is set, but the connector's procedures cannot be given it."}

        st = self.open(inputs=dict(URL, connection_api_token=TYPED), clicks={SAVE})

        self.assertEqual(["SET_SECRET"], [call for call, _ in self.calls()])
        self.assertEqual(["The secret of api_token is set, but the connector's procedures cannot be given it. "
                          "(SECRET_UNAVAILABLE)"], st.texts("error"))
        self.assertEqual("CONFIGURED", self.app.state["configurationStatus"])

    def test_the_settings_page_updates_the_secret_before_the_connection(self):
        self.app.state = {"status": "PAUSED", "configurationStatus": "FINALIZED"}
        self.app.config["connection_configuration"] = {"base_url": "https://api.github.com",
                                                       "api_token": "API_TOKEN_SECRET"}

        self.open(inputs={"connector_ui_page": "Settings", "connection_base_url": "https://api.github.com",
                          "connection_api_token": TYPED}, clicks={"connection_update_connection_configuration"})

        self.assertEqual(["SET_SECRET", "UPDATE_CONNECTION_CONFIGURATION"], [call for call, _ in self.calls()])


class ViewerSecretTest(unittest.TestCase):

    def test_a_viewer_cannot_set_a_secret_and_snowflake_is_not_asked(self):
        from fakes import load_model  # noqa: PLC0415
        model = load_model()
        app = FakeApp(model, admin=False)
        session = FakeSession(app)
        procedures = {procedure["name"]: procedure for procedure in model["procedures"]}

        response = ConnectorClient(session, procedures).call("SET_SECRET", "api_token", TYPED)

        self.assertEqual(NOT_ADMIN, response.code)
        self.assertNotIn(TYPED, response.text())
        self.assertEqual([], session.calls())
        self.assertEqual({}, app.secrets)


if __name__ == "__main__":
    unittest.main()
