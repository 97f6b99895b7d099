"""The pages of the app, and the extension point through which a connector overrides or adds pages.

A connector adds Python files under src/main/connector/streamlit/connector_pages/ (copied into the app by the
descriptor's `files:` entry with target `streamlit`). Each file defines PAGES, a list of Page; a page whose key is a
built-in page's key replaces it, any other is added after the built-in pages of its phase. Files load in name order.
A connector can also replace any generated file outright by shipping a file of the same path (for example
connector_ui/daily.py).

    from connector_ui.pages import Page

    def render(ctx):
        ctx.st.header("Repositories")
        ctx.st.dataframe(ctx.client.rows("INGESTION_DEFINITIONS"))

    PAGES = [Page("repositories", "Repositories", render)]
"""
import importlib.util
import os

WIZARD = "wizard"
DAILY = "daily"
EXTENSION_FOLDER = "connector_pages"


class Page:
    """A page: key (unique), title (shown in the navigation), render(ctx), who sees it, and where.

    admin_only: shown only when the user holds the app's ADMIN role (every page that changes something).
    phase: DAILY (after the wizard) or WIZARD (a wizard step; step_status is the configurationStatus it completes).
    """

    def __init__(self, key, title, render, admin_only=False, phase=DAILY, step_status=None):
        if phase not in (WIZARD, DAILY):
            raise ValueError("phase must be '" + WIZARD + "' or '" + DAILY + "', not " + repr(phase))
        self.key = key
        self.title = title
        self.render = render
        self.admin_only = admin_only
        self.phase = phase
        self.step_status = step_status


def merge(built_in, extensions):
    """The built-in pages with each extension page replacing the one of its key, or appended."""
    pages = list(built_in)
    for extra in extensions:
        keys = [page.key for page in pages]
        if extra.key in keys:
            pages[keys.index(extra.key)] = extra
        else:
            pages.append(extra)
    return pages


def visible(pages, phase, is_admin):
    return [page for page in pages if page.phase == phase and (is_admin or not page.admin_only)]


def load_extensions(folder):
    """The pages the connector's files in <folder>/connector_pages define; a broken file names itself."""
    directory = os.path.join(folder, EXTENSION_FOLDER)
    if not os.path.isdir(directory):
        return []
    pages = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".py") or name.startswith("_"):
            continue
        path = os.path.join(directory, name)
        spec = importlib.util.spec_from_file_location(EXTENSION_FOLDER + "." + name[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        defined = getattr(module, "PAGES", None)
        if not isinstance(defined, (list, tuple)) or not all(isinstance(page, Page) for page in defined):
            raise ValueError(EXTENSION_FOLDER + "/" + name + " must define PAGES, a list of connector_ui.pages.Page")
        pages.extend(defined)
    return pages
