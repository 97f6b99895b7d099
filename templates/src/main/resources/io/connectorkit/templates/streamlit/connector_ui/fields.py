"""Inputs typed from the descriptor's fields, and the values they give the procedures.

A field's widget: string, identifier, url, cron → text input; integer → text input read as a whole number; boolean →
checkbox; choice → select box of the field's choices; object → JSON text area; secret → password input, empty, whose
value goes to SET_SECRET only (the app keeps it in a SECRET of its own), beside the binding of a SECRET to the field's
reference (see wizard.secret_binding). A secret field's value in the configuration is its reference's name.
"""
import json

# The app's procedure that keeps a typed secret; in the model's procedures when the app has it.
SET_SECRET = "SET_SECRET"

TEXT_TYPES = ("string", "identifier", "url", "cron")

# The standard key global_schedule is an object {"scheduleType": "CRON", "scheduleDefinition": "<cron>"} (spec §2.2.1);
# the page asks for the cron expression only.
GLOBAL_SCHEDULE = "global_schedule"


def initial_text(field, current):
    """What an input starts with: the stored value (text, as the view shows it), else the field's default."""
    if current is not None:
        if field.name == GLOBAL_SCHEDULE:
            try:
                return str(json.loads(current).get("scheduleDefinition", ""))
            except (ValueError, AttributeError):
                return str(current)
        return str(current)
    if field.default is None:
        return ""
    if isinstance(field.default, (dict, list)):
        return json.dumps(field.default)
    if isinstance(field.default, bool):
        return "true" if field.default else "false"
    return str(field.default)


def render_input(st, field, current, key):
    """Draws the field's widget and answers what it holds (text, or a bool for a checkbox)."""
    label = field.label + (" *" if field.required else "")
    help_text = field.description or None
    if field.type == "boolean":
        return st.checkbox(label, value=initial_text(field, current).lower() == "true", key=key, help=help_text)
    if field.type == "object":
        return st.text_area(label, value=initial_text(field, current), key=key, help=help_text)
    if field.type == "choice":
        initial = initial_text(field, current)
        options = choice_options(field, initial)
        index = options.index(initial) if initial in options else 0
        if initial and initial not in options:
            # The descriptor's choices changed since the value was saved: say so, rather than show "not set".
            st.warning(field.label + ": the saved value '" + initial + "' is no longer one of the choices; pick one "
                       "of " + ", ".join(field.choices))
        return st.selectbox(label, options, index=index, key=key, help=help_text)
    return st.text_input(label, value=initial_text(field, current), key=key, help=help_text)


def render_secret_input(st, field, key):
    """A password input for a secret field: masked, never prefilled, so the page never shows a secret
    (https://docs.streamlit.io/develop/api-reference/widgets/st.text_input, type="password")."""
    help_text = field.description or None
    return st.text_input(field.label + " (new value)", value="", key=key, help=help_text, type="password")


def choice_options(field, initial):
    """The select box's options: the choices, after an empty option ("not set") when the field is optional or nothing
    is chosen yet, so that the page never picks a choice the user did not pick (a select box shows its first option
    until the user picks one: https://docs.streamlit.io/library/advanced-features/widget-behavior)."""
    choices = list(field.choices)
    if not field.required or initial not in choices:
        return [""] + choices
    return choices


def convert(field, raw):
    """The JSON value for the field, or (None, problem). An empty optional input is left out (None, None)."""
    if field.type == "boolean":
        return bool(raw), None
    text = "" if raw is None else str(raw).strip()
    if not text:
        if field.required:
            return None, field.name + " is required; enter a value"
        return None, None
    if field.type == "integer":
        try:
            return int(text), None
        except ValueError:
            return None, field.name + ": '" + text + "' is not a whole number; enter digits only, such as 100"
    if field.type == "object":
        try:
            value = json.loads(text)
        except ValueError as error:
            return None, field.name + ": not JSON (" + str(error) + "); enter an object such as {\"key\": \"value\"}"
        if not isinstance(value, dict):
            return None, field.name + ": enter a JSON object in braces, such as {\"key\": \"value\"}"
        return value, None
    if field.type == "choice" and text not in field.choices:
        return None, (field.name + ": '" + text + "' is not one of the choices; choose one of "
                      + ", ".join(field.choices))
    if field.name == GLOBAL_SCHEDULE:
        return {"scheduleType": "CRON", "scheduleDefinition": text}, None
    return text, None


def collect(fields, raws):
    """The configuration object of the filled inputs, and every problem found (nothing is sent while there is one)."""
    values = {}
    problems = []
    for field in fields:
        value, problem = convert(field, raws.get(field.name))
        if problem:
            problems.append(problem)
        elif value is not None:
            values[field.name] = value
    return values, problems
