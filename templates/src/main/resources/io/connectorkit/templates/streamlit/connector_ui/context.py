"""What every page gets: Streamlit, the client, the model, the consumer's permissions, the connector's status."""

LAST_MESSAGE = "connector_ui_last_message"


class Context:
    def __init__(self, st, client, model, permissions, folder):
        self.st = st
        self.client = client
        self.model = model
        self.permissions = permissions
        self.folder = folder
        self._status = None

    @property
    def is_admin(self):
        return self.client.is_admin()

    @property
    def status(self):
        if self._status is None:
            self._status = self.client.status()
        return self._status

    def show(self, response):
        """Shows a procedure's response message: success or error, as the procedure answered."""
        if response.ok:
            self.st.success(response.text())
        else:
            self.st.error(response.text())
        return response

    def act(self, response):
        """After a success the page reruns, so it shows the new state, with the message kept for that run; a failure
        is shown at once. Answers the response."""
        if response.ok:
            self._status = None
            self.st.session_state[LAST_MESSAGE] = response.text()
            self.st.rerun()
        else:
            self.show(response)
        return response

    def last_message(self):
        """The message of the action that caused this rerun, shown once."""
        message = self.st.session_state.pop(LAST_MESSAGE, None)
        if message:
            self.st.success(message)


class Permissions:
    """The consumer's references and privileges, through Snowflake's Python Permission SDK
    (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-ui). Outside Snowflake, or without the
    package, it reports itself unavailable and the pages say how to bind with SQL instead."""

    def __init__(self, module=None):
        if module is None:
            try:
                import snowflake.permissions as module  # noqa: PLC0415 - only in Streamlit in Snowflake
            except ImportError:
                module = None
        self._module = module

    @property
    def available(self):
        return self._module is not None

    def is_bound(self, reference):
        return bool(self._module and self._module.get_reference_associations(reference))

    def request_reference(self, reference):
        self._module.request_reference(reference)

    def missing_privileges(self, privileges):
        if not self._module:
            return list(privileges)
        held = set(self._module.get_held_account_privileges(list(privileges)))
        return [privilege for privilege in privileges if privilege not in held]

    def request_privileges(self, privileges):
        self._module.request_account_privileges(list(privileges))
