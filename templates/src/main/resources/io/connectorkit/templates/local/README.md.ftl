<#include "../common/readme-body.md.ftl">

## Installing

This folder is the app for the embedded target: run `setup.sql` on an H2 database with the jars of `lib/` on the
class path of the JVM that opens it. Running it again upgrades the app in place and keeps its state.

The database's admin user (no user name) acts as application role ADMIN. The user `VIEWER` (empty password) acts as
VIEWER: it reads the views and calls `GET_CONNECTOR_STATUS()` and `GET_CONNECTION_CONFIGURATION()`; any other
procedure fails for it with SQL state 42501.
