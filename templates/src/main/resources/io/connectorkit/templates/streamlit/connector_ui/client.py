"""Calls the app's procedures and reads its views through a Snowpark session, with every value bound.

Streamlit in Snowflake runs with the application's own rights, so a procedure granted to ADMIN only would still run
for a VIEWER who opens the app (https://docs.snowflake.com/en/developer-guide/streamlit/owners-rights). The client
therefore asks Snowflake which application role the user holds and refuses every state-changing call for anyone who
is not ADMIN, whatever a page shows.
"""
import json

OK = "OK"

# What a refused or failed call answers; not codes the runtime uses.
NOT_ADMIN = "NOT_ADMIN"
SQL_ERROR = "SQL_ERROR"

# The views the pages read (spec §3.13 and the kit's RESOURCE_STATUS); names are fixed here, never taken from input.
VIEWS = (
    "CONNECTOR_CONFIGURATION",
    "PREREQUISITES",
    "SYNC_STATUS",
    "INGESTION_DEFINITIONS",
    "RESOURCE_STATUS",
    "CONNECTOR_STATS",
    "AGGREGATED_CONNECTOR_STATS",
)


class Response:
    """A procedure's answer: {"response_code", "message", ...}, or why the call did not happen."""

    def __init__(self, code, message="", body=None):
        self.code = code
        self.message = message or ""
        self.body = body if body is not None else {}

    @property
    def ok(self):
        return self.code == OK

    def text(self):
        """What a page shows: the message, or the code when the procedure gave none."""
        if self.ok:
            return self.message or "Done."
        return (self.message + " (" + self.code + ")") if self.message else self.code

    @staticmethod
    def parse(value):
        """A VARIANT as Snowpark returns it (JSON text) or as a dict; other values are kept as the message."""
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return Response(OK if value.strip().lower() == "success" else "UNEXPECTED_ANSWER", value)
        if isinstance(value, dict):
            return Response(str(value.get("response_code", OK)), str(value.get("message", "") or ""), value)
        if value is None:
            return Response(OK, "")
        return Response("UNEXPECTED_ANSWER", str(value))


def row_dict(row):
    """A Snowpark Row (or a dict) as a dict keyed by upper-case column names."""
    values = row.as_dict() if hasattr(row, "as_dict") else dict(row)
    return {str(key).upper(): value for key, value in values.items()}


class ConnectorClient:
    """The app's procedures and views for the pages.

    procedures: the generated model's catalog, {name: {"arguments": [{"name", "type"}], "access": ...}}.
    """

    def __init__(self, session, procedures):
        self._session = session
        self._procedures = procedures
        self._admin = None

    def is_admin(self):
        """Whether the consumer's session holds the app's ADMIN role
        (https://docs.snowflake.com/en/sql-reference/functions/is_application_role_in_session)."""
        if self._admin is None:
            try:
                rows = self._session.sql("SELECT IS_APPLICATION_ROLE_IN_SESSION('ADMIN')").collect()
                self._admin = bool(rows and rows[0][0])
            except Exception:  # noqa: BLE001 - no answer means no ADMIN rights in the UI
                self._admin = False
        return self._admin

    def changes_state(self, procedure):
        return self._procedure(procedure)["access"] != "ADMIN_AND_VIEWER"

    def call(self, procedure, *arguments):
        """CALL PUBLIC.<procedure>(?, PARSE_JSON(?), ...): VARIANT arguments travel as JSON text, others as they are.

        Trailing arguments with a default may be left out. Answers the procedure's response; a refused call or a
        Snowflake error becomes a response too, so a page always has one message to show.
        """
        spec = self._procedure(procedure)
        declared = spec["arguments"]
        if len(arguments) > len(declared):
            raise ValueError(procedure + " takes " + str(len(declared)) + " arguments, not " + str(len(arguments)))
        if spec["access"] == "INTERNAL":
            raise ValueError(procedure + " is internal to the app; the UI calls only granted procedures")
        if self.changes_state(procedure) and not self.is_admin():
            return Response(NOT_ADMIN, "Only the app's ADMIN role may do this; ask an ADMIN, or use a role that "
                            "has been granted the application role ADMIN.")
        placeholders = []
        params = []
        for argument, value in zip(declared, arguments):
            if argument["type"] == "VARIANT":
                placeholders.append("PARSE_JSON(?)")
                params.append(None if value is None else json.dumps(value))
            else:
                placeholders.append("?")
                params.append(value)
        sql = "CALL PUBLIC." + procedure + "(" + ", ".join(placeholders) + ")"
        # Snowpark binds qmark variables given as params
        # (https://docs.snowflake.com/en/developer-guide/snowpark/reference/python/latest/snowpark/api/snowflake.snowpark.Session.sql).
        try:
            rows = self._session.sql(sql, params=params).collect()
        except Exception as error:  # noqa: BLE001 - a raised procedure error is shown like a returned one
            return Response(SQL_ERROR, _first_line(error))
        return Response.parse(rows[0][0] if rows else None)

    def status(self):
        """GET_CONNECTOR_STATUS as a dict: status, configurationStatus (spec §3.2)."""
        response = self.call("GET_CONNECTOR_STATUS")
        return response.body if response.ok else {"status": "UNKNOWN", "configurationStatus": "UNKNOWN",
                                                   "message": response.text()}

    def rows(self, view, order_by=None):
        """Every row of one of the app's public views, as dicts."""
        if view not in VIEWS:
            raise ValueError(view + " is not a view the UI reads; add it to client.VIEWS")
        sql = "SELECT * FROM PUBLIC." + view
        if order_by:
            if order_by not in _ORDERINGS:
                raise ValueError("unknown ordering " + order_by)
            sql += " ORDER BY " + order_by
        return [row_dict(row) for row in self._session.sql(sql).collect()]

    def hourly_statistics(self):
        """Rows ingested per hour over the last day (spec §6.5)."""
        rows = self._session.sql(
            "SELECT RUN_DATE, UPDATED_ROWS FROM PUBLIC.AGGREGATED_CONNECTOR_STATS"
            " WHERE RUN_DATE >= DATEADD(DAY, -1, CURRENT_TIMESTAMP()) ORDER BY RUN_DATE").collect()
        return [row_dict(row) for row in rows]

    def recent_runs(self, limit=20):
        rows = self._session.sql(
            "SELECT RESOURCE_INGESTION_DEFINITION_NAME, STARTED_AT, COMPLETED_AT, STATUS, INGESTED_ROWS, METADATA"
            " FROM PUBLIC.CONNECTOR_STATS ORDER BY STARTED_AT DESC LIMIT ?", params=[int(limit)]).collect()
        return [row_dict(row) for row in rows]

    def configuration(self, group):
        """One group of CONNECTOR_CONFIGURATION (secrets come masked from the view) as {key: text value}."""
        return {row["CONFIG_KEY"]: row["VALUE"] for row in self.rows("CONNECTOR_CONFIGURATION")
                if row.get("CONFIG_GROUP") == group}

    def _procedure(self, procedure):
        if procedure not in self._procedures:
            raise ValueError(procedure + " is not one of the app's procedures")
        return self._procedures[procedure]


_ORDERINGS = ("NAME", "STARTED_AT DESC")


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
