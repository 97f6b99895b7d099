"""A choice field through the whole wizard: a select box of its choices, and the chosen text sent to the procedure."""
import unittest

from fakes import write_model
from pages_test_case import PagesTestCase

SYNC_MODE = {"name": "sync_mode", "type": "choice", "required": False, "default": "incremental",
             "description": "How each run reads the source", "choices": ["incremental", "full"]}


class ChoiceFieldStepTest(PagesTestCase):
    configuration_status = "PREREQUISITES_DONE"

    def setUp(self):
        super().setUp()
        # The golden model has no choice field; this connector's model adds one, as connector:bundle writes it.
        self.model["connectorFields"].append(SYNC_MODE)
        write_model(self.folder, self.model)

    def test_the_connector_step_offers_the_choices_with_the_default_selected(self):
        st = self.open()

        boxes = [(text, details["options"], details["value"]) for _, kind, text, details in st.elements
                 if kind == "selectbox"]
        self.assertEqual([("sync_mode", ["", "incremental", "full"], "incremental")], boxes)

    def test_saving_sends_the_chosen_value(self):
        st = self.open(inputs={"connector_warehouse": "XS_WH", "connector_sync_mode": "full"},
                       clicks={"connector_configuration"})

        self.assertEqual([("CONFIGURE_CONNECTOR", ['{"warehouse": "XS_WH", "page_size": 100, '
                                                   '"include_closed": false, "sync_mode": "full"}'])], self.calls())
        self.assertEqual(["Connector successfully configured."], st.texts("success"))

    def test_a_saved_value_the_choices_no_longer_offer_is_named(self):
        self.app.config["connector_configuration"] = {"sync_mode": "legacy"}

        st = self.open()

        boxes = [(details["options"], details["value"]) for _, kind, text, details in st.elements
                 if kind == "selectbox"]
        self.assertEqual([(["", "incremental", "full"], "")], boxes)
        self.assertIn("sync_mode: the saved value 'legacy' is no longer one of the choices; pick one of incremental, "
                      "full", st.texts("warning"))

    def test_a_saved_value_among_the_choices_gives_no_warning(self):
        self.app.config["connector_configuration"] = {"sync_mode": "full"}

        st = self.open()

        self.assertEqual([], [text for text in st.texts("warning") if "no longer" in text])


if __name__ == "__main__":
    unittest.main()
