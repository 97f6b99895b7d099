"""The client: bound values, response parsing, and the ADMIN check that the owner's-rights model makes necessary."""
import unittest

from fakes import FakeApp, FakeSession, load_model

from connector_ui.client import NOT_ADMIN, SQL_ERROR, ConnectorClient, Response
from connector_ui.model import ConnectorModel


class ClientTest(unittest.TestCase):

    def setUp(self):
        self.model = ConnectorModel(load_model())
        self.app = FakeApp(self.model.data)
        self.session = FakeSession(self.app)
        self.client = ConnectorClient(self.session, self.model.procedures)

    def test_values_are_bound_and_variants_travel_as_json_text(self):
        self.client.call("CONFIGURE_CONNECTOR", {"warehouse": "WH'; DROP TABLE X; --"})
        self.client.call("UPDATE_PREREQUISITE", "it's", True)

        self.assertIn(("CALL PUBLIC.CONFIGURE_CONNECTOR(PARSE_JSON(?))",
                       ['{"warehouse": "WH\'; DROP TABLE X; --"}']), self.session.statements)
        self.assertIn(("CALL PUBLIC.UPDATE_PREREQUISITE(?, ?)", ["it's", True]), self.session.statements)

    def test_trailing_arguments_with_defaults_may_be_left_out(self):
        self.client.call("CREATE_RESOURCE", "issues", {"name": "issues"}, [], None, True)

        self.assertIn(("CALL PUBLIC.CREATE_RESOURCE(?, PARSE_JSON(?), PARSE_JSON(?), ?, ?)",
                       ["issues", '{"name": "issues"}', "[]", None, True]), self.session.statements)

    def test_a_viewer_is_refused_every_call_that_changes_state_before_it_reaches_snowflake(self):
        self.app.admin = False

        response = self.client.call("PAUSE_CONNECTOR")

        self.assertEqual(NOT_ADMIN, response.code)
        self.assertIn("ADMIN", response.message)
        self.assertEqual([], self.session.calls())

    def test_a_viewer_may_still_read_the_status(self):
        self.app.admin = False

        self.assertEqual("CONFIGURING", self.client.status()["status"])

    def test_the_role_check_asks_snowflake_once(self):
        self.client.is_admin()
        self.client.is_admin()

        self.assertEqual(1, [query for query, _ in self.session.statements].count(
            "SELECT IS_APPLICATION_ROLE_IN_SESSION('ADMIN')"))

    def test_a_raised_error_becomes_a_response_with_its_first_line(self):
        class Failing(FakeSession):
            def sql(self, query, params=None):
                if query.startswith("CALL PUBLIC.UPDATE_WAREHOUSE"):
                    raise RuntimeError("100357 (P0000): Warehouse X is inaccessible\n  at line 3")
                return super().sql(query, params)

        client = ConnectorClient(Failing(self.app), self.model.procedures)

        response = client.call("UPDATE_WAREHOUSE", "X")

        self.assertEqual(SQL_ERROR, response.code)
        self.assertEqual("100357 (P0000): Warehouse X is inaccessible (SQL_ERROR)", response.text())

    def test_internal_procedures_and_unknown_ones_are_refused(self):
        with self.assertRaisesRegex(ValueError, "internal"):
            self.client.call("TEST_CONNECTION")
        with self.assertRaisesRegex(ValueError, "not one of the app's procedures"):
            self.client.call("DROP_EVERYTHING")
        with self.assertRaisesRegex(ValueError, "takes 1 arguments"):
            self.client.call("ENABLE_RESOURCE", "a", "b")

    def test_only_known_views_are_read(self):
        with self.assertRaisesRegex(ValueError, "not a view"):
            self.client.rows("APP_STATE; DROP")

    def test_responses_parse_json_text_dicts_and_plain_answers(self):
        self.assertEqual(("OK", "Done"), _pair(Response.parse('{"response_code": "OK", "message": "Done"}')))
        self.assertEqual(("INVALID_INPUT", "bad"), _pair(Response.parse({"response_code": "INVALID_INPUT",
                                                                          "message": "bad"})))
        self.assertTrue(Response.parse("Success").ok)
        self.assertEqual("UNEXPECTED_ANSWER", Response.parse("something else").code)
        self.assertEqual("Done.", Response.parse('{"response_code": "OK"}').text())


def _pair(response):
    return response.code, response.message


if __name__ == "__main__":
    unittest.main()
