// After the second deploy, on the fake account: one app built from the project's jar, its references bound once.
def server = context.snowflake
if (server == null) {
    return true
}
def statements = server.snowflake().applicationStatements()*.sql()
assert statements.count { it.startsWith('CREATE APPLICATION "SNOW_CONNECTOR"') } == 1
assert statements.count { it.startsWith('ALTER APPLICATION "SNOW_CONNECTOR" UPGRADE') } == 1
assert statements.count { it.startsWith('CREATE OR REPLACE SECRET') } == 1
assert server.snowflake().stageFiles('@"SNOW_CONNECTOR_PKG".APP_SRC.STAGE').keySet().contains('lib/snow-connector.jar')
def app = server.account().app('SNOW_CONNECTOR').orElseThrow()
assert app.boundReferences == ['WAREHOUSE_REFERENCE': '"SNOW_WH"',
                               'API_TOKEN_SECRET': '"SNOW_CONNECTOR_SECRETS"."PUBLIC"."SNOW_CONNECTOR_API_TOKEN"']
// The app holds what the manifest lists; finalize made the destination database the app's own.
assert server.account().accountPrivilegesOf('SNOW_CONNECTOR') == ['EXECUTE TASK', 'CREATE DATABASE',
                                                                   'CREATE EXTERNAL ACCESS INTEGRATION'] as Set
// Its API_ACCESS specification approved once (the second configure had nothing to do), and the integration it made
// itself, named after the app, given to the procedures that call the API.
assert app.specificationStatuses() == ['API_ACCESS': 'APPROVED']
assert statements.count { it.startsWith('ALTER APPLICATION "SNOW_CONNECTOR" APPROVE SPECIFICATION "API_ACCESS"') } == 1
assert app.createdIntegrations() == ['"SNOW_CONNECTOR_API_ACCESS"'] as Set
assert app.externalAccess['SET_CONNECTION_CONFIGURATION'].integrations() == ['"SNOW_CONNECTOR_API_ACCESS"']
assert server.account().warehousesOf('SNOW_CONNECTOR') == ['SNOW_WH'] as Set
// The archetype's manifest is version 2: Snowflake granted EXECUTE TASK and CREATE DATABASE at install, so configure
// granted only USAGE on the warehouse.
assert statements.count { it.startsWith('GRANT ') && it.endsWith(' TO APPLICATION "SNOW_CONNECTOR"') } == 1
assert server.account().objectsOwnedBy('SNOW_CONNECTOR') == ['SNOW_CONNECTOR_DATA'] as Set
return true
