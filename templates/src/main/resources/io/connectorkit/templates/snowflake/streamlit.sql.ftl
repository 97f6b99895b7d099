
-- The connector's Streamlit app (the wizard and the daily-use pages), from the bundle's ${streamlit.folder.text} folder;
-- its main file must sit in that folder's root (https://docs.snowflake.com/en/sql-reference/sql/create-streamlit).
-- It lives in a versioned schema, so each version's script creates it from that version's files
-- (https://docs.snowflake.com/en/developer-guide/native-apps/update-app-versioned-schema), and CREATE OR REPLACE drops
-- its grants, given again below. ADMIN and VIEWER may open it: a Streamlit app runs with the application's rights
-- (https://docs.snowflake.com/en/developer-guide/streamlit/owners-rights), so the pages themselves check
-- IS_APPLICATION_ROLE_IN_SESSION('ADMIN') and show a VIEWER the read-only pages only.
CREATE OR ALTER VERSIONED SCHEMA ${streamlit.schema};
GRANT USAGE ON SCHEMA ${streamlit.schema} TO APPLICATION ROLE ADMIN;
GRANT USAGE ON SCHEMA ${streamlit.schema} TO APPLICATION ROLE VIEWER;
CREATE OR REPLACE STREAMLIT ${streamlit.name} FROM ${streamlit.folder.sql} MAIN_FILE = ${streamlit.mainFile.sql} TITLE = ${streamlit.title.sql};
GRANT USAGE ON STREAMLIT ${streamlit.name} TO APPLICATION ROLE ADMIN;
GRANT USAGE ON STREAMLIT ${streamlit.name} TO APPLICATION ROLE VIEWER;
