# ${app.label.text}

Version ${app.version.text}<#if app.comment.text?has_content>: ${app.comment.text}</#if>. A Snowflake connector built with ${generator}.

## Wizard

1. Prerequisites<#if prerequisites?has_content>:
<#list prerequisites as p>
   - ${p.title.text}: ${p.description.text}
</#list>
<#else>
 (none).
</#if>
   `CALL PUBLIC.COMPLETE_PREREQUISITES_STEP();`
2. Connector configuration: `CALL PUBLIC.CONFIGURE_CONNECTOR(PARSE_JSON('{...}'));`
3. Connection configuration, tested before it is saved: `CALL PUBLIC.SET_CONNECTION_CONFIGURATION(PARSE_JSON('{...}'));`
4. Finalization: `CALL PUBLIC.FINALIZE_CONNECTOR_CONFIGURATION(PARSE_JSON('{}'));`

Then `PAUSE_CONNECTOR()`, `RESUME_CONNECTOR()`, and while paused `UPDATE_WAREHOUSE('<name>')` and
`UPDATE_CONNECTION_CONFIGURATION(...)`. `GET_CONNECTOR_STATUS()` tells where the connector is.

## Configuration

| group | field | type | required | default | description |
|---|---|---|---|---|---|
<#list connectorFields as field>
| connector | `${field.name.md}` | ${field.type}<#if field.choices?has_content> (one of <#list field.choices as choice>`${choice.md}`<#sep>, </#sep></#list>)</#if> | ${field.required?string("yes", "no")} | ${field.defaultJson.md} | ${field.description.md} |
</#list>
<#list connectionFields as field>
| connection | `${field.name.md}` | ${field.type}<#if field.choices?has_content> (one of <#list field.choices as choice>`${choice.md}`<#sep>, </#sep></#list>)</#if> | ${field.required?string("yes", "no")} | ${field.defaultJson.md} | ${field.description.md} |
</#list>

The connector configuration also takes the standard keys `warehouse`, `destination_database`, `destination_schema`,
`global_schedule` and the others of the runtime. Secret fields are never shown by a view or a read procedure.
<#if secretFields?has_content>

A secret field holds the name of its secret reference, never the secret itself: <#list secretFields as secret>`${secret.reference.md}` for `${secret.name.md}`<#sep>, </#sep></#list>.
Bind the secret to its reference before giving the name (`mvn connector:configure` does both)<#if dialect == "local">: `CALL PUBLIC.REGISTER_SECRET('<reference>', '<secret>');` as ADMIN<#else>: a SECRET object bound to the app's reference of that name</#if>.
</#if>
