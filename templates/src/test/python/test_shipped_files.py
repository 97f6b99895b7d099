"""The FILES index the plugin copies from is exactly the shipped folder's content."""
import os
import unittest

from fakes import STREAMLIT_FOLDER


class ShippedFilesTest(unittest.TestCase):

    def test_the_index_lists_every_file_of_the_folder_and_nothing_else(self):
        with open(os.path.join(STREAMLIT_FOLDER, "FILES"), encoding="utf-8") as index:
            listed = {line.strip() for line in index if line.strip() and not line.startswith("#")}
        present = set()
        for root, directories, files in os.walk(STREAMLIT_FOLDER):
            directories[:] = [name for name in directories if name != "__pycache__"]
            for name in files:
                path = os.path.relpath(os.path.join(root, name), STREAMLIT_FOLDER).replace(os.sep, "/")
                if path != "FILES" and not name.endswith(".pyc"):
                    present.add(path)
        self.assertEqual(present, listed, "update templates/.../streamlit/FILES to the folder's files")

    def test_the_main_file_and_the_environment_sit_in_the_folder_root(self):
        # The warehouse runtime takes MAIN_FILE from the root of the FROM folder
        # (https://docs.snowflake.com/en/sql-reference/sql/create-streamlit), and environment.yml must sit beside it
        # (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-ui).
        self.assertTrue(os.path.isfile(os.path.join(STREAMLIT_FOLDER, "streamlit_app.py")))
        self.assertTrue(os.path.isfile(os.path.join(STREAMLIT_FOLDER, "environment.yml")))


if __name__ == "__main__":
    unittest.main()
