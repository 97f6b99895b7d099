<#include "../common/readme-body.md.ftl">

## Installing

This folder is the app: `setup.sql`, `manifest.yml`, this README and the jars in `lib/`. Upload it to the stage of an
application package and create the app from it, or use one of two tools, each with its own app:

- `mvn connector:deploy -Dconnector.target=snowflake` in the connector project installs `${cli.kitAppName.md}` from the
  package `${cli.kitPackageName.md}` (or the names given with `-Dconnector.appName` and `-Dconnector.packageName`);
- `snow app run` in the folder above, which holds `snowflake.yml`, installs `${cli.appName.md}` from the package
  `${cli.packageName.md}` (Snowflake CLI 3.0 or newer).

Each tool marks what it creates with its own comment and refuses to change an app or package the other created, so
the two apps are named apart; `snow app teardown` removes the CLI's, `mvn connector:undeploy` the kit's.
