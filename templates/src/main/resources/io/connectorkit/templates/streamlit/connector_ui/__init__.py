"""Connector Kit's Streamlit UI: thin pages over a client of the app's procedures and views.

Modules: client (procedure calls with bound values, responses), model (the generated connector_model.json), fields
(typed inputs), wizard and daily (the pages), pages (the page registry and the extension point), app (routing).
"""
