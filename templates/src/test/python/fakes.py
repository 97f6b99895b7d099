"""Test doubles for the Streamlit pages: a Snowpark-like session backed by a small fake connector app, a `st` module
that records every element and answers scripted inputs, and the Permission SDK.

The fake app answers the procedures and views the pages use with the lifecycle of spec §1-§3 (status model, wizard
steps, pause/resume, resources), so a test can walk the wizard end to end through the pages' own calls.
"""
import json
import os
import sys

STREAMLIT_FOLDER = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "io",
                                                "connectorkit", "templates", "streamlit"))
# The model connector:bundle generates for the plugin's "full" test project, checked by the plugin's StreamlitAppTest:
# the pages are tested on the very shape the kit ships.
MODEL_FILE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "plugin", "src", "test",
                                          "resources", "golden", "streamlit", "connector_model.json"))

if STREAMLIT_FOLDER not in sys.path:
    sys.path.insert(0, STREAMLIT_FOLDER)


def load_model():
    with open(MODEL_FILE, encoding="utf-8") as file:
        return json.load(file)


class Row:
    def __init__(self, values):
        self._values = dict(values)

    def as_dict(self):
        return dict(self._values)

    def __getitem__(self, index):
        if isinstance(index, int):
            return list(self._values.values())[index]
        return self._values[index]


class Result:
    def __init__(self, rows):
        self._rows = rows

    def collect(self):
        return [Row(row) for row in self._rows]


class FakeApp:
    """The installed connector as its procedures and views answer (spec §3), in memory."""

    def __init__(self, model, status="CONFIGURING", configuration_status="INSTALLED", admin=True):
        self.admin = admin
        self.model = model
        self.secrets = {}  # field -> the value SET_SECRET kept
        self.state = {"status": status, "configurationStatus": configuration_status}
        self.prerequisites = {item["id"]: False for item in model["prerequisites"]}
        self.config = {}
        self.resources = []
        self.stats = []
        self.runs = []
        self.answers = {}  # procedure name -> response dict that replaces the lifecycle's answer once

    # --- procedures ---
    def call(self, procedure, args):
        if procedure in self.answers:
            return self.answers.pop(procedure)
        handler = getattr(self, "_" + procedure.lower(), None)
        if handler is None:
            raise AssertionError("the fake app has no procedure " + procedure)
        return handler(*args)

    def _get_connector_status(self):
        return dict(self.state, response_code="OK")

    def _expect(self, statuses, configuration_statuses=None):
        if self.state["status"] not in statuses:
            return {"response_code": "INVALID_CONNECTOR_STATUS",
                    "message": "Invalid connector status. Expected status: [" + ", ".join(statuses)
                    + "]. Current status: " + self.state["status"] + "."}
        if configuration_statuses and self.state["configurationStatus"] not in configuration_statuses:
            return {"response_code": "INVALID_CONNECTOR_CONFIGURATION_STATUS",
                    "message": "Invalid connector configuration status. Expected one of statuses: ["
                    + ", ".join(configuration_statuses) + "]. Current status: "
                    + self.state["configurationStatus"] + "."}
        return None

    def _update_prerequisite(self, identifier, done):
        if identifier not in self.prerequisites:
            return {"response_code": "PREREQUISITE_NOT_FOUND", "message": "Prerequisite with ID: " + identifier
                    + " not found."}
        self.prerequisites[identifier] = bool(done)
        return {"response_code": "OK", "message": "Prerequisite updated successfully."}

    def _mark_all_prerequisites_as_done(self):
        for identifier in self.prerequisites:
            self.prerequisites[identifier] = True
        return {"response_code": "OK", "message": "All prerequisites have been marked as done."}

    def _complete_prerequisites_step(self):
        if self.state["configurationStatus"] == "INSTALLED":
            self.state["configurationStatus"] = "PREREQUISITES_DONE"
        return {"response_code": "OK", "message": "Prerequisites step completed successfully."}

    def _configure_connector(self, config):
        problem = self._expect(["CONFIGURING"])
        if problem:
            return problem
        self.config["connector_configuration"] = json.loads(config)
        if self.state["configurationStatus"] in ("INSTALLED", "PREREQUISITES_DONE"):
            self.state["configurationStatus"] = "CONFIGURED"
        return {"response_code": "OK", "message": "Connector successfully configured."}

    def _set_connection_configuration(self, config):
        problem = self._expect(["CONFIGURING"], ["CONFIGURED", "CONNECTED"])
        if problem:
            return problem
        self.config["connection_configuration"] = json.loads(config)
        self.state["configurationStatus"] = "CONNECTED"
        return {"response_code": "OK", "message": "Connection successfully tested."}

    def _set_secret(self, field, value):
        """SET_SECRET of the setup script: the secret fields only, a value that is not empty; kept in memory."""
        fields = [f["name"] for f in self.model["connectionFields"] if f["type"] == "secret"]
        if field not in fields:
            return {"response_code": "INVALID_CONFIGURATION_VALUE", "message": "SET_SECRET: FIELD is not a secret "
                    "field of this connector; give one of " + ", ".join(fields) + "."}
        if not value:
            return {"response_code": "INVALID_CONFIGURATION_VALUE", "message": "SET_SECRET: the value for " + field
                    + " is empty; give the secret's value."}
        self.secrets[field] = value
        return {"response_code": "OK", "message": "The secret of " + field + " is set."}

    def _update_connection_configuration(self, config):
        problem = self._expect(["PAUSED"])
        if problem:
            return problem
        self.config["connection_configuration"] = json.loads(config)
        return {"response_code": "OK", "message": "Connection successfully tested."}

    def _finalize_connector_configuration(self, custom):
        problem = self._expect(["CONFIGURING"], ["CONNECTED"])
        if problem:
            return problem
        self.state = {"status": "STARTED", "configurationStatus": "FINALIZED"}
        return {"response_code": "OK", "message": "Connector finalized."}

    def _reset_configuration(self):
        self.state = {"status": "CONFIGURING", "configurationStatus": "INSTALLED"}
        self.config = {}
        return {"response_code": "OK"}

    def _pause_connector(self):
        problem = self._expect(["STARTED", "PAUSING"])
        if problem:
            return problem
        self.state["status"] = "PAUSED"
        return {"response_code": "OK", "message": "Connector successfully paused."}

    def _resume_connector(self):
        problem = self._expect(["PAUSED", "STARTING"])
        if problem:
            return problem
        self.state["status"] = "STARTED"
        return {"response_code": "OK", "message": "Connector successfully resumed."}

    def _update_warehouse(self, name):
        problem = self._expect(["PAUSED"])
        if problem:
            return problem
        self.config.setdefault("connector_configuration", {})["warehouse"] = name
        return {"response_code": "OK"}

    def _recover_connector_state(self, status):
        self.state["status"] = status
        return {"response_code": "OK", "message": "Connector status recovered."}

    def _create_resource(self, name, resource_id, configurations, identifier=None, enabled=False, metadata=None):
        identifier = identifier or name + "_id"
        self.resources.append({"ID": identifier, "NAME": name, "RESOURCE_ID": resource_id, "IS_ENABLED": enabled,
                               "INGESTION_CONFIGURATION": configurations, "LAST_ERROR": None})
        return {"response_code": "OK", "message": "Resource created.", "id": identifier}

    def _resource(self, identifier):
        return next(resource for resource in self.resources if resource["ID"] == identifier)

    def _enable_resource(self, identifier):
        self._resource(identifier)["IS_ENABLED"] = True
        return {"response_code": "OK", "message": "Resource successfully enabled."}

    def _disable_resource(self, identifier):
        self._resource(identifier)["IS_ENABLED"] = False
        return {"response_code": "OK", "message": "Resource successfully disabled."}

    def _update_resource(self, identifier, configurations):
        self._resource(identifier)["INGESTION_CONFIGURATION"] = configurations
        return {"response_code": "OK", "message": "Resource successfully updated."}

    def _run_ingestion_now(self, identifier=None):
        return {"response_code": "OK", "message": "1 ingestion ran."}

    # --- views ---
    def view(self, name):
        if name == "PREREQUISITES":
            return [{"ID": key, "TITLE": key, "IS_COMPLETED": done} for key, done in self.prerequisites.items()]
        if name == "CONNECTOR_CONFIGURATION":
            rows = []
            for group, values in self.config.items():
                for key, value in values.items():
                    shown = "********" if group == "connection_configuration" and str(value).endswith("_SECRET") \
                        else (json.dumps(value) if isinstance(value, (dict, list, bool)) else str(value))
                    rows.append({"CONFIG_GROUP": group, "CONFIG_KEY": key, "VALUE": shown})
            return rows
        if name == "SYNC_STATUS":
            if self.state["status"] == "PAUSED":
                return [{"STATUS": "PAUSED", "LAST_SYNCED_AT": None}]
            return [{"STATUS": "SYNCING_DATA" if any(r["IS_ENABLED"] for r in self.resources) else "NOT_SYNCING",
                     "LAST_SYNCED_AT": None}]
        if name == "INGESTION_DEFINITIONS":
            return [{"ID": r["ID"], "NAME": r["NAME"], "IS_ENABLED": r["IS_ENABLED"],
                     "INGESTION_CONFIGURATION": r["INGESTION_CONFIGURATION"]} for r in self.resources]
        if name == "RESOURCE_STATUS":
            return [{"RESOURCE_INGESTION_DEFINITION_ID": r["ID"], "NAME": r["NAME"], "IS_ENABLED": r["IS_ENABLED"],
                     "PROCESS_STATUS": "SCHEDULED" if r["IS_ENABLED"] else "FINISHED", "ATTEMPTS": 0 if not
                     r["LAST_ERROR"] else 2, "LAST_ERROR": r["LAST_ERROR"], "NEXT_RUN_AT": "2026-12-07 09:00:00",
                     "LAST_RUN_STATUS": "COMPLETED", "LAST_RUN_STARTED_AT": "2026-12-07 07:00:00",
                     "LAST_RUN_COMPLETED_AT": "2026-12-07 07:00:05", "LAST_RUN_ROWS": 42}
                    for r in sorted(self.resources, key=lambda r: r["NAME"])]
        raise AssertionError("the fake app has no view " + name)


class FakeSession:
    """Snowpark's session.sql(query, params).collect(), answered by a FakeApp; every statement is recorded."""

    def __init__(self, app):
        self.app = app
        self.statements = []

    def sql(self, query, params=None):
        self.statements.append((query, list(params) if params is not None else None))
        if "?" in query and (params is None or query.count("?") != len(params)):
            raise AssertionError("unbound placeholders in " + query + " with " + repr(params))
        if query == "SELECT IS_APPLICATION_ROLE_IN_SESSION('ADMIN')":
            return Result([{"IS_APPLICATION_ROLE_IN_SESSION('ADMIN')": self.app.admin}])
        if query.startswith("CALL PUBLIC."):
            procedure = query[len("CALL PUBLIC."):query.index("(")]
            answer = self.app.call(procedure, params or [])
            return Result([{procedure: json.dumps(answer)}])
        if query.startswith("SELECT * FROM PUBLIC."):
            view = query[len("SELECT * FROM PUBLIC."):].split(" ")[0]
            return Result(self.app.view(view))
        if query.startswith("SELECT RUN_DATE, UPDATED_ROWS FROM PUBLIC.AGGREGATED_CONNECTOR_STATS"):
            return Result(self.app.stats)
        if "FROM PUBLIC.CONNECTOR_STATS" in query:
            return Result(self.app.runs[:params[0]])
        raise AssertionError("unexpected statement " + query)

    def calls(self):
        """The CALL statements, as (procedure, params)."""
        return [(query[len("CALL PUBLIC."):query.index("(")], params) for query, params in self.statements
                if query.startswith("CALL PUBLIC.") and "GET_CONNECTOR_STATUS" not in query]


class Rerun(Exception):
    """What st.rerun() raises, as Streamlit's own does to stop the script."""


class _Block:
    """A place elements go: the page, the sidebar, a column or a form."""

    def __init__(self, st, where):
        self._st = st
        self._where = where

    def __getattr__(self, name):
        method = getattr(self._st, name)

        def in_block(*args, **kwargs):
            previous = self._st.where
            self._st.where = self._where
            try:
                return method(*args, **kwargs)
            finally:
                self._st.where = previous
        return in_block

    def __enter__(self):
        self._previous = self._st.where
        self._st.where = self._where
        return self

    def __exit__(self, *exc):
        self._st.where = self._previous
        return False


class FakeStreamlit:
    """Records every element as (where, kind, text) and answers widgets from scripted inputs by key.

    inputs: {key: value} for inputs and radios; clicks: keys of buttons (a form's submit button is the form's name)
    pressed in the coming run. After a rerun the clicks are spent, as in Streamlit.
    """

    def __init__(self, inputs=None, clicks=()):
        self.inputs = dict(inputs or {})
        self.clicks = set(clicks)
        self.session_state = {}
        self.elements = []
        self.where = "main"
        self.sidebar = _Block(self, "sidebar")
        self._columns = 0

    def _add(self, kind, text, **details):
        self.elements.append((self.where, kind, text, details))

    # text
    def title(self, text):
        self._add("title", text)

    def header(self, text):
        self._add("header", text)

    def subheader(self, text):
        self._add("subheader", text)

    def caption(self, text):
        self._add("caption", text)

    def write(self, text):
        self._add("write", str(text))

    def markdown(self, text):
        self._add("markdown", text)

    def info(self, text):
        self._add("info", text)

    def success(self, text):
        self._add("success", text)

    def warning(self, text):
        self._add("warning", text)

    def error(self, text):
        self._add("error", text)

    def metric(self, label, value):
        self._add("metric", label + ": " + str(value))

    # data
    def dataframe(self, data):
        self._add("dataframe", str(len(data)) + " rows", rows=list(data))

    def bar_chart(self, data, x=None, y=None):
        self._add("bar_chart", "x=" + str(x) + " y=" + str(y), data=data)

    # widgets
    def _value(self, key, default):
        return self.inputs.get(key, default)

    def checkbox(self, label, value=False, key=None, help=None):
        result = self._value(key, value)
        self._add("checkbox", label, key=key, value=result)
        return result

    def text_input(self, label, value="", key=None, help=None, type="default"):
        result = self._value(key, value)
        self._add("text_input", label, key=key, value=result, type=type)
        return result

    def text_area(self, label, value="", key=None, help=None):
        result = self._value(key, value)
        self._add("text_area", label, key=key, value=result)
        return result

    def selectbox(self, label, options, index=0, key=None, help=None):
        options = list(options)
        result = self._value(key, options[index] if options else None)
        self._add("selectbox", label, key=key, value=result, options=options, index=index)
        return result

    def radio(self, label, options, index=0, key=None):
        options = list(options)
        result = self._value(key, options[index] if options else None)
        self._add("radio", label, key=key, value=result, options=options)
        return result

    def button(self, label, key=None):
        self._add("button", label, key=key)
        return key in self.clicks

    def form(self, name, clear_on_submit=False):
        self._add("form", name, clear_on_submit=clear_on_submit)
        block = _Block(self, self.where + "/form:" + name)
        block.name = name
        self._form = name
        return block

    def form_submit_button(self, label):
        self._add("submit", label, form=self._form)
        return self._form in self.clicks

    def columns(self, count):
        self._columns += 1
        return [_Block(self, self.where + "/column" + str(i + 1)) for i in range(count)]

    def rerun(self):
        raise Rerun()

    # reading the record
    def texts(self, kind=None):
        return [text for _, element_kind, text, _ in self.elements if kind is None or element_kind == kind]

    def has(self, kind, text):
        return any(text in shown for shown in self.texts(kind))


class FakePermissions:
    """The Permission SDK: which references are bound, which privileges held, and what was requested."""

    def __init__(self, bound=(), held=()):
        self.available = True
        self.bound = set(bound)
        self.held = set(held)
        self.requested = []

    def is_bound(self, reference):
        return reference in self.bound

    def request_reference(self, reference):
        self.requested.append(reference)

    def missing_privileges(self, privileges):
        return [privilege for privilege in privileges if privilege not in self.held]

    def request_privileges(self, privileges):
        self.requested.extend(privileges)


def write_model(folder, model):
    with open(os.path.join(folder, "connector_model.json"), "w", encoding="utf-8") as file:
        json.dump(model, file)


def run_pages(session, st, folder, permissions, max_runs=5):
    """Runs the app as Streamlit would, rerunning after st.rerun() with the clicks spent; answers the last run."""
    from connector_ui.app import run  # noqa: PLC0415 - after sys.path is set

    for _ in range(max_runs):
        st.elements = []
        try:
            run(st, session, folder, permissions)
            return st
        except Rerun:
            st.clicks = set()
    raise AssertionError("the app kept rerunning")
