"""A test case that runs the whole Streamlit app against the fake app, as a user clicking through it."""
import shutil
import tempfile
import unittest

from fakes import FakeApp, FakePermissions, FakeSession, FakeStreamlit, load_model, run_pages, write_model


class PagesTestCase(unittest.TestCase):
    status = "CONFIGURING"
    configuration_status = "INSTALLED"

    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.folder)
        self.model = load_model()
        write_model(self.folder, self.model)
        self.app = FakeApp(self.model, self.status, self.configuration_status)
        self.session = FakeSession(self.app)
        self.permissions = FakePermissions()
        self.session_state = {}

    def open(self, inputs=None, clicks=()):
        """One interaction: the inputs set and the buttons pressed, then the page as the user sees it after it."""
        st = FakeStreamlit(inputs, clicks)
        st.session_state = self.session_state
        return run_pages(self.session, st, self.folder, self.permissions)

    def calls(self):
        return self.session.calls()
