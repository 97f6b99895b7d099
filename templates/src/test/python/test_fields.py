"""Typed inputs: what each field type draws and the value it sends, with one message per bad input."""
import unittest

from fakes import FakeStreamlit

from connector_ui import fields
from connector_ui.model import Field


def field(name, kind, required=False, default=None, choices=None):
    return Field({"name": name, "type": kind, "required": required, "default": default, "choices": choices})


class FieldsTest(unittest.TestCase):

    def test_each_type_draws_its_widget_prefilled_from_the_stored_value_or_the_default(self):
        st = FakeStreamlit()

        fields.render_input(st, field("page_size", "integer", default=100), None, "k1")
        fields.render_input(st, field("include_closed", "boolean", default=False), "true", "k2")
        fields.render_input(st, field("extra", "object"), None, "k3")
        fields.render_input(st, field("base_url", "url", required=True), "https://api.github.com", "k4")
        fields.render_input(st, field("global_schedule", "cron"),
                            '{"scheduleDefinition":"*/5 * * * *","scheduleType":"CRON"}', "k5")

        self.assertEqual([("text_input", "page_size", "100"), ("checkbox", "include_closed", True),
                          ("text_area", "extra", ""), ("text_input", "base_url *", "https://api.github.com"),
                          ("text_input", "global_schedule", "*/5 * * * *")],
                         [(kind, text, details["value"]) for _, kind, text, details in st.elements])

    def test_values_are_converted_to_their_json_type(self):
        values, problems = fields.collect(
            [field("page_size", "integer"), field("include_closed", "boolean"), field("extra", "object"),
             field("global_schedule", "cron"), field("organization", "identifier")],
            {"page_size": " 50 ", "include_closed": True, "extra": '{"a": 1}', "global_schedule": "0 * * * *",
             "organization": ""})

        self.assertEqual([], problems)
        self.assertEqual({"page_size": 50, "include_closed": True, "extra": {"a": 1},
                          "global_schedule": {"scheduleType": "CRON", "scheduleDefinition": "0 * * * *"}}, values)

    def test_bad_inputs_are_named_with_the_value_and_the_fix_and_nothing_is_sent(self):
        values, problems = fields.collect(
            [field("page_size", "integer"), field("base_url", "url", required=True), field("extra", "object")],
            {"page_size": "ten", "base_url": " ", "extra": "[1]"})

        self.assertEqual({}, values)
        self.assertEqual(["page_size: 'ten' is not a whole number; enter digits only, such as 100",
                          "base_url is required; enter a value",
                          "extra: enter a JSON object in braces, such as {\"key\": \"value\"}"], problems)

    def test_a_choice_field_draws_a_select_box_of_its_choices_with_the_stored_or_default_value_selected(self):
        st = FakeStreamlit()

        fields.render_input(st, field("sync_mode", "choice", default="full", choices=["incremental", "full"]),
                            None, "k1")
        fields.render_input(st, field("region", "choice", required=True, choices=["eu", "us"]), "us", "k2")
        fields.render_input(st, field("region", "choice", required=True, choices=["eu", "us"]), None, "k3")
        fields.render_input(st, field("level", "choice", choices=["1", "2"]), None, "k4")

        self.assertEqual([("selectbox", "sync_mode", ["", "incremental", "full"], 2, "full"),
                          ("selectbox", "region *", ["eu", "us"], 1, "us"),
                          ("selectbox", "region *", ["", "eu", "us"], 0, ""),
                          ("selectbox", "level", ["", "1", "2"], 0, "")],
                         [(kind, text, details["options"], details["index"], details["value"])
                          for _, kind, text, details in st.elements])

    def test_a_choice_is_sent_as_its_text_and_anything_else_is_named_with_the_choices(self):
        region = field("region", "choice", required=True, choices=["eu", "us"])
        level = field("level", "choice", choices=["1", "2"])

        self.assertEqual(({"region": "us"}, []), fields.collect([region, level], {"region": "us", "level": ""}))
        values, problems = fields.collect([region, level], {"region": "", "level": "3"})

        self.assertEqual({}, values)
        self.assertEqual(["region is required; enter a value",
                          "level: '3' is not one of the choices; choose one of 1, 2"], problems)


if __name__ == "__main__":
    unittest.main()
