<#include "../common/readme-body.md.ftl">

## Installing

This folder is the app: `setup.sql`, `manifest.yml`, this README and the jars in `lib/`. Upload it to the stage of an
application package and create the app from it, or use one of two tools, each with its own app:

- `mvn connector:deploy -Dconnector.target=snowflake` in the connector project installs `${cli.kitAppName.md}` from the
  package `${cli.kitPackageName.md}` (or the names given with `-Dconnector.appName` and `-Dconnector.packageName`);
- `snow app run` in the folder above, which holds `snowflake.yml`, installs `${cli.appName.md}` from the package
  `${cli.packageName.md}` (Snowflake CLI 3.0 or newer).

<#if manifest.privileges?has_content>
<#if manifest.grantsPrivilegesAutomatically>
The manifest (version ${manifest.version?c}) lists these account privileges, which Snowflake grants the app when it
is installed and upgraded; a consumer agrees to them by installing the app, and cannot revoke them afterwards:
<#else>
The manifest (version ${manifest.version?c}) requests these account privileges, which the consumer grants
(`GRANT <privilege> ON ACCOUNT TO APPLICATION <app>`, as `mvn connector:configure` does when its role may):
</#if>

<#list manifest.privileges as privilege>
- `${privilege.name.md}`: ${privilege.description.md}
</#list>

</#if>
<#if specifications?has_content>
Before it reaches outside Snowflake, the app asks the consumer to approve these app specifications (Snowsight: the
app's Security tab; `SHOW SPECIFICATIONS IN APPLICATION <app>`, then `ALTER APPLICATION <app> APPROVE SPECIFICATION
<name> SEQUENCE_NUMBER = <n>`); an upgrade that changes one asks again:

<#list specifications as specification>
- `${specification.name.md}` (${specification.type}, "${specification.label.md}"): ${specification.description.md}<#if specification.externalAccess> — hosts <#list specification.hosts as host>`${host.md}`<#sep>, </#sep></#list></#if><#if !specification.externalAccess> — OAuth ${specification.oauthType.md}, token endpoint ${specification.tokenEndpoint.md}</#if>
</#list>

</#if>
Each tool marks what it creates with its own comment and refuses to change an app or package the other created, so
the two apps are named apart; `snow app teardown` removes the CLI's, `mvn connector:undeploy` the kit's.
