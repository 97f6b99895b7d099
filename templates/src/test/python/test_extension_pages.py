"""The extension point: a connector's connector_pages/*.py add pages or replace built-in ones."""
import os
import textwrap
import unittest

from pages_test_case import PagesTestCase


class ExtensionPagesTest(PagesTestCase):
    status = "STARTED"
    configuration_status = "FINALIZED"

    def write_page(self, name, source):
        folder = os.path.join(self.folder, "connector_pages")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as file:
            file.write(textwrap.dedent(source))

    def test_a_connector_page_is_added_after_the_built_in_ones_and_renders(self):
        self.write_page("repositories.py", """
            from connector_ui.pages import Page

            def render(ctx):
                ctx.st.header("Repositories")
                ctx.st.write(str(len(ctx.client.rows("INGESTION_DEFINITIONS"))) + " repositories")

            PAGES = [Page("repositories", "Repositories", render)]
        """)

        st = self.open({"connector_ui_page": "Repositories"})

        self.assertEqual("Repositories", [d for _, k, _, d in st.elements if k == "radio"][0]["options"][-1])
        self.assertEqual(["Repositories"], st.texts("header"))
        self.assertEqual(["0 repositories"], st.texts("write"))

    def test_a_connector_page_with_a_built_in_key_replaces_it(self):
        self.write_page("statistics.py", """
            from connector_ui.pages import Page

            def render(ctx):
                ctx.st.header("Issues per day")

            PAGES = [Page("statistics", "Issues per day", render)]
        """)

        st = self.open({"connector_ui_page": "Issues per day"})

        options = [d for _, k, _, d in st.elements if k == "radio"][0]["options"]
        self.assertEqual(["Status", "Resources", "Runs", "Issues per day", "Configuration", "Settings"], options)
        self.assertEqual(["Issues per day"], st.texts("header"))

    def test_an_admin_only_connector_page_is_hidden_from_a_viewer(self):
        self.write_page("tools.py", """
            from connector_ui.pages import Page
            PAGES = [Page("tools", "Tools", lambda ctx: None, admin_only=True)]
        """)
        self.app.admin = False

        st = self.open()

        self.assertNotIn("Tools", [d for _, k, _, d in st.elements if k == "radio"][0]["options"])

    def test_a_file_without_pages_names_itself(self):
        self.write_page("broken.py", "PAGE = 'nope'\n")

        with self.assertRaisesRegex(ValueError, "connector_pages/broken.py must define PAGES"):
            self.open()


if __name__ == "__main__":
    unittest.main()
